import Foundation
import Plots
import Testing
@testable import Interpreter

/// The lesson pieces on their own: TeX to Unicode, inline Markdown, block parsing, rendering
/// and the walkthrough's order of prose, code, output and pauses.
@Suite struct LessonTests {
    @Test(arguments: [
        ("x^2 + y_i", "x² + yᵢ"),
        ("w_{ij}^{(1)}", "wᵢⱼ⁽¹⁾"),
        ("\\frac{1}{N}", "1/N"),
        ("\\frac{\\partial L}{\\partial w}", "∂L/∂w"),
        ("\\frac{1}{1 + e^{-z}}", "1/(1 + e⁻ᶻ)"),
        ("\\hat{y}", "ŷ"),
        ("\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))", "σ′(z) = σ(z)(1 − σ(z))"),
        ("w \\leftarrow w - \\eta \\frac{\\partial L}{\\partial w}", "w ← w − η ∂L/∂w"),
        ("\\eta = 0.1", "η = 0.1"),
        ("\\sum_{i} x_i \\cdot y_i", "Σᵢ xᵢ · yᵢ"),
        ("a, \\qquad b", "a,    b"),
        ("\\lVert g \\rVert", "‖ g ‖"),
        ("x^{Q}", "x^Q"),
        ("x^{QR}", "x^(QR)"),
        ("\\mathbb{R}^{n}", "ℝⁿ"),
        ("\\text{loss}(x)", "loss(x)"),
        ("\\unknown x", "unknown x"),
        ("\\sqrt{2}", "√2"),
        ("\\frac{e^{z_c}}{\\sum_k e^{z_k}}", "e^(z_c)/(Σₖ e^(zₖ))"),
        ("\\lfloor (n + 2p - k)/s \\rfloor + 1", "⌊(n + 2p − k)/s⌋ + 1"),
    ])
    func formula(_ tex: String, _ expected: String) {
        #expect(FormulaText.render(tex) == expected)
    }

    @Test func inlineRuns() {
        let runs = InlineMarkdown.runs("a **bold** *it* `c*d` $x^2$ [l](u) ![p](i.png) snake_case 5$ \\*x")
        #expect(runs.contains(InlineMarkdown.Run("bold", .strong)))
        #expect(runs.contains(InlineMarkdown.Run("it", .emphasis)))
        #expect(runs.contains(InlineMarkdown.Run("c*d", .code)))
        #expect(runs.contains(InlineMarkdown.Run("x²", .formula)))
        #expect(runs.contains(InlineMarkdown.Run("l", .link)))
        #expect(runs.contains(InlineMarkdown.Run(" (u)", .dim)))
        #expect(runs.contains(InlineMarkdown.Run("[picture: p]", .dim)))
        #expect(InlineMarkdown.plainText("snake_case costs 5$ and \\*x") == "snake_case costs 5$ and *x")
        #expect(InlineMarkdown.plainText("an *unclosed marker") == "an *unclosed marker")
    }

