import ArgumentParser
import Foundation
import Interpreter
import Plots

/// The flags every entry point understands (DESIGN.md), collected with `@OptionGroup` by each
/// subcommand and turned into the `SessionOptions` a session is built with.
struct SharedOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "How pictures are shown; defaults to $NV_GRAPHICS, else auto.",
        valueName: "mode"))
    var graphics: GraphicsMode?

    @Option(name: .long, help: ArgumentHelp("Seed of the random generator, so runs repeat.",
                                            valueName: "n"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Also write every figure frame as a PNG into this directory.",
                                            valueName: "dir"))
    var frames: String?

    @Option(name: .long, help: ArgumentHelp("Also write every frame of the run as one animation (.gif or .apng).",
                                            valueName: "file"))
    var record: String?

    @Option(name: .long, help: ArgumentHelp("Largest width of images, in pixels.", valueName: "px"))
    var width: Int?

    @Flag(name: .customLong("no-live"), help: "Do not animate training; show only the final picture.")
    var noLive = false

    func validate() throws {
        if let width, width <= 0 {
            throw ValidationError("--width must be a positive number of pixels, got \(width)")
        }
        if let frames, frames.isEmpty {
            throw ValidationError("--frames needs a directory name")
        }
        if let record {
            if record.isEmpty { throw ValidationError("--record needs a file name ending in .gif or .apng") }
            if let problem = AnimationSink.problem(with: record) { throw ValidationError("--record: \(problem)") }
        }
        _ = try graphicsMode(environment: ProcessInfo.processInfo.environment)
    }

    /// The graphics mode: the flag, else `NV_GRAPHICS`, else `.auto`. A bad `NV_GRAPHICS` is a
    /// usage error that names the variable, since the user never typed it on this command line.
    func graphicsMode(environment: [String: String]) throws -> GraphicsMode {
        if let graphics { return graphics }
        guard let fromEnvironment = environment["NV_GRAPHICS"], !fromEnvironment.isEmpty else {
            return .auto
        }
        guard let mode = GraphicsMode(rawValue: fromEnvironment.lowercased()) else {
            let choices = GraphicsMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("NV_GRAPHICS='\(fromEnvironment)' is not a graphics mode; use one of \(choices)")
        }
        return mode
    }

    /// The session options these flags describe.
    func sessionOptions(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> SessionOptions
    {
        SessionOptions(graphics: try graphicsMode(environment: environment), seed: seed,
                       framesDirectory: frames, maxWidth: width, live: !noLive, recordPath: record)
    }
}
