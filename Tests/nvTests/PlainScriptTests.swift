import Testing
@testable import NVCommand

/// `nv FILE.nv` alone skips the argument parser; every other command line still goes through it.
@Suite struct PlainScriptTests {
    @Test func aLoneScriptSkipsTheParser() {
        #expect(NV.plainScript(["fib.nv"], environment: [:]) == "fib.nv")
        #expect(NV.plainScript(["dir/a b.nv"], environment: ["NV_GRAPHICS": ""]) == "dir/a b.nv")
    }

    @Test func everythingElseIsParsed() {
        let parsed: [[String]] = [[], ["-"], ["lesson.md"], ["xor"], ["mnist"], ["-e", "1.nv"], ["--help"],
                                  ["--seed", "1", "a.nv"], ["a.nv", "--no-live"], ["-x.nv"], ["script.txt"]]
        for arguments in parsed {
            #expect(NV.plainScript(arguments, environment: [:]) == nil, "\(arguments)")
        }
        // A graphics mode from the environment is checked (and a bad one reported) by the parser.
        #expect(NV.plainScript(["a.nv"], environment: ["NV_GRAPHICS": "bogus"]) == nil)
    }
}
