import Foundation
import Runtime
import Interpreter

/// Where a script's text comes from.
enum ScriptSource: Equatable {
    /// A file path as the user typed it.
    case file(String)
    /// Everything on standard input (`nv -`, or `nv` with stdin not a terminal).
    case standardInput
    /// The argument of `-e`.
    case code(String)
}

/// Runs one script in a fresh session and turns the outcome into an exit status:
/// 0, 65 (syntax), 66 (cannot read the input), 70 (runtime), 130 (Ctrl-C).
struct ScriptRunner {
    var options: SessionOptions
    /// For a lesson (`.md`): pause between steps on a terminal (false for `--no-pause`).
    var pauses = true

    /// Runs `source`; output goes to the display, errors to stderr.
    func run(_ source: ScriptSource) -> Int32 {
        let renderer = ErrorOutput.forStandardError()
        let text: String
        let name: String
        switch Self.load(source) {
        case .success(let loaded): (name, text) = loaded
        case .failure(let problem):
            writeStandardError(renderer.renderPlain(problem.message))
            return problem.exitCode
        }
        if case .file(let path) = source, path.hasSuffix(".md") {
            return LessonPlayer(options: options, pauses: pauses).run(text: text, name: name)
        }

        TerminalState.save()
        TerminalState.restoreOnTermination()
        let interrupts = InterruptHandler.shared
        interrupts.install()
        defer { TerminalState.restore() }

        let session = Session(display: makeDisplay(options: options), options: options,
                              interrupt: interrupts.evaluation)
        interrupts.beginEvaluation()
        let outcome = session.run(text, name: name)
        let interrupted = interrupts.endEvaluation()
        switch outcome {
        case .success(let echo):
            // Only `-e` shows the last value, like a calculator; a script prints what it means to.
            if case .code = source, let echo {
                session.display.write(echo + "\n")
            }
            return 0
        case .failure(let error):
            writeStandardError(renderer.render(error))
            return interrupted ? 130 : error.exitCode
        }
    }

    /// Why a script could not even be read, with the exit status that says so.
    struct LoadProblem: Error {
        var message: String
        var exitCode: Int32
    }

    /// The script's display name (used in error locations) and text. Invalid UTF-8 is decoded
    /// lossily (U+FFFD), so the lexer, not the loader, reports it; a leading byte-order mark is
    /// dropped.
    static func load(_ source: ScriptSource) -> Result<(name: String, text: String), LoadProblem> {
        switch source {
        case .code(let code):
            return .success((name: "-e", text: code))
        case .standardInput:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return .success((name: "<stdin>", text: decode(data)))
        case .file(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(LoadProblem(message: "cannot read '\(path)': no such file", exitCode: 66))
            }
            if isDirectory.boolValue {
                return .failure(LoadProblem(message: "cannot read '\(path)': it is a directory", exitCode: 66))
            }
            // A pipe is fine here (`nv <(...)`): the user chose to run it.
            do {
                let data = try RegularFile.readStream(path, what: "nv", limit: maximumScriptBytes)
                return .success((name: path, text: decode(data)))
            } catch let error as RuntimeError {
                return .failure(LoadProblem(message: String(error.message.dropFirst("nv: ".count)), exitCode: 66))
            } catch {
                return .failure(LoadProblem(message: "cannot read '\(path)': \(error)", exitCode: 66))
            }
        }
    }

    /// Scripts and lessons longer than this are refused (a wrong path to a huge file or a
    /// device that never ends).
    static let maximumScriptBytes = 64 << 20

    /// UTF-8 text of `data`, lossily, without a leading byte-order mark.
    static func decode(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}

/// Writes `text` to stderr unbuffered, so it interleaves correctly with the display's output.
func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
