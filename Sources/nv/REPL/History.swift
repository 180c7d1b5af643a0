import CReadline
import Foundation

/// The REPL's persistent history: readline's in-memory list, mirrored to a file.
///
/// The file is `NV_HISTORY` if set (empty disables saving), else `~/.nv_history`. It is read at
/// start, appended one entry at a time (so two REPLs don't overwrite each other and a crash
/// loses nothing), and cut to `limit` entries at start and exit. Entries are written with
/// timestamps so a multi-line entry (a `fn` typed over several lines) comes back as one.
final class History {
    /// Where entries are saved; nil when saving is off.
    let path: String?
    /// The most entries kept, in memory and in the file.
    let limit: Int
    private var lastEntry: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment, limit: Int = 2000) {
        self.limit = limit
        nv_history_configure(Int32(limit))
        guard let path = History.path(environment: environment) else {
            self.path = nil
            return
        }
        // append_history does not create the file, so make sure it exists, private to the user.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            writeStandardError("nv: history will not be saved: cannot open '\(path)': \(reason)\n")
            self.path = nil
            return
        }
        Glibc.close(descriptor)
        self.path = path
        read_history(path)
        history_truncate_file(path, Int32(limit))
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

    /// Cuts the file to `limit` entries; called when the REPL ends.
    func close() {
        if let path { history_truncate_file(path, Int32(limit)) }
    }
}
