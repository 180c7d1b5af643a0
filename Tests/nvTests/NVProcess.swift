import Foundation

/// Runs the built `nv` executable as a user would, with its own stdin, environment and
/// working directory, and collects what it printed.
struct NVProcess {
    /// What one run produced.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the process ended by a signal (a crash), not by exiting.
        var crashed: Bool
    }

    /// `nv` sits next to the test bundle in the build products folder.
    static let executable: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The bundle may be a folder (`nvPackageTests.xctest/...`) on some layouts.
        while !folder.path.isEmpty, folder.path != "/",
              !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("nv").path)
        {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("nv")
    }()

    /// A scratch folder for files a test writes.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("nvTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `nv arguments...` with `stdin` as its standard input (empty when nil) and a plain
    /// environment (no colour, no history file, no inherited NV_GRAPHICS) changed by
    /// `environment` (a nil value removes the variable).
    /// A run that takes longer than `timeout` seconds is killed and reported as crashed.
    /// `directory` is the working directory (the test's own when nil).
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String?] = [:],
                    timeout: TimeInterval = 60, directory: URL? = nil) throws -> Result
    {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out")
        let errURL = folder.appendingPathComponent("err")
        let inURL = folder.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: stdin ?? Data())

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var base = ProcessInfo.processInfo.environment
        base["NV_GRAPHICS"] = nil
        base["NO_COLOR"] = "1"
        base["NV_HISTORY"] = ""
        for (name, value) in environment { base[name] = value }
        process.environment = base
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            process.waitUntilExit()
        }
        try outHandle.close()
        try errHandle.close()
        try inHandle.close()
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return Result(status: process.terminationStatus, stdout: read(outURL), stderr: read(errURL),
                      crashed: timedOut || process.terminationReason == .uncaughtSignal)
    }
}
