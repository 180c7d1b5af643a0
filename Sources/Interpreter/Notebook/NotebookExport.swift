import Foundation
import Runtime

/// `nv --export DIR LESSON.md`: runs a lesson or notebook and writes it to DIR as Markdown (with
/// every block's output and pictures, the pictures as PNGs in a folder) and as one self-contained
/// HTML page. Every picture comes from running the blocks now, so the export is always current.
public enum NotebookExport {
    /// The files an export wrote.
    public struct Written: Equatable, Sendable {
        public var markdown: String
        public var html: String
        public var pictures: Int
    }

    /// Runs every ```nv block of `lesson` in `session`, whose display must be `capture`, as the
    /// lesson runner does (entry by entry; a block's `# expect error:` error is shown and the
    /// export goes on). Returns one entry per block, or the error of the first block that failed.
    public static func run(_ lesson: Lesson, name: String, session: Session, capture: NotebookCapture)
        -> Result<[NotebookEntry], NVError>
    {
        var entries: [NotebookEntry] = []
        for code in lesson.runnableBlocks {
            capture.begin(code.text)
            if let error = LessonRunner.runBlock(code, in: session, name: name) {
                guard let expected = code.expectedError,
                      ([error] + error.additional).contains(where: { $0.message.contains(expected) })
                else {
                    _ = capture.end(error: error.message)
                    return .failure(error)
                }
                capture.write(error.rendered(color: false))
                entries.append(capture.end(error: error.message))
                continue
            }
            entries.append(capture.end())
        }
        return .success(entries)
    }

    /// Writes `DIR/NAME.md`, `DIR/NAME/block-NNN-K.png` and `DIR/NAME.html` for the lesson whose
    /// Markdown is `text`, read from `lessonPath` (its folder resolves pictures the prose links
    /// to). `DIR` is created if missing; files already there are replaced.
    public static func write(text: String, lessonPath: String, results: [NotebookEntry], to directory: String) throws
        -> Written
    {
        try NotebookFiles.makeFolder(directory, what: "--export")
        let stem = ((lessonPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = stem.isEmpty ? "notebook" : stem
        let markdownPath = (directory as NSString).appendingPathComponent(name + ".md")
        let htmlPath = (directory as NSString).appendingPathComponent(name + ".html")
        let (markdown, pictures) = NotebookMarkdown.lesson(text, results: results, folder: name)
        try NotebookFiles.write(markdown: markdown, pictures: pictures, to: markdownPath, overwrite: true,
                                what: "--export", stalePrefix: "block-")
        let lessonFolder = (lessonPath as NSString).deletingLastPathComponent
        let lesson = Lesson.parse(text)
        let title = lesson.blocks.lazy.compactMap { block -> String? in
            if case .heading(_, let text) = block { return InlineMarkdown.plainText(text) }
            return nil
        }.first ?? name
        let html = NotebookHTML.page(lesson, results: results, title: title) { address in
            guard !address.contains("://") else { return nil }
            let path = address.hasPrefix("/") ? address : (lessonFolder as NSString).appendingPathComponent(address)
            guard let data = FileManager.default.contents(atPath: path), data.count < 32 << 20,
                  data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
            return [UInt8](data)
        }
        try AtomicFile.write(Array(html.utf8), to: htmlPath, what: "--export")
        return Written(markdown: markdownPath, html: htmlPath, pictures: pictures.count)
    }
}
