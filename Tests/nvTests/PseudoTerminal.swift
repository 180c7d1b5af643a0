import Foundation

/// Runs the built `nv` on a pseudo-terminal, so it sees a TTY and starts its REPL, and lets a
/// test type into it and read the screen output as a stream (CRs removed).
///
/// The child does not get the pty as its controlling terminal, so a typed Ctrl-C would not
/// become a signal: `interrupt()` sends SIGINT directly instead, as the terminal driver would.
final class PseudoTerminal {
    private let master: Int32
    private let slave: FileHandle
    private let process = Process()
    /// Everything the REPL wrote so far.
    private(set) var output = ""
    /// Where the next `waitFor` starts looking, as a UTF-8 offset into `output`.
    private var mark = 0

    init(arguments: [String] = [], environment: [String: String?] = [:]) throws {
        // Linux's /dev/ptmx directly: glibc's posix_openpt family is hidden from Swift's Glibc
        // module (it needs _XOPEN_SOURCE), and the ioctl numbers are function-like macros
        // (_IOW/_IOR) that Swift cannot import: TIOCSPTLCK = _IOW('T', 0x31, int),
        // TIOCGPTN = _IOR('T', 0x30, unsigned int), the same on every Linux architecture
        // that uses the generic ioctl layout (x86-64, arm64).
        let TIOCSPTLCK: UInt = 0x4004_5431
        let TIOCGPTN: UInt = 0x8004_5430
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, TIOCSPTLCK, &unlock) == 0,
              ioctl(master, TIOCGPTN, &number) == 0 else {
            throw PseudoTerminalError.unavailable("cannot open a pseudo-terminal: errno \(errno)")
        }
        let path = "/dev/pts/\(number)"
        guard let slave = FileHandle(forUpdatingAtPath: path) else {
            throw PseudoTerminalError.unavailable("cannot open \(path)")
        }
        self.slave = slave
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        process.executableURL = NVProcess.executable
        process.arguments = arguments
        var base = ProcessInfo.processInfo.environment
        base["NV_GRAPHICS"] = nil
        base["NO_COLOR"] = "1"
        base["NV_HISTORY"] = ""
        base["TERM"] = "dumb"
        base["INPUTRC"] = "/dev/null"
        for (key, value) in environment { base[key] = value }
        process.environment = base
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = slave
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? slave.close()
        close(master)
    }

    /// Types `text` (use "\n" for Return, "\u{04}" for Ctrl-D).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Sends SIGINT, as Ctrl-C on a controlling terminal would.
    func interrupt() { process.interrupt() }

    /// Reads until `needle` appears after the previous match; returns false after `timeout`
    /// seconds without it. The next search starts after the match.
    @discardableResult
    func waitFor(_ needle: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let unread = String(decoding: output.utf8.dropFirst(mark), as: UTF8.self)
            if let found = unread.range(of: needle) {
                mark += unread.utf8.distance(from: unread.startIndex, to: found.upperBound)
                return true
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, readAvailable(waitingAtMost: left) else { return false }
        }
    }

    /// Waits for the process to end; nil if it is still running after `timeout` seconds.
    func exitStatus(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            _ = readAvailable(waitingAtMost: 0.05)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Appends whatever the REPL wrote within `seconds` (at most one second per call);
    /// false once the terminal is closed (the REPL ended).
    private func readAvailable(waitingAtMost seconds: TimeInterval) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(max(min(seconds, 1), 0.01) * 1000)) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        output += String(decoding: buffer[..<count], as: UTF8.self).replacingOccurrences(of: "\r", with: "")
        return true
    }
}

enum PseudoTerminalError: Error {
    case unavailable(String)
}
