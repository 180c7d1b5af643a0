import Foundation
import Testing
@testable import Interpreter
@testable import Plots

/// Notebooks: what a session or a lesson showed, kept as Markdown with pictures and as HTML, and
/// read back as a lesson.
@Suite struct NotebookTests {
    /// Runs `entries` as REPL entries through a capture, as the REPL does.
    static func captured(_ entries: [String]) -> [NotebookEntry] {
        let capture = NotebookCapture(base: nil)
        let session = Session(display: capture, options: SessionOptions(graphics: .none))
        return entries.enumerated().map { n, code in
            capture.begin(code)
            switch session.run(code, name: "<repl:\(n + 1)>") {
            case .success(let echo):
                if let echo { capture.write(echo + "\n") }
                return capture.end()
            case .failure(let error):
                return capture.end(error: error.message)
            }
        }
    }

    @Test func captureKeepsTextFiguresAndTheLastLiveFrameOnly() throws {
        let entries = Self.captured([
            "x = [1, 2, 3] * 2\nx",
            "plot([1, 4, 9], title: \"squares\")",
            "net = xor(hidden: 2, seed: 3); train(net, epochs: 300, every: 100)",
            "undefined_thing + 1",
        ])
        #expect(entries[0].output == "[2, 4, 6]\n")
        #expect(entries[0].pictures.isEmpty)
        #expect(entries[1].pictures.count == 1)
        let picture = try PNGDecoder.decode(entries[1].pictures[0])
        #expect(picture.width > 100 && picture.height > 100)
        // Three frames were offered; the notebook keeps the last one.
        #expect(entries[2].pictures.count == 1)
        #expect(entries[3].error?.contains("undefined_thing") == true)
    }

