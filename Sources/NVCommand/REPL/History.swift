import CReadline
import Foundation
import Runtime

/// The REPL's persistent history: readline's in-memory list, mirrored to a file.
///
/// The file is `NV_HISTORY` if set (empty disables saving), else `~/.nv_history`. It is read at
/// start (readline keeps its newest `limit` entries in memory) and appended one entry at a
/// time, so two REPLs don't overwrite each other and a crash loses nothing. The file itself is
/// never cut: it is the user's, and older entries may matter to them. Only a regular file is
/// used (a FIFO would block the start, a device would swallow the entries). Entries are written
/// with timestamps so a multi-line entry (a `fn` typed over several lines) comes back as one.
final class History {
    /// Where entries are saved; nil when saving is off.
    let path: String?
    /// The most entries kept in memory (the newest ones of the file).
    let limit: Int
    private var lastEntry: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment, limit: Int = 2000) {
        self.limit = limit
        nv_history_configure(Int32(limit))
        guard let path = History.path(environment: environment) else {
            self.path = nil
            return
        }
        if let problem = History.prepare(path) {
            writeStandardError("nv: history will not be saved: \(problem)\n")
            self.path = nil
            return
        }
        self.path = path
        read_history(path)
        lastEntry = nv_history_newest().map { String(cString: $0) }
        using_history()
    }

    /// The history file for this environment: `NV_HISTORY`, or `~/.nv_history`, or nil.
    static func path(environment: [String: String]) -> String? {
        if let chosen = environment["NV_HISTORY"] {
            return chosen.isEmpty ? nil : (chosen as NSString).expandingTildeInPath
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".nv_history")
    }

    /// Records an entry (blank ones and repeats of the previous entry are skipped).
    func add(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != lastEntry else { return }
        lastEntry = entry
        add_history(entry)
        if let path { append_history(1, path) }
    }

    /// Called when the REPL ends; every entry is already in the file.
    func close() {}

    /// Makes sure `path` is a regular file that exists (append_history does not create it),
    /// private to the user when new; nil when it is ready, else what is wrong.
    static func prepare(_ path: String) -> String? {
        let shown = visible(path, limit: 200)
        // O_NONBLOCK: opening a FIFO for writing would otherwise wait for a reader.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == ENXIO { return "'\(shown)' is a FIFO (named pipe), not a regular file" }
            return "cannot open '\(shown)': \(FileStatus.reason(errno))"
        }
        defer { Glibc.close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return "cannot open '\(shown)': \(FileStatus.reason(errno))" }
        if let kind = FileStatus.notRegular(info.st_mode) { return "'\(shown)' is \(kind), not a regular file" }
        return nil
    }
}
