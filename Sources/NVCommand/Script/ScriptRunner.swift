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
    /// Set when the script is a program nv wrote for a command (`nv mnist infer`): errors are
    /// then reported as the command's, without a location in that program.
    var commandName: String?

    /// Runs `source`; output goes to the display, errors to stderr.
    func run(_ source: ScriptSource) -> Int32 {
        // Made when an error is reported: it reads the environment, which a run without errors
        // need not pay for.
        var renderer: ErrorOutput { ErrorOutput.forStandardError() }
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
        defer { Self.finishRecordings(of: session) }
        if case .file(let path) = source { session.sourceDirectory = Self.directory(of: path) }
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
            if let commandName {
                writeStandardError(renderer.renderAsCommand(error, command: commandName))
            } else {
                writeStandardError(renderer.render(error))
            }
            return interrupted ? 130 : error.exitCode
        }
    }

    /// Writes the session's `--record` animation (also after an error or Ctrl-C: the frames so
    /// far), reporting a file that could not be written on stderr.
    static func finishRecordings(of session: Session) {
        for problem in session.finishRecordings() {
            writeStandardError(ErrorOutput.forStandardError().renderPlain(problem))
        }
    }

    /// Why a script could not even be read, with the exit status that says so.
    struct LoadProblem: Error {
        var message: String
        var exitCode: Int32
    }

    /// The script's display name (used in error locations) and text; a leading byte-order
    /// mark is dropped. Bytes that are not UTF-8 are an error naming the first one (exit 65,
    /// as for a syntax error): replacing them would change the program's strings without a
    /// word, and such a file is most often in another encoding, which the user should know.
    static func load(_ source: ScriptSource) -> Result<(name: String, text: String), LoadProblem> {
        switch source {
        case .code(let code):
            // The argument arrives already decoded, with U+FFFD for bad bytes: look at the
            // raw bytes of the argument it came from.
            if code.unicodeScalars.contains("\u{FFFD}"), let raw = rawArgument(decodingTo: code) {
                return decode(Data(raw), name: "-e").map { (name: "-e", text: $0) }
            }
            return .success((name: "-e", text: code))
        case .standardInput:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return decode(data, name: "<stdin>").map { (name: "<stdin>", text: $0) }
        case .file(let path):
            // stat(2) as FileManager.fileExists(atPath:isDirectory:) does it, without making the
            // FileManager (a fiftieth of the start-up).
            var status = stat()
            guard stat(path, &status) == 0 else {
                return .failure(LoadProblem(message: "cannot read '\(path)': no such file", exitCode: 66))
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                return .failure(LoadProblem(message: "cannot read '\(path)': it is a directory", exitCode: 66))
            }
            // A pipe is fine here (`nv <(...)`): the user chose to run it.
            do {
                let data = try RegularFile.readStream(path, what: "nv", limit: maximumScriptBytes)
                return decode(data, name: path).map { (name: path, text: $0) }
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

    /// The directory holding the script or lesson at `path` (the current one for a bare name).
    static func directory(of path: String) -> String {
        let directory = ((path as NSString).expandingTildeInPath as NSString).deletingLastPathComponent
        return directory.isEmpty ? currentDirectory() : directory
    }

    /// The current directory as FileManager's `currentDirectoryPath` gives it (getcwd(3); empty
    /// when that fails), without making the FileManager.
    static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "" }
        defer { free(path) }
        return String(cString: path)
    }

    /// UTF-8 text of `data` without a leading byte-order mark, or the problem with its first
    /// byte that is not UTF-8 (offset from 0, line and column).
    static func decode(_ data: Data, name: String) -> Result<String, LoadProblem> {
        let bytes = [UInt8](data)
        if let offset = firstInvalidUTF8(in: bytes) {
            var line = 1, lineStart = 0
            for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            return .failure(LoadProblem(
                message: "\(name): not UTF-8 text: byte 0x\(byte) at offset \(offset) (line \(line), column \(column)) "
                    + "is not valid UTF-8" + (name == "-e" || name == "<stdin>" ? "" : "; save the file as UTF-8"),
                exitCode: 65))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return .success(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    }

    /// The bytes of the command-line argument that decodes (lossily) to `text`, if any.
    static func rawArgument(decodingTo text: String) -> [UInt8]? {
        for index in 0..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            if String(decoding: bytes, as: UTF8.self) == text { return bytes }
        }
        return nil
    }

    /// The offset of the first byte of `bytes` that does not belong to a well-formed UTF-8
    /// sequence (overlong forms, surrogates and values above U+10FFFF are not well-formed).
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// Writes `text` to stderr unbuffered, so it interleaves correctly with the display's output.
func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
