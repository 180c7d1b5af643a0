import Testing
@testable import NVCommand

/// One rule for styled text: a terminal, no NO_COLOR (an empty one does not count), not dumb.
@Suite struct ColorPolicyTests {
    @Test(arguments: [
        (true, ["TERM": "xterm-256color"], true),
        (true, ["TERM": "dumb"], false),
        (true, ["TERM": "xterm", "NO_COLOR": "1"], false),
        (true, ["TERM": "xterm", "NO_COLOR": ""], true),
        (false, ["TERM": "xterm"], false),
    ])
    func colour(_ isTerminal: Bool, _ environment: [String: String], _ allowed: Bool) {
        #expect(ColorPolicy.allowed(isTerminal: isTerminal, environment: environment) == allowed)
    }
}