    @Test func sessionMarkdownReadsBackAsALessonWithoutItsResults() {
        let entries = [
            NotebookEntry(code: "x = 2\nx * 21", output: "42\n"),
            NotebookEntry(code: "plot([1, 2])", pictures: [[1, 2, 3]]),
            NotebookEntry(code: "nope", error: "undefined variable 'nope'"),
        ]
        let (markdown, pictures) = NotebookMarkdown.session(entries, folder: "notes")
        #expect(pictures == [NotebookMarkdown.Picture(path: "notes/entry-002-1.png", png: [1, 2, 3])])
        #expect(markdown.contains("```nv\nx = 2\nx * 21\n```\n\n```output\n42\n```\n"))
        #expect(markdown.contains("![entry 002, picture 1](notes/entry-002-1.png)"))
        #expect(markdown.contains("```nv\nnope\n# expect error: undefined variable 'nope'\n```"))
        let lesson = Lesson.parse(markdown)
        #expect(lesson.runnableBlocks.map(\.text) == ["x = 2\nx * 21", "plot([1, 2])",
                                                      "nope\n# expect error: undefined variable 'nope'"])
        // The walkthrough shows the prose and the code; the recorded results are left out.
        for step in lesson.steps {
            #expect(!step.prose.contains { Lesson.isResult($0) })
        }
    }

    @Test func aSavedSessionReplaysToTheSameOutputAndPictures() throws {
        let typed = ["data = split(circle(n: 60, noise: 0.1), 0.8)", "net = xor(hidden: 2, seed: 3)",
                     "train(net, epochs: 200, every: 100)", "scatter(randn(20, 2), title: \"noise\")",
                     "len(data.train)", "oops(1)"]
        let saved = Self.captured(typed)
        let (markdown, _) = NotebookMarkdown.session(saved, folder: "notes")
        let capture = NotebookCapture(base: nil)
        let session = Session(display: capture, options: SessionOptions(graphics: .none))
        guard case .success(let replayed) = NotebookExport.run(Lesson.parse(markdown), name: "notes.md",
                                                              session: session, capture: capture) else {
            Issue.record("the replay failed")
            return
        }
        #expect(replayed.count == saved.count)
        for (again, first) in zip(replayed, saved) {
            #expect(again.pictures == first.pictures, "pictures of \(first.code)")
            if first.error == nil { #expect(again.output == first.output, "output of \(first.code)") }
            #expect((again.error == nil) == (first.error == nil))
        }
    }

    @Test func lessonResultsGoAfterTheirBlocksAndReplaceOldOnes() {
        let text = "# T\n\nSome prose.\n\n```nv\nprint(1)\n```\n\n```sh\nls\n```\n\n```nv\nplot([1])\n```\nEnd.\n"
        let results = [NotebookEntry(code: "print(1)", output: "1\n"),
                       NotebookEntry(code: "plot([1])", pictures: [[9]])]
        let (first, pictures) = NotebookMarkdown.lesson(text, results: results, folder: "t")
        #expect(first.contains("```nv\nprint(1)\n```\n\n```output\n1\n```\n\n```sh"))
        #expect(first.contains("```nv\nplot([1])\n```\n\n![block 002, picture 1](t/block-002-1.png)\n\nEnd."))
        #expect(pictures.map(\.path) == ["t/block-002-1.png"])
        // Exporting the export again gives the same file: old results are replaced, not added.
        #expect(NotebookMarkdown.lesson(first, results: results, folder: "t").markdown == first)
    }

    @Test func htmlEmbedsPicturesAndEscapesText() {
        let lesson = Lesson.parse("# A <title>\n\nProse with `code`, **bold**, $x^2$ and [a link](https://example.org).\n\n"
                                  + "$$\\sigma(z)$$\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```nv\nx = \"<b>\" # note\n```\n")
        let html = NotebookHTML.page(lesson, results: [NotebookEntry(code: "", output: "<b>\n", pictures: [[0x89, 0x50]])],
                                     title: "A <title>") { _ in nil }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>A &lt;title&gt;</title>"))
        #expect(html.contains("<code>code</code>") && html.contains("<strong>bold</strong>"))
        #expect(html.contains("x²") && html.contains("σ(z)"))
        #expect(html.contains("<a href=\"https://example.org\">a link</a>"))
        #expect(html.contains("<th>a</th><th>b</th>") && html.contains("<td>1</td>") && !html.contains("---"))
        #expect(html.contains("<span class=\"str\">&quot;&lt;b&gt;&quot;</span> <span class=\"com\"># note</span>"))
        #expect(html.contains("<pre class=\"output\">&lt;b&gt;\n</pre>"))
        #expect(html.contains("<img src=\"data:image/png;base64,iVA=\""))
        #expect(!html.contains("src=\"http") && !html.contains("<script"))
    }

    @Test func highlighterColoursKeywordsCallsAndLabels() {
        let html = NVHighlighter.html("for h in [2, 3] { train(xor(hidden: h), epochs: 1e3) }")
        #expect(html.contains("<span class=\"kw\">for</span>"))
        #expect(html.contains("<span class=\"fn\">train</span>("))
        #expect(html.contains("<span class=\"arg\">hidden</span>:"))
        #expect(html.contains("<span class=\"num\">1e3</span>"))
    }

    @Test func runnerGoesBackReRunsAndEdits() {
        let (session, display) = makeSession()
        var sessions = 1
        let lesson = Lesson.parse("```nv\nx = 1\nprint(\"a\")\n```\n```nv\nx = x + 1\nprint(x)\n```\n```nv\nprint(\"end\")\n```\n")
        // After block 2 (x = 2): run it again (x = 3), go back (a fresh session; block 1 is the
        // one before, so nothing is replayed and block 1 is shown unrun), run blocks 1 and 2
        // again (x = 2), then edit block 2 to add 10 instead (x = 12).
        var answers: [LessonRunner.Answer] = [.next, .next, .next, .rerun, .back, .next, .next, .next, .edited("x = x + 10\nprint(x)"), .next, .next]
        var quietCalls: [Bool] = []
        let outcome = LessonRunner(lesson: lesson, name: "l.md", renderer: LessonRenderer())
            .run(in: session, restart: {
                sessions += 1
                return Session(display: display, options: SessionOptions(graphics: .none))
            }, quiet: { quietCalls.append($0) }) { _ in answers.isEmpty ? .next : answers.removeFirst() }
        guard case .finished = outcome else {
            Issue.record("expected to finish, got \(outcome)")
            return
        }
        #expect(sessions == 2)
        #expect(quietCalls == [true, false])
        let printed = display.text.split(separator: "\n").filter { ["a", "2", "3", "12", "end"].contains($0) }
        #expect(printed == ["a", "2", "3", "a", "2", "12", "end"])
    }
}
