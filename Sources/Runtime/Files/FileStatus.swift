import Foundation

/// What kind of thing a path names, and the system's reasons in nv's words: shared by
/// `AtomicFile` (writing) and `RegularFile` (reading), which both refuse anything but a regular
/// file — a device, a FIFO (reading one blocks until someone writes), a directory, a socket.
public enum FileStatus {
    /// "a directory", "a FIFO (named pipe)", ... for a `st_mode` that is not a regular file;
    /// nil for a regular file.
    public static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// The system's reason for `code`, starting lower-case so it reads inside nv's sentence
    /// ("cannot write 'x': permission denied").
    public static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }

    /// Refuses a path holding the NUL character: the system reads a path only up to it (`a\0b`
    /// would read or write the file `a`), and Foundation's path functions stop the process on it.
    /// - Throws: `RuntimeError` "`what`: cannot `verb` '`path`': a file name cannot contain the
    ///   NUL character \0".
    public static func refuseNUL(_ path: String, what: String, verb: String) throws {
        guard path.utf8.contains(0) else { return }
        throw RuntimeError("\(what): cannot \(verb) '\(shown(path))': a file name cannot contain the NUL character \\0")
    }

    /// `path` for a message: control characters escaped, cut when very long.
    static func shown(_ path: String) -> String { visible(path, limit: 200) }
}
