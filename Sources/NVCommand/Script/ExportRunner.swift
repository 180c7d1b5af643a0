import Foundation
import Interpreter

/// `nv --export DIR LESSON.md`: runs the lesson or notebook without a terminal picture (every
/// figure is kept as a PNG) and writes DIR/NAME.md and DIR/NAME.html (`NotebookExport`).
/// Exit status as a script's: 66 unreadable input, 65/70 when a block fails, 130 on Ctrl-C,
/// 73 when the files cannot be written.
struct ExportRunner {
    var options: SessionOptions
    var directory: String

    func run(path: String) -> Int32 {
        let renderer = ErrorOutput.forStandardError()
        let text: String, name: String
        switch ScriptRunner.load(.file(path)) {
        case .success(let loaded): (name, text) = loaded
        case .failure(let problem):
            writeStandardError(renderer.renderPlain(problem.message))
            return problem.exitCode
        }
        let interrupts = InterruptHandler.shared
        interrupts.install()
        let capture = NotebookCapture(base: nil, maxWidth: options.maxWidth)
        let session = Session(display: capture, options: options, interrupt: interrupts.evaluation)
        session.sourceDirectory = ScriptRunner.directory(of: path)
        defer { ScriptRunner.finishRecordings(of: session) }
        interrupts.beginEvaluation()
        let outcome = NotebookExport.run(Lesson.parse(text), name: name, session: session, capture: capture)
        let interrupted = interrupts.endEvaluation()
        switch outcome {
        case .failure(let error):
            writeStandardError(renderer.render(error))
            writeStandardError(renderer.renderPlain("--export: nothing written, since a block of '\(path)' failed"))
            return interrupted ? 130 : error.exitCode
        case .success(let results):
            do {
                let written = try NotebookExport.write(text: text, lessonPath: path, results: results, to: directory)
                let pictures = written.pictures == 1 ? "1 picture" : "\(written.pictures) pictures"
                FileHandle.standardOutput.write(Data("wrote \(written.markdown) and \(written.html) (\(results.count) blocks, \(pictures))\n".utf8))
                return 0
            } catch {
                writeStandardError(renderer.renderPlain("\(error)"))
                return 73
            }
        }
    }
}
