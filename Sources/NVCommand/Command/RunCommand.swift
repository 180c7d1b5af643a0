import ArgumentParser
import Foundation
import Interpreter

/// The default subcommand: the REPL, a script file, a lesson, a script on stdin, or `-e CODE`.
///
/// Which one is decided in `run()`: `--doctor` or `--reference` first, then `-e`, then a FILE (`-` meaning
/// stdin), then stdin when it is not a terminal, and the REPL otherwise.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Machine learning, opened up, in the terminal.",
        usage: """
            nv [<options>]                 start the REPL
              nv [<options>] FILE.nv         run a script
              nv [<options>] LESSON.md       a lesson: its prose, then each nv block runs
              nv [<options>] -               run a script read from stdin
              nv [<options>] -e CODE         run CODE and print its value
              nv --export DIR LESSON.md      run a lesson or notebook, write it as Markdown and HTML
            """,
        discussion: """
            With no FILE and stdin not a terminal, the script is read from stdin.
            In the REPL, :help lists its commands and ?name explains a builtin.

            Exit status: 0 success, 64 usage error, 65 syntax error,
            66 unreadable input file, 70 runtime error, 130 interrupted.

            Environment: NV_GRAPHICS (default of --graphics), NO_COLOR,
            NV_HISTORY (REPL history file, default ~/.nv_history; empty: none).
            """,
        helpNames: NV.subcommandHelpNames)

    @Option(name: .customShort("e"), help: ArgumentHelp("Run this code and print the value of its last expression.",
                                                        valueName: "code"))
    var code: String?

    @Flag(name: .long, help: "Show what this terminal supports, with a test picture in each mode.")
    var doctor = false

    @Flag(name: .customLong("no-pause"), help: "In a lesson, do not wait for Enter between steps.")
    var noPause = false

    @Option(name: .long, help: ArgumentHelp(
        "Run the lesson or notebook FILE and write it to this directory as Markdown and one HTML page, with every picture.",
        valueName: "dir"))
    var export: String?

    @Flag(name: .long, help: "Print the reference of every builtin as Markdown (docs/reference.md).")
    var reference = false

    @OptionGroup var shared: SharedOptions

    @Argument(help: ArgumentHelp("A script to run (.nv), a lesson (.md), or - to read a script from stdin.",
                                 valueName: "file"))
    var file: String?

    func validate() throws {
        if code != nil && file != nil {
            throw ValidationError("give either -e CODE or a FILE, not both")
        }
        if doctor && (code != nil || file != nil) {
            throw ValidationError("--doctor runs on its own, without -e or a FILE")
        }
        if reference && (doctor || code != nil || file != nil) {
            throw ValidationError("--reference runs on its own, without -e, a FILE or --doctor")
        }
        if let export {
            if export.isEmpty { throw ValidationError("--export needs a directory name") }
            guard let file, file.hasSuffix(".md") else {
                throw ValidationError("--export needs a lesson or notebook to run, e.g. nv --export out docs/lessons/01-xor.md")
            }
        }
    }

    func run() throws {
        let options = try shared.sessionOptions()
        if doctor {
            FileHandle.standardOutput.write(Data(doctorReport(options: options).utf8))
            return
        }
        if reference {
            FileHandle.standardOutput.write(Data(BuiltinReference.markdown().utf8))
            return
        }
        if let export, let file {
            let status = ExportRunner(options: options, directory: export).run(path: file)
            if status != 0 { throw ExitCode(status) }
            return
        }
        let runner = ScriptRunner(options: options, pauses: !noPause)
        let status: Int32
        if let code {
            status = runner.run(.code(code))
        } else if let file {
            status = runner.run(file == "-" ? .standardInput : .file(file))
        } else if isatty(STDIN_FILENO) == 0 {
            status = runner.run(.standardInput)
        } else {
            status = REPL(options: options).run()
        }
        if status != 0 { throw ExitCode(status) }
    }
}
