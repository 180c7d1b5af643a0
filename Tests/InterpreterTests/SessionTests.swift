import Testing
@testable import Interpreter

@Suite struct NVErrorTests {
    @Test func exitCodes() {
        let span = SourceSpan(start: 0, end: 1)
        #expect(NVError(kind: .syntax, message: "", span: span, file: "f", source: "x").exitCode == 65)
        #expect(NVError(kind: .runtime, message: "", span: span, file: "f", source: "x").exitCode == 70)
    }
}
