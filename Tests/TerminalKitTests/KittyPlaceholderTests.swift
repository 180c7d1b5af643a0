import Foundation
@testable import Plots
import Testing
@testable import TerminalKit

@Suite struct KittyPlaceholderTests {
    /// The table is kitty's: 297 marks of combining class 230 in increasing order, starting
    /// with the three the protocol's documentation spells out.
    @Test func theRowColumnMarksAreKittys() {
        let marks = KittyDiacritics.marks
        #expect(marks.count == 297)
        #expect(Array(marks.prefix(3)) == [0x0305, 0x030D, 0x030E])
        #expect(marks.last == 0x1D244)
        #expect(zip(marks, marks.dropFirst()).allSatisfy { $0 < $1 })
        #expect(marks.allSatisfy { Unicode.Scalar($0)!.properties.canonicalCombiningClass.rawValue == 230 })
    }

    @Test(arguments: [(UInt32(7), 3, 2), (UInt32(255), 40, 12), (KittyPlaceholders.imageID(sequence: 300), 120, 36)])
    func linesDecodeToEveryCellOfTheImage(_ id: UInt32, _ columns: Int, _ rows: Int) {
        let lines = KittyPlaceholders.lines(imageID: id, columns: columns, rows: rows)
        #expect(lines.count == rows)
        var expected: [PlaceholderDecoder.Cell] = []
        for row in 0..<rows {
            let decoded = PlaceholderDecoder(lines[row])
            #expect(decoded.errors.isEmpty, "\(decoded.errors.prefix(3))")
            #expect(decoded.cells.count == columns)
            #expect(decoded.cells.allSatisfy { $0.row == row && $0.imageID == id })
            #expect(decoded.cells.map(\.column) == Array(0..<columns))
            for column in 0..<columns { expected.append(.init(imageID: id, row: row, column: column)) }
            #expect(lines[row].hasSuffix("\u{1B}[39m"), "the colour is reset at the end of each line")
            #expect(lines[row].filter { $0.unicodeScalars.first == KittyPlaceholders.placeholder }.count == columns,
                    "the marks attach to their placeholder: one character (grapheme) a cell")
        }
        #expect(PlaceholderDecoder(lines.joined(separator: "\n")).cells == expected)
    }

    /// Ids name only the bytes the 256-colour form and the third mark can carry.
    @Test func imageIDsFitTheColourAndTheHighMark() {
        var seen = Set<UInt32>()
        for n in stride(from: 0, to: 255 * 256, by: 7) {
            let id = KittyPlaceholders.imageID(sequence: n)
            #expect(id & 0x00FF_FF00 == 0 && id & 0xFF != 0)
            #expect(Int(id >> 24) < KittyPlaceholders.maxCells)
            seen.insert(id)
        }
        #expect(seen.count == (255 * 256 + 6) / 7)
    }

    /// The transmission creates a virtual placement of the picture's cells and carries no
    /// cursor-relative placement.
    @Test func theTransmissionIsAVirtualPlacement() throws {
        let raster = Raster(width: 30, height: 20, fill: RGBA(10, 200, 30))
        let bytes = KittyPlaceholders.transmit(raster, imageID: 5, columns: 3, rows: 1)
        let text = String(decoding: bytes, as: UTF8.self)
        let keys = try #require(text.split(separator: ";").first).dropFirst(3).split(separator: ",")
        #expect(keys.contains("U=1") && keys.contains("i=5") && keys.contains("c=3") && keys.contains("r=1"))
        #expect(keys.contains("a=T") && keys.contains("q=2"))
        #expect(!keys.contains("C=1"))
    }

    @Test func placeholdersAreUsedInsideTmuxWhenTheTerminalAcceptsTheQuery() {
        let accepted: [TerminalReply] = [.kittyGraphics(id: 32, message: "OK"), .kittyGraphics(id: 31, message: "OK")]
        let old: [TerminalReply] = [.kittyGraphics(id: 31, message: "OK")]
        func resolve(_ replies: [TerminalReply], tmux: Bool) -> TerminalCapabilities {
            CapabilityResolver.resolve(requested: .auto, stdoutIsTTY: true,
                                       environment: tmux ? ["TMUX": "/tmp/s,1,0", "TERM": "tmux-256color"] : ["TERM": "xterm-kitty"],
                                       replies: replies, window: WindowSize(columns: 80, rows: 24))
        }
        #expect(resolve(accepted, tmux: true).kittyPlaceholders)
        #expect(resolve(accepted, tmux: true).mode == .kitty)
        #expect(!resolve(old, tmux: true).kittyPlaceholders, "kitty before 0.28 does not answer the U=1 query")
        #expect(resolve(old, tmux: true).mode == .kitty)
        #expect(!resolve(accepted, tmux: false).kittyPlaceholders, "outside tmux, pictures are placed directly")
        // The placeholder query's answer comes first and does not end the wait under tmux.
        #expect(!TerminalProbe.isComplete([.kittyGraphics(id: 32, message: "OK")], tmux: true))
        #expect(TerminalProbe.isComplete(accepted, tmux: true))
        let queries = EscapeSequence.detectionQueries(tmux: true)
        let placeholderQuery = try? #require(queries.range(of: "U=1"))
        let plainQuery = queries.range(of: "i=31")
        #expect(placeholderQuery != nil && plainQuery != nil && placeholderQuery!.lowerBound < plainQuery!.lowerBound)
    }

    /// Live frames under tmux: the first frame sends the image and prints its cells; later
    /// frames only send the image again under the same id, and the cells stay.
    @Test func aLiveRegionPrintsTheCellsOnceAndThenReplacesTheImage() {
        let port = FakePort()
        var shown = capabilities(.kitty, tmux: true)
        shown.kittyPlaceholders = true
        let display = TerminalDisplay(capabilities: shown, port: port, encoders: FakeEncoders.encoders,
                                      maxWidth: nil, live: true, framesDirectory: nil, reportError: { _ in })
        display.write("> train\n")
        display.beginLive()
        var afterFirst = 0
        for frame in 1...4 {
            port.clock += 0.05
            display.setStatus("epoch \(frame)", force: true)
            display.updateLive(numberedFigure(frame), force: frame == 4)
            if frame == 1 { afterFirst = port.output.count }
        }
        display.endLive()
        display.write("> ")
        let screen = ScreenModel(port.output)
        #expect(screen.transmissions.count == 4)
        #expect(Set(screen.transmissions).count == 1, "every frame re-sends the same image id")
        let id = UInt32(screen.transmissions[0])
        let cells = PlaceholderDecoder(port.outputText).cells
        #expect(cells.allSatisfy { $0.imageID == id })
        let rows = Set(cells.map(\.row)).count
        #expect(rows > 0 && cells.count == rows * (Set(cells.map(\.column)).count))
        let later = PlaceholderDecoder(String(decoding: port.output[afterFirst...], as: UTF8.self))
        #expect(later.cells.isEmpty, "later frames print no cells")
        #expect(screen.text[1 + rows] == "epoch 4", "the status line is under the cells")
        #expect(screen.text[2 + rows] == "> ")
        #expect(screen.images.isEmpty, "nothing is placed at the cursor")
    }
}
