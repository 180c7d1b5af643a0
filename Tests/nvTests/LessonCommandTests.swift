import Foundation
import Testing

/// `nv LESSON.md` as a user runs it: every lesson in docs/lessons runs to the end with
/// `--no-pause`, a piped run never waits, a failing block stops with the script runner's exit
/// status and location, and on a terminal Enter goes on while q leaves.
@Suite struct LessonCommandTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let lessons: [String] = {
        let folder = root.appendingPathComponent("docs/lessons")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()

    @Test func thereAreLessons() {
        #expect(Self.lessons.contains("01-xor.md"))
        #expect(Self.lessons.contains("02-playground.md"))
    }

    /// Run from outside the repository, as a learner who keeps their own files elsewhere would:
    /// `cnn("config/default_cnn_params.json")` in lesson 3 is found as the digits are.
    @Test(arguments: lessons)
    func lessonRunsToTheEnd(_ name: String) throws {
        let path = Self.root.appendingPathComponent("docs/lessons/\(name)").path
        let elsewhere = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let result = try NVProcess.run([path, "--no-pause"], timeout: 600, currentDirectory: elsewhere)
        #expect(result.status == 0, "\(name) failed:\n\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(!result.crashed)
        // The prose is rendered (no Markdown heading marks), and the code is shown.
        #expect(!result.stdout.contains("\n# "))
        #expect(result.stdout.contains("    "))
    }

