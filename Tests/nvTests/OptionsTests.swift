import Foundation
import Interpreter
import Plots
import Testing
@testable import NVCommand

@Suite struct OptionsTests {
    @Test func sharedFlagsReachTheSessionOptions() throws {
        let command = try RunCommand.parse(["--graphics", "sixel", "--seed", "42", "--frames", "out",
                                            "--width", "640", "--no-live", "x.nv"])
        let options = try command.shared.sessionOptions(environment: [:])
        #expect(options.graphics == .sixel)
        #expect(options.seed == 42)
        #expect(options.framesDirectory == "out")
        #expect(options.maxWidth == 640)
        #expect(options.live == false)
        #expect(command.file == "x.nv")
    }

    @Test func defaults() throws {
        let options = try RunCommand.parse([]).shared.sessionOptions(environment: [:])
        #expect(options.graphics == .auto)
        #expect(options.seed == nil)
        #expect(options.live)
    }

    @Test(arguments: [
        (nil, "braille", GraphicsMode.braille),
        (nil, "KITTY", .kitty),
        (nil, "", .auto),
        ("ascii", "kitty", .ascii),
    ] as [(String?, String, GraphicsMode)])
    func graphicsFlagThenEnvironment(flag: String?, environment: String, expected: GraphicsMode) throws {
        let command = try RunCommand.parse(flag.map { ["--graphics", $0] } ?? [])
        #expect(try command.shared.graphicsMode(environment: ["NV_GRAPHICS": environment]) == expected)
    }

    @Test func badEnvironmentGraphicsNamesTheVariable() throws {
        let command = try RunCommand.parse([])
        #expect(throws: (any Error).self) { try command.shared.graphicsMode(environment: ["NV_GRAPHICS": "vga"]) }
    }

    @Test(arguments: [
        (["HOME": "/home/ada"], "/home/ada/.nv_history"),
        (["HOME": "/home/ada", "NV_HISTORY": "/tmp/h"], "/tmp/h"),
        (["HOME": "/home/ada", "NV_HISTORY": ""], nil),
        ([:], nil),
    ] as [([String: String], String?)])
    func historyPath(environment: [String: String], expected: String?) {
        #expect(History.path(environment: environment) == expected)
    }
}
