import ArgumentParser
import Foundation
import Interpreter

/// The `nv` command. On its own it only dispatches: `nv`, `nv FILE`, `nv -` and `nv -e CODE`
/// all land in the default subcommand `RunCommand`; later subcommands (`nv xor ...`,
/// `nv mnist train ...`) are added to `subcommands` and are chosen by their first word.
///
/// Help lives on the subcommands (`helpNames` is empty here), so `nv --help` falls through to
/// `RunCommand` and shows the flags a user actually types. Every subcommand therefore sets
/// `helpNames: NV.subcommandHelpNames` in its own configuration.
///
/// The `nv` executable's `main.swift` calls `NVProgram.main()`: the command lives in this library
/// so that the tests link it without the executable's static Swift runtime (see Package.swift).
struct NV: ParsableCommand {
    /// The help flags every subcommand declares for itself.
    static let subcommandHelpNames: NameSpecification = [.short, .long]

    static let configuration = CommandConfiguration(
        commandName: "nv",
        abstract: "Machine learning, opened up, in the terminal.",
        version: NVVersion.string,
        subcommands: [RunCommand.self, XORCommand.self, MNISTCommand.self],
        defaultSubcommand: RunCommand.self,
        helpNames: [])

    /// Checks the CPU before any Runtime code runs (see `CPUCheck`), rewrites the original
    /// project's command line into nv's own (`OriginalCommandLine`), then parses and runs.
    static func main() {
        CPUCheck.exitIfUnsupported()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Only NV_GRAPHICS matters here: read alone, not the whole environment as a dictionary.
        let graphics = getenv("NV_GRAPHICS").map { ["NV_GRAPHICS": String(cString: $0)] } ?? [:]
        if let script = plainScript(arguments, environment: graphics) {
            // What `RunCommand.run` does for `nv FILE.nv` with no flags, without parsing.
            let status = ScriptRunner(options: SessionOptions(), pauses: true).run(.file(script))
            Foundation.exit(status)
        }
        do {
            main(try OriginalCommandLine.translate(arguments))
        } catch let error as OriginalCommandLine.UsageError {
            FileHandle.standardError.write(Data("Error: \(error.description)\n  See '\(error.command) --help' for more information.\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    /// The script of `nv FILE.nv`, the most common command line, when nothing else is on it and
    /// `NV_GRAPHICS` is unset: ArgumentParser's reflection over every subcommand's flags took
    /// about a quarter of the start-up, and for this line it can only arrive at `RunCommand`
    /// with the file and the default options. Anything else (a flag, a lesson, a subcommand
    /// word, a graphics mode from the environment to check) goes through the parser.
    static func plainScript(_ arguments: [String],
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard arguments.count == 1, let file = arguments.first, file.hasSuffix(".nv"), !file.hasPrefix("-"),
              environment["NV_GRAPHICS"] ?? "" == "" else { return nil }
        return file
    }
}


/// The entry point of the `nv` executable.
public enum NVProgram {
    /// Runs `nv` with the process's command line and exits.
    public static func main() {
        NV.main()
    }
}