    @Test func parsesBlocks() {
        let lesson = Lesson.parse("""
            # Title
            Some *text*
            on two lines.

            - one
              continued
            - two
            1. first

            $$a = b$$

            | x | y |

            ```nv
            x = 1   # expect: nothing
            ```
            ```sh
            ls
            ```
            > quoted
            ---
            """)
        #expect(lesson.blocks == [
            .heading(level: 1, text: "Title"),
            .paragraph("Some *text* on two lines."),
            .list([Lesson.ListItem(marker: "•", text: "one continued"), Lesson.ListItem(marker: "•", text: "two"),
                   Lesson.ListItem(marker: "1.", text: "first")]),
            .formula("a = b"),
            .verbatim(["| x | y |"]),
            .code(Lesson.CodeBlock(language: "nv", text: "x = 1   # expect: nothing", line: 15)),
            .code(Lesson.CodeBlock(language: "sh", text: "ls", line: 18)),
            .quote("quoted"),
            .rule,
        ])
        #expect(lesson.runnableBlocks.count == 1)
        #expect(lesson.runnableBlocks[0].expectedOutput == ["nothing"])
        #expect(lesson.steps.count == 2)
        #expect(lesson.steps[0].prose.count == 5)
        #expect(lesson.steps[1].code == nil)
    }

    @Test func multiLineFormulaAndUnclosedFence() {
        let lesson = Lesson.parse("$$\na +\nb\n$$\n```nv\nprint(1)")
        #expect(lesson.blocks == [.formula("a + b"),
                                  .code(Lesson.CodeBlock(language: "nv", text: "print(1)", line: 6))])
    }

    @Test func wrapsToWidthWithHangingIndent() {
        let renderer = LessonRenderer(width: 30)
        let text = renderer.render(.list([Lesson.ListItem(
            marker: "•", text: "a list item long enough to need a second and a third line")]))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines[0].hasPrefix("  • a list"))
        #expect(lines[1].hasPrefix("    ") && !lines[1].hasPrefix("     "))
    }

    @Test func colourOnlyWhenAsked() {
        let block = Lesson.Block.paragraph("some **bold** and `code`")
        let plain = LessonRenderer(width: 80, color: false).render(block)
        let coloured = LessonRenderer(width: 80, color: true).render(block)
        #expect(plain == "some bold and `code`\n")
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1mbold\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[38;5;31mcode\u{1B}[0m"))
        // Escape sequences take no columns: the coloured text wraps where the plain one does.
        let long = Lesson.Block.paragraph(String(repeating: "**word** ", count: 30))
        let plainLines = LessonRenderer(width: 40).render(long).split(separator: "\n").count
        let colouredLines = LessonRenderer(width: 40, color: true).render(long).split(separator: "\n").count
        #expect(plainLines == colouredLines)
    }

    /// Code and formulas read on a light terminal and on a dark one: at least 4:1 contrast
    /// against white and against black (WCAG's relative luminance of the xterm palette colour).
    @Test(arguments: [LessonRenderer.codePalette, LessonRenderer.otherCodePalette, LessonRenderer.formulaPalette])
    func lessonColoursReadOnLightAndDarkBackgrounds(_ index: UInt8) {
        let c = XTerm256.color(index)
        func linear(_ v: UInt8) -> Double {
            let x = Double(v) / 255
            return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
        #expect(1.05 / (luminance + 0.05) >= 4, "on white: \(1.05 / (luminance + 0.05))")
        #expect((luminance + 0.05) / 0.05 >= 4, "on black: \((luminance + 0.05) / 0.05)")
    }

    @Test func tablesBecomeAlignedColumns() {
        let text = LessonRenderer(width: 80).render(.verbatim(["| x | **y** |", "|---|:-:|", "| 10 | 2 |"]))
        #expect(text == "  x    y\n  ──────\n  10   2\n")
    }

    @Test func codeCommentsAreDimmedOutsideStrings() {
        let code = Lesson.CodeBlock(language: "nv", text: "print(\"#1\")  # note", line: 1)
        let text = LessonRenderer(width: 80, color: true).renderCode(code)
        #expect(text == "    \u{1B}[38;5;31mprint(\"#1\")  \u{1B}[0m\u{1B}[2m# note\u{1B}[0m\n")
    }

    @Test func runsStepsInOneSessionAndPausesBetweenThem() {
        let (session, display) = makeSession()
        let lesson = Lesson.parse("""
            Intro.
            ```nv
            x = 20
            ```
            Then.
            ```nv
            x + 1
            ```
            ```nv
            print("last")
            ```
            The end.
            """)
        var pauses: [String] = []
        let runner = LessonRunner(lesson: lesson, name: "l.md", renderer: LessonRenderer())
        let outcome = runner.run(in: session) { pause in
            pauses.append("\(pause.moment == .beforeRunning ? "run" : "next") \(pause.step)/\(pause.total)")
            return true
        }
        guard case .finished = outcome else {
            Issue.record("expected the lesson to finish, got \(outcome)")
            return
        }
        // The last block is followed by prose, so it pauses after it too.
        #expect(pauses == ["run 1/3", "next 1/3", "run 2/3", "next 2/3", "run 3/3", "next 3/3"])
        let order = ["Intro.", "x = 20", "Then.", "x + 1", "21", "print(\"last\")", "last", "The end."]
        var position = display.text.startIndex
        for needle in order {
            guard let found = display.text.range(of: needle, range: position..<display.text.endIndex) else {
                Issue.record("'\(needle)' is missing or out of order in:\n\(display.text)")
                return
            }
            position = found.upperBound
        }
    }

    @Test func quitStopsBeforeTheNextStep() {
        let (session, display) = makeSession()
        let lesson = Lesson.parse("```nv\nprint(\"one\")\n```\n```nv\nprint(\"two\")\n```\n")
        var pauses: [LessonRunner.Pause] = []
        let outcome = LessonRunner(lesson: lesson, name: "l.md", renderer: LessonRenderer())
            .run(in: session) { pause in
                pauses.append(pause)
                return pause.moment == .beforeRunning
            }
        guard case .quit(let step) = outcome else {
            Issue.record("expected quit, got \(outcome)")
            return
        }
        #expect(step == 1)
        #expect(pauses == [LessonRunner.Pause(moment: .beforeRunning, step: 1, total: 2, code: "print(\"one\")"),
                           LessonRunner.Pause(moment: .afterRunning, step: 1, total: 2, code: "print(\"one\")")])
        #expect(display.text.contains("one\n"))
        #expect(!display.text.contains("print(\"two\")"))
    }

    @Test func noPauseAfterTheLastBlock() {
        let (session, _) = makeSession()
        var pauses: [LessonRunner.Pause.Moment] = []
        _ = LessonRunner(lesson: Lesson.parse("```nv\n1\n```\n"), name: "l.md", renderer: LessonRenderer())
            .run(in: session) { pause in
                pauses.append(pause.moment)
                return true
            }
        #expect(pauses == [.beforeRunning])
    }

    @Test func anExpectedErrorIsShownAndTheLessonGoesOn() {
        let (session, display) = makeSession()
        let lesson = Lesson.parse("```nv\nx = nope   # expect error: undefined variable\n```\n```nv\nprint(\"after\")\n```\n")
        let outcome = LessonRunner(lesson: lesson, name: "l.md", renderer: LessonRenderer())
            .run(in: session) { _ in true }
        guard case .finished = outcome else {
            Issue.record("expected the lesson to finish, got \(outcome)")
            return
        }
        #expect(display.text.contains("l.md:2:5: error: undefined variable 'nope'"))
        #expect(display.text.contains("after\n"))
    }

    @Test func anErrorPointsAtTheLineInTheFile() {
        let (session, _) = makeSession()
        let lesson = Lesson.parse("# T\n\ntext\n```nv\nx = 1\ny = x + nope\n```\n```nv\nprint(2)\n```\n")
        let outcome = LessonRunner(lesson: lesson, name: "lesson.md", renderer: LessonRenderer())
            .run(in: session) { _ in true }
        guard case .failed(let error) = outcome else {
            Issue.record("expected an error, got \(outcome)")
            return
        }
        let rendered = error.rendered(color: false)
        #expect(rendered.hasPrefix("lesson.md:6:9: error:"), "\(rendered)")
        #expect(rendered.contains("y = x + nope"))
    }
}
