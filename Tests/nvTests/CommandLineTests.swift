import Foundation
import Testing

/// The executable end to end: exit statuses, where output goes, and how errors look.
/// Tests marked "language" need the real interpreter (branch `lang`).
@Suite struct CommandLineTests {
    private func write(_ text: String, to name: String) throws -> String {
        let path = try NVProcess.scratchFolder().appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func version() throws {
        let result = try NVProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ".").count == 3)
    }

    @Test func helpListsTheFlags() throws {
        let result = try NVProcess.run(["--help"])
        #expect(result.status == 0)
        for flag in ["-e <code>", "--graphics", "--seed", "--frames", "--width", "--no-live", "--doctor"] {
            #expect(result.stdout.contains(flag), "help does not mention \(flag)")
        }
    }

    @Test(arguments: [
        (["--bogus"], "--bogus"),
        (["--graphics", "vga"], "vga"),
        (["--seed", "minus-one"], "minus-one"),
        (["--width", "0"], "--width"),
        (["-e"], "-e"),
        (["-e", "1", "x.nv"], "not both"),
        (["a.nv", "b.nv"], "b.nv"),
        (["--doctor", "x.nv"], "--doctor"),
    ])
    func usageErrorsExit64(_ arguments: [String], _ mentioned: String) throws {
        let result = try NVProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(mentioned))
    }

    @Test func badGraphicsEnvironmentIsAUsageError() throws {
        let result = try NVProcess.run(["-e", "1"], environment: ["NV_GRAPHICS": "vga"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("NV_GRAPHICS"))
    }

    @Test func unreadableInputsExit66() throws {
        let folder = try NVProcess.scratchFolder()
        for path in [folder.appendingPathComponent("missing.nv").path, folder.path] {
            let result = try NVProcess.run([path])
            #expect(result.status == 66)
            #expect(result.stderr.contains("cannot read '\(path)'"))
        }
    }

    @Test func doctorRuns() throws {
        let result = try NVProcess.run(["--doctor", "--graphics", "ascii"])
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }

    @Test func invalidUTF8DoesNotCrash() throws {
        let path = try NVProcess.scratchFolder().appendingPathComponent("bad.nv").path
        try Data([0xFF, 0xFE, 0x70, 0x72, 0x0A, 0xC3, 0x28, 0x0A, 0xED, 0xA0, 0x80]).write(to: URL(fileURLWithPath: path))
        let result = try NVProcess.run([path])
        #expect(!result.crashed)
        #expect(result.status == 65)
        #expect(result.stderr.contains("byte 0xFF at offset 0 (line 1, column 1) is not valid UTF-8"))
    }

    /// Bytes that are not UTF-8 used to be replaced by U+FFFD without a word, changing the
    /// program's strings: now the first one is named, with its offset, and nothing runs.
    @Test func invalidUTF8IsNamedWithItsOffset() throws {
        let path = try NVProcess.scratchFolder().appendingPathComponent("latin1.nv").path
        try Data("print(1)\nprint(\"caf".utf8 + [0xE9] + "\")\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try NVProcess.run([path])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("latin1.nv: not UTF-8 text: byte 0xE9 at offset 19 (line 2, column 11)"))
        // An argument cannot carry bad bytes from Swift: a shell puts byte 0xFF into `-e`.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", #"exec "$0" -e "$(printf 'print(1)\nx = "\377"')""#, NVProcess.executable.path]
        shell.environment = ["NO_COLOR": "1", "NV_HISTORY": ""]
        let errors = Pipe()
        shell.standardError = errors
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 65)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("-e: not UTF-8 text: byte 0xFF at offset 14 (line 2, column 6)"))
        let piped = try NVProcess.run(["-"], stdin: Data([0x70, 0x72, 0xC3, 0x28]))
        #expect(piped.status == 65)
        #expect(piped.stderr.contains("<stdin>: not UTF-8 text: byte 0xC3 at offset 2"))
    }

    /// SIGTERM restores the terminal, but writes the cursor escapes only to a terminal: into
    /// a pipe they were stray bytes at the end of the output.
    @Test func sigtermWritesNoEscapesIntoAPipe() throws {
        let process = Process()
        process.executableURL = NVProcess.executable
        process.arguments = ["-e", "print(\"started\"); while true { }"]
        process.environment = ["NO_COLOR": "1", "NV_HISTORY": ""]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(30)
        while !String(decoding: seen, as: UTF8.self).contains("started") && Date() < deadline {
            seen += output.fileHandleForReading.availableData
        }
        process.terminate()
        process.waitUntilExit()
        seen += output.fileHandleForReading.readDataToEndOfFile()
        #expect(process.terminationStatus == 128 + SIGTERM)
        #expect(String(decoding: seen, as: UTF8.self) == "started\n")
    }

    // MARK: language

    /// The script prints a marker from inside its loop and the test signals only once it has
    /// read it, so the Ctrl-C always lands while the loop runs (not before nv installed its
    /// handler or before the run cleared the flag).
    @Test func ctrlCStopsAScriptWithStatus130() throws {
        let process = Process()
        process.executableURL = NVProcess.executable
        process.arguments = ["-e", "n = 0; while true { n = n + 1; if n == 1 { print(\"looping\") } }"]
        process.environment = ["NO_COLOR": "1", "NV_HISTORY": ""]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Poll before reading, so an nv that never prints fails the test after 30 s instead of
        // blocking it in a read.
        var seen = Data()
        let deadline = Date().addingTimeInterval(30)
        while !String(decoding: seen, as: UTF8.self).contains("looping\n") && Date() < deadline {
            var reader = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&reader, 1, 100) >= 0 else { break }
            guard reader.revents != 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        #expect(String(decoding: seen, as: UTF8.self) == "looping\n", "the loop started")
        process.interrupt()
        let exitDeadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < exitDeadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("interrupted"))
    }

    @Test func evaluateArgument() throws {
        let program = "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }; print(fib(20))"
        let result = try NVProcess.run(["-e", program])
        #expect(result.status == 0)
        #expect(result.stdout == "6765\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func interpolation() throws {
        let result = try NVProcess.run(["-e", #"print("x = \(1 + 2)")"#])
        #expect(result.stdout == "x = 3\n")
    }

    @Test func evaluateArgumentEchoesItsValue() throws {
        let result = try NVProcess.run(["-e", "20 + 22"])
        #expect(result.status == 0)
        #expect(result.stdout == "42\n")
    }

    @Test func scriptFileDoesNotEcho() throws {
        let path = try write("x = 20\nprint(x + 1)\nx * 2\n", to: "script.nv")
        let result = try NVProcess.run([path])
        #expect(result.status == 0)
        #expect(result.stdout == "21\n")
    }

    @Test(arguments: [["-"], []])
    func scriptFromStandardInput(_ arguments: [String]) throws {
        let result = try NVProcess.run(arguments, stdin: Data("for i in 1...3 { print(i * i) }\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "1\n4\n9\n")
    }

    @Test func syntaxErrorShowsLocationLineAndCaret() throws {
        let path = try write("print(1)\nx = 1 +* 2\nprint(2)\n", to: "syntax.nv")
        let result = try NVProcess.run([path])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty, "a script with a syntax error must not start running")
        try expectLocated(result.stderr, file: path, line: 2, sourceLine: "x = 1 +* 2")
    }

    @Test func runtimeErrorShowsLocationAndStopsThere() throws {
        let path = try write("print(1)\ny = 2 + nothing_here\nprint(3)\n", to: "runtime.nv")
        let result = try NVProcess.run([path])
        #expect(result.status == 70)
        #expect(result.stdout == "1\n")
        #expect(result.stderr.contains("nothing_here"))
        try expectLocated(result.stderr, file: path, line: 2, sourceLine: "y = 2 + nothing_here")
    }

    @Test func errorsHaveNoColourWhenNotATerminal() throws {
        let result = try NVProcess.run(["-e", "1 +* 2"], environment: ["NO_COLOR": nil])
        #expect(result.status == 65)
        #expect(!result.stderr.contains("\u{1B}["))
    }

    /// The first line is `file:line:col: error: ...`, then the source line, then a caret
    /// under column `col`.
    private func expectLocated(_ stderr: String, file: String, line: Int, sourceLine: String) throws {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first)
        let prefix = "\(file):\(line):"
        try #require(header.hasPrefix(prefix), "unexpected header: \(header)")
        let column = try #require(Int(header.dropFirst(prefix.count).prefix { $0.isNumber }))
        #expect(header.contains(": error: "))
        try #require(lines.count >= 3)
        #expect(lines[1] == sourceLine)
        #expect(lines[2].hasPrefix(String(repeating: " ", count: column - 1) + "^"))
    }
}
