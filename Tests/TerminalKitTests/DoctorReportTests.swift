import Plots
import Testing
@testable import TerminalKit

@Suite struct DoctorReportTests {
    @Test func saysWhatWasDetectedAndWhy() {
        var detected = capabilities(.sixel)
        detected.modeReason = "the device attributes (DA1 ?63;4) include 4: Sixel graphics"
        detected.replies = [.deviceAttributes([63, 4])]
        let report = DoctorReport.text(capabilities: detected, requested: .auto, maxWidth: 600)
        #expect(report.contains("sixel — the device attributes (DA1 ?63;4)"))
        #expect(report.contains("10x20 px"))
        #expect(report.contains("80 columns x 40 rows"))
        #expect(report.contains("capped at 600 px"))
        #expect(report.contains("DA1 attributes 63;4"))
    }

    @Test func showsTheTestPictureInEveryWorkingMode() {
        let report = DoctorReport.full(capabilities: capabilities(.kitty), requested: .auto,
                                       maxWidth: nil, base: FakePort(),
                                       encoders: { _ in FakeEncoders.encoders })
        for mode in ["kitty:", "blocks:", "braille:", "ascii:"] {
            #expect(report.contains("\n\(mode)\n"), "missing \(mode)")
        }
        let screen = ScreenModel(Array(report.utf8))
        #expect(screen.visibleImages.count == 1)
        #expect(report.contains("frame \(TestPicture.draw(width: 8, height: 4)[0, 0].r) blocks"), "text modes show the test picture")
    }

    @Test func textPicturesAreAtMost64ColumnsWide() {
        let port = FakePort()
        port.window = WindowSize(columns: 200, rows: 60)
        let report = DoctorReport.full(capabilities: capabilities(.blocks), requested: .auto,
                                       maxWidth: nil, base: port, encoders: { _ in .plots(for: capabilities(.blocks)) })
        let asciiLines = report.components(separatedBy: "\nascii:\n").last?
            .split(separator: "\n") ?? []
        #expect(!asciiLines.isEmpty)
        #expect(asciiLines.allSatisfy { $0.count <= 64 })
        #expect(asciiLines.contains { $0.count >= 60 })
    }

    @Test func withoutATerminalOnlyASCII() {
        let report = DoctorReport.full(capabilities: capabilities(.ascii, interactive: false, colors: .none),
                                       requested: .auto, maxWidth: nil, base: nil,
                                       encoders: { _ in FakeEncoders.encoders })
        #expect(!report.contains("blocks:"))
        #expect(report.contains("\nascii:\n"))
        #expect(report.contains("not a terminal"))
    }

    @Test func theTestPictureHasItsShapes() {
        let picture = TestPicture.draw(width: 320, height: 160)
        #expect(picture[0, 0] == RGBA(20, 20, 30), "the diagonal starts at the top-left")
        #expect(picture[319, 80].r > 150 && picture[319, 80].b < 60, "red on the right")
        #expect(picture[5, 80].b > 120 && picture[5, 80].r < 60, "blue on the left")
        let ringTop = Int(160 * 0.5 - 160 * 0.3)
        #expect(picture[224, ringTop] == .white, "the ring crosses the centre column")
    }
}
