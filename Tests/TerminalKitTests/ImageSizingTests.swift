import Plots
import Testing
@testable import TerminalKit

private func sized(_ mode: GraphicsMode, columns: Int = 100, rows: Int = 50,
                          cell: (Int, Int) = (10, 20)) -> TerminalCapabilities {
    TerminalCapabilities(mode: mode, modeReason: "", colors: .trueColor, colorsReason: "",
                         cellWidth: cell.0, cellHeight: cell.1, cellSizeSource: "", columns: columns,
                         rows: rows, synchronizedOutput: false, tmux: false, interactive: true,
                         term: "", termProgram: "", replies: [])
}

@Suite struct ImageSizingTests {
    @Test func fitsAtItsOwnSizeWhenThereIsRoom() {
        let layout = ImageSizing.fit(preferredWidth: 600, preferredHeight: 400,
                                     capabilities: sized(.kitty), maxWidth: nil)
        #expect(layout == ImageLayout(pixelWidth: 600, pixelHeight: 400, columns: 60, rows: 20))
    }

    @Test func shrinksToTheWindowWidthKeepingAspect() {
        let layout = ImageSizing.fit(preferredWidth: 1200, preferredHeight: 400,
                                     capabilities: sized(.kitty, columns: 80), maxWidth: nil)
        #expect(layout.pixelWidth == 800)
        #expect(layout.pixelHeight == 266)
        #expect(layout.rows == 14)
    }

    @Test func widthOptionCaps() {
        let layout = ImageSizing.fit(preferredWidth: 800, preferredHeight: 400,
                                     capabilities: sized(.iterm), maxWidth: 400)
        #expect((layout.pixelWidth, layout.pixelHeight) == (400, 200))
    }

    @Test func leavesRowsForTheStatusLineAndPrompt() {
        // 24 rows, 2 reserved: 22 rows of 20 px = 440 px high at most.
        let layout = ImageSizing.fit(preferredWidth: 800, preferredHeight: 800,
                                     capabilities: sized(.kitty, rows: 24), maxWidth: nil,
                                     reservedRows: 2)
        #expect(layout.pixelHeight == 440)
        #expect(layout.pixelWidth == 440)
        #expect(layout.rows + 2 <= 24)
    }

    @Test func sixelStaysWithinTheTerminalsLimit() {
        var capabilities = sized(.sixel, columns: 200, rows: 80)
        capabilities.maxSixelWidth = 1000
        capabilities.maxSixelHeight = 1000
        let layout = ImageSizing.fit(preferredWidth: 1200, preferredHeight: 700,
                                     capabilities: capabilities, maxWidth: nil)
        #expect(layout.pixelWidth <= 1000 && layout.pixelHeight <= 1000)
        #expect(layout.pixelWidth >= 990)
        capabilities.mode = .kitty
        #expect(ImageSizing.fit(preferredWidth: 1200, preferredHeight: 700, capabilities: capabilities,
                                maxWidth: nil).pixelWidth == 1200, "only Sixel has that limit")
    }

    @Test func sixelHeightIsWholeBands() {
        let layout = ImageSizing.fit(preferredWidth: 500, preferredHeight: 333,
                                     capabilities: sized(.sixel), maxWidth: nil)
        #expect(layout.pixelHeight % 6 == 0)
        #expect(layout.pixelHeight == 330)
    }

    @Test(arguments: [GraphicsMode.blocks, .braille, .ascii])
    func textModesFillTheColumns(mode: GraphicsMode) {
        let layout = ImageSizing.fit(preferredWidth: 800, preferredHeight: 200,
                                     capabilities: sized(mode, columns: 81, rows: 50), maxWidth: 300)
        #expect(layout.columns == 80)
        #expect(layout.rows == 10)
        #expect(layout.pixelWidth == 640)
        #expect(layout.pixelHeight == 160)
    }

    @Test func tallTextPicturesAreNarrowedToFitTheRows() {
        let layout = ImageSizing.fit(preferredWidth: 400, preferredHeight: 400,
                                     capabilities: sized(.blocks, columns: 200, rows: 22), maxWidth: nil)
        #expect(layout.columns == 40)
        #expect(layout.rows == 20)
    }

    @Test(arguments: [(0, 0), (-5, 10), (1_000_000, 3)])
    func absurdSizesStillGiveAPicture(width: Int, height: Int) {
        let layout = ImageSizing.fit(preferredWidth: width, preferredHeight: height,
                                     capabilities: sized(.kitty), maxWidth: nil)
        #expect(layout.pixelWidth >= 1 && layout.pixelWidth <= 1000)
        #expect(layout.pixelHeight >= 1 && layout.rows <= 48)
    }
}
