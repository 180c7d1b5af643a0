import Foundation
import Testing

/// `:save` in the REPL, the replay of the notebook, and `nv --export`, run as a user runs them.
@Suite struct NotebookCommandTests {
    @Test func aSavedSessionReplaysWithTheSameOutputsAndPictures() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes.md").path
        let terminal = try PseudoTerminal(environment: ["NV_GRAPHICS": "blocks"])
        #expect(terminal.waitFor("nv[1]> "))
        for (n, line) in ["data = split(circle(n: 60, noise: 0.1), 0.8)", "net = xor(hidden: 2, seed: 3)",
                          "train(net, epochs: 2000, every: 500)", "scatter([0, 1, 1], [1, 0, 1], title: \"three\")",
                          "len(nothing_here)", "print(\"rows: \\(len([1, 2, 3]))\")"].enumerated() {
            terminal.type(line + "\n")
            #expect(terminal.waitFor("nv[\(n + 2)]> ", timeout: 30), "entry \(n + 1)")
        }
        terminal.type(":history\n")
        #expect(terminal.waitFor("5  len(nothing_here)   (error)"))
        terminal.type(":save \(notes)\n")
        #expect(terminal.waitFor("saved 6 entries to \(notes), 2 pictures in notes/"))
        terminal.type(":save \(notes)\n")
        #expect(terminal.waitFor("already exists; :save! \(notes) replaces it"))
        terminal.type(":save \(folder.path)/missing/n.md\n")
        #expect(terminal.waitFor("the folder '\(folder.path)/missing' does not exist"))
        terminal.type(":save! \(notes)\n")
        #expect(terminal.waitFor("saved 6 entries"))
        terminal.type(":quit\n")
        #expect(terminal.exitStatus() == 0)

        let markdown = try String(contentsOfFile: notes, encoding: .utf8)
        #expect(markdown.contains("```nv\nlen(nothing_here)\n# expect error: undefined variable 'nothing_here'\n```"))
        #expect(markdown.contains("```output\nrows: 3\n```"))
        let saved = ["notes/entry-003-1.png", "notes/entry-004-1.png"]
        for picture in saved { #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(picture).path)) }

        // The replay prints every output block the session saved.
        let replay = try NVProcess.run([notes, "--no-pause"], currentDirectory: folder)
        #expect(replay.status == 0, "\(replay.stderr)")
        let outputs = markdown.components(separatedBy: "```output\n").dropFirst()
            .compactMap { $0.components(separatedBy: "\n```").first }
        #expect(outputs.count == 3)
        for output in outputs where !output.hasPrefix("error: ") {
            #expect(replay.stdout.contains(output), "replay prints \(output)")
        }
        #expect(replay.stdout.contains("undefined variable 'nothing_here'"))

        // Exporting the notebook runs it again and draws the same pictures, byte for byte.
        let export = try NVProcess.run(["--export", "out", "notes.md"], currentDirectory: folder)
        #expect(export.status == 0, "\(export.stderr)")
        for (k, picture) in saved.enumerated() {
            let again = try Data(contentsOf: folder.appendingPathComponent("out/notes/block-00\(k + 3)-1.png"))
            #expect(again == (try Data(contentsOf: folder.appendingPathComponent(picture))), "\(picture)")
        }
        let html = try String(contentsOf: folder.appendingPathComponent("out/notes.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<img src=\"data:image/png;base64,").count == 3)
    }

    @Test func exportNeedsALessonAndWritesNothingWhenABlockFails() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let usage = try NVProcess.run(["--export", "out", "examples/xor.nv"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--export needs a lesson or notebook"))
        let lesson = folder.appendingPathComponent("broken.md")
        try Data("# Broken\n\n```nv\nprint(1)\n```\n\n```nv\nnope + 1\n```\n".utf8).write(to: lesson)
        let failed = try NVProcess.run(["--export", "out", "broken.md"], currentDirectory: folder)
        #expect(failed.status == 70)
        #expect(failed.stderr.contains("undefined variable 'nope'"))
        #expect(failed.stderr.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
