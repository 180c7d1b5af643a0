import ArgumentParser
import Foundation

/// The `nv` command. On its own it only dispatches: `nv`, `nv FILE`, `nv -` and `nv -e CODE`
/// all land in the default subcommand `RunCommand`; later subcommands (`nv xor ...`,
/// `nv mnist train ...`) are added to `subcommands` and are chosen by their first word.
///
/// Help lives on the subcommands (`helpNames` is empty here), so `nv --help` falls through to
/// `RunCommand` and shows the flags a user actually types. Every subcommand therefore sets
/// `helpNames: NV.subcommandHelpNames` in its own configuration.
@main
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
        do {
            main(try OriginalCommandLine.translate(Array(CommandLine.arguments.dropFirst())))
        } catch let error as OriginalCommandLine.UsageError {
            FileHandle.standardError.write(Data("Error: \(error.description)\n  See '\(error.command) --help' for more information.\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
