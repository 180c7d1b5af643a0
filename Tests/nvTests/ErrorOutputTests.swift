import Interpreter
import Testing
@testable import NVCommand

@Suite struct ErrorOutputTests {
    private let failure = NVError(kind: .syntax, message: "expected an expression",
                                  span: SourceSpan(start: 16, end: 17), file: "demo.nv",
                                  source: "print(1)\nx = 1 +* 2\n")

    @Test func locatedErrorNamesFileLineColumnAndMarksTheColumn() {
        let lines = ErrorOutput(useColor: false).render(failure).split(separator: "\n")
        #expect(lines.first == "demo.nv:2:8: error: expected an expression")
        #expect(lines.dropFirst().first == "x = 1 +* 2")
        #expect(lines.dropFirst(2).first == "       ^")
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!ErrorOutput(useColor: false).render(failure).contains("\u{1B}["))
        #expect(ErrorOutput(useColor: true).render(failure).contains("\u{1B}["))
        #expect(!ErrorOutput(useColor: false).renderPlain("x").contains("\u{1B}["))
        #expect(ErrorOutput(useColor: true).renderPlain("x").contains("\u{1B}["))
    }

    @Test func noColourUnderNO_COLOR() {
        #expect(ErrorOutput.forStandardError(environment: ["NO_COLOR": "1"]).useColor == false)
    }

    @Test func plainMessage() {
        #expect(ErrorOutput(useColor: false).renderPlain("cannot read 'x'") == "nv: error: cannot read 'x'\n")
    }
}