    /// A lesson with two steps, written to a scratch folder.
    static func twoStepLesson(second: String = "print(\"second block\")") throws -> String {
        let folder = try NVProcess.scratchFolder()
        let path = folder.appendingPathComponent("two.md").path
        try """
            # Two steps

            First, *this*.

            ```nv
            print("first block")
            ```

            Then that.

            ```nv
            \(second)
            ```
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func pipedOutputNeverPauses() throws {
        let result = try NVProcess.run([try Self.twoStepLesson()], timeout: 60)
        #expect(result.status == 0)
        #expect(result.stdout.contains("first block\n"))
        #expect(result.stdout.contains("second block\n"))
        #expect(!result.stdout.contains("Enter"))
        #expect(result.stdout.contains("Two steps\n═════════\n"))
    }

    @Test func aFailingBlockStopsWithItsLocation() throws {
        let path = try Self.twoStepLesson(second: "x = 1\ny = nope")
        let result = try NVProcess.run([path, "--no-pause"])
        #expect(result.status == 70)
        #expect(result.stderr.contains("two.md:13:5: error:"), "\(result.stderr)")
    }

    @Test func onATerminalEnterContinuesAndQQuits() throws {
        let path = try Self.twoStepLesson()
        let terminal = try PseudoTerminal(arguments: [path, "--graphics", "none"])
        #expect(terminal.waitFor("print(\"first block\")"))
        #expect(terminal.waitFor("step 1 of 2 · Enter: run it · e: edit · b: back · q: quit"))
        terminal.type("q")
        #expect(terminal.exitStatus() == 0)
        #expect(!terminal.output.contains("first block\n"), "q before running must not run the block")

        let again = try PseudoTerminal(arguments: [path, "--graphics", "none"])
        #expect(again.waitFor("Enter: run it"))
        again.type("\r")
        #expect(again.waitFor("first block\n"))
        #expect(again.waitFor("Enter: next step"))
        again.type("\r")
        #expect(again.waitFor("Then that."))
        #expect(again.waitFor("step 2 of 2 · Enter: run it"))
        again.type(" ")
        #expect(again.waitFor("second block\n"))
        #expect(again.exitStatus() == 0)
    }

    @Test func rRunsTheBlockAgainAndBGoesBack() throws {
        let path = try Self.twoStepLesson()
        let terminal = try PseudoTerminal(arguments: [path, "--graphics", "none"])
        #expect(terminal.waitFor("Enter: run it"))
        terminal.type("\r")
        #expect(terminal.waitFor("first block\n"))
        #expect(terminal.waitFor("r: run again"))
        terminal.type("r")
        #expect(terminal.waitFor("first block\n"))
        #expect(terminal.waitFor("r: run again"))
        terminal.type("\r")
        #expect(terminal.waitFor("step 2 of 2"))
        // Back from step 2: a fresh session, and step 1 shown again, not yet run.
        terminal.type("b")
        #expect(terminal.waitFor("step 1 of 2"))
        terminal.type("\r")
        #expect(terminal.waitFor("r: run again"))
        terminal.type("q")
        #expect(terminal.exitStatus() == 0)
        #expect(terminal.output.components(separatedBy: "first block\n").count - 1 >= 3,
                "run, run again, and run after going back")
    }

    @Test func eRunsTheBlockAsEdited() throws {
        let path = try Self.twoStepLesson()
        let editor = try NVProcess.scratchFolder().appendingPathComponent("edit.sh")
        try Data("#!/bin/sh\nsed -i 's/first block/edited block/' \"$1\"\n".utf8).write(to: editor)
        chmod(editor.path, 0o755)
        let terminal = try PseudoTerminal(arguments: [path, "--graphics", "none"], environment: ["EDITOR": editor.path, "VISUAL": nil])
        #expect(terminal.waitFor("Enter: run it"))
        terminal.type("e")
        #expect(terminal.waitFor("edited block\n"))
        #expect(terminal.waitFor("r: run again"))
        terminal.type("q")
        #expect(terminal.exitStatus() == 0)
    }

    @Test func aBlockThatShowsNothingIsNotFollowedByAPause() throws {
        let path = try Self.twoStepLesson(second: "x = 1")
        let quiet = path.replacingOccurrences(of: "two.md", with: "quiet.md")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The first block only defines a variable; the second prints.
        try text.replacingOccurrences(of: "print(\"first block\")", with: "y = 2")
            .replacingOccurrences(of: "x = 1", with: "print(\"second block\")")
            .write(toFile: quiet, atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal(arguments: [quiet, "--graphics", "none"])
        #expect(terminal.waitFor("step 1 of 2 · Enter: run it"))
        terminal.type("\r")
        #expect(terminal.waitFor("step 2 of 2 · Enter: run it"))
        #expect(!terminal.output.contains("Enter: next step"))
        terminal.type("\r")
        #expect(terminal.waitFor("second block\n"))
        #expect(terminal.exitStatus() == 0)
    }

    @Test func ctrlCAtAPauseLeavesWithStatus130() throws {
        let terminal = try PseudoTerminal(arguments: [try Self.twoStepLesson(), "--graphics", "none"])
        #expect(terminal.waitFor("Enter: run it"))
        terminal.interrupt()
        #expect(terminal.exitStatus() == 130)
        #expect(!terminal.output.contains("first block\n"))
    }

    @Test func aMissingLessonIsAnUnreadableFile() throws {
        let result = try NVProcess.run(["no-such-lesson.md"])
        #expect(result.status == 66)
        #expect(result.stderr == "nv: error: cannot read 'no-such-lesson.md': no such file\n")
    }

    @Test func noPauseOnATerminal() throws {
        let terminal = try PseudoTerminal(arguments: [try Self.twoStepLesson(), "--no-pause", "--graphics", "none"])
        #expect(terminal.waitFor("second block"))
        #expect(terminal.exitStatus() == 0)
        #expect(!terminal.output.contains("Enter: next"))
    }

    @Test func referenceFlagPrintsTheStoredReference() throws {
        let result = try NVProcess.run(["--reference"])
        let stored = try String(contentsOf: Self.root.appendingPathComponent("docs/reference.md"), encoding: .utf8)
        #expect(result.status == 0)
        #expect(result.stdout == stored)
    }

    /// A script's relative paths are found next to it (or above it) when the current directory
    /// does not have them; files it writes stay relative to the current directory.
    @Test func scriptReadsFilesRelativeToItself() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scripts = folder.appendingPathComponent("scripts")
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try "x,y,label\n0,0,0\n1,1,1\n".write(to: data.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        let script = scripts.appendingPathComponent("read.nv")
        try "print(csv(\"data/points.csv\").count)\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try NVProcess.run([script.path], currentDirectory: URL(fileURLWithPath: "/"))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "2\n")
    }
}
