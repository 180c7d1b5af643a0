import Foundation
import Testing
@testable import NVCommand

/// Files as a user meets them from the command line: a save that fails half-way, the history
/// file as a FIFO or a folder, a history longer than the REPL keeps.
@Suite(.serialized) struct FileSafetyCommandTests {
    /// A write that the file-size limit stops half-way (`ulimit -f`, SIGXFSZ ignored so write
    /// fails with EFBIG) ends with nv's message, and neither the target nor a temporary file is
    /// left behind.
    @Test func aFailedSaveLeavesNoTemporaryFile() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.currentDirectoryURL = folder
        let program = "m = mlp(layers: [2, 64, 64, 1]); save(m, \"big.safetensors\")"
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" -e \"$1\" 2>err", NVProcess.executable.path, program]
        var environment = ProcessInfo.processInfo.environment
        environment["NV_HISTORY"] = ""
        environment["NO_COLOR"] = "1"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 70)
        let stderr = try String(contentsOf: folder.appendingPathComponent("err"), encoding: .utf8)
        #expect(stderr.contains("error: save: cannot write 'big.safetensors': file too large"), "\(stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["err"])
    }

    /// A script may come from a pipe (`nv <(...)`, the user's choice), but a device that never
    /// ends is cut at the script size limit.
    @Test func scriptsFromPipesRunAndEndlessDevicesAreRefused() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "\"$0\" <(echo 'print(6 * 7)')", NVProcess.executable.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text == "42\n")
        guard getuid() == 0 else { return }
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zero = folder.appendingPathComponent("zero").path
        try #require(mknod(zero, S_IFCHR | 0o666, dev_t(1 << 8 | 5)) == 0)  // like /dev/zero
        let result = try NVProcess.run([zero])
        #expect(result.status == 66)
        #expect(result.stderr == "nv: error: '\(zero)' is longer than the \(ScriptRunner.maximumScriptBytes) bytes nv reads\n")
    }

    @Test func aHistoryFileMustBeARegularFile() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo").path
        try #require(mkfifo(fifo, 0o600) == 0)
        #expect(History.prepare(fifo) == "'\(fifo)' is a FIFO (named pipe), not a regular file")
        #expect(History.prepare(folder.path)?.hasPrefix("cannot open '\(folder.path)': is a directory") == true)
        let fresh = folder.appendingPathComponent("history").path
        #expect(History.prepare(fresh) == nil)
        var info = stat()
        stat(fresh, &info)
        #expect(info.st_mode & 0o777 == 0o600, "a new history file is private")
    }

    /// The REPL keeps the newest `limit` entries in memory but never cuts the user's file.
    @Test func aLongHistoryFileIsKeptWhole() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("history").path
        let old = (1...30).map { "#\(1_700_000_000 + $0)\nx = \($0)\n" }.joined()
        try old.write(toFile: path, atomically: false, encoding: .utf8)
        let history = History(environment: ["NV_HISTORY": path], limit: 5)
        history.add("y = 42")
        history.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(old), "the 30 old entries are still there")
        #expect(text.hasSuffix("\ny = 42\n"))
    }
}
