import Foundation

/// Every file nv writes (models, exported PNGs, `--frames`) goes through here, so that:
/// - a crash or `kill -9` never leaves half a file: the bytes go to a temporary file beside the
///   target, are flushed to disk (`fsync`), and the temporary file is renamed over the target;
/// - a device, FIFO, directory or socket is never replaced: such a target is refused (as root,
///   a rename over `/dev/null` would have replaced it with a regular file);
/// - a symbolic link is written through: the file it points to gets the new content and the
///   link stays;
/// - the temporary file is removed on every failure, and leftovers of killed saves (nv's own
///   naming, older than `staleAge`, their process gone) are removed at this process's first
///   write to the same folder.
public enum AtomicFile {
    /// Every temporary file's name holds this, between the target's name and the writer's pid:
    /// `.<name>.nv-tmp-<pid>-<random>`.
    static let marker = ".nv-tmp-"
    /// A temporary file this old whose process no longer runs is a leftover.
    static let staleAge: TimeInterval = 3600
    /// Symbolic links followed before giving up (the system's own limit is 40).
    static let maximumLinks = 40

    /// Writes `bytes` to `path` atomically.
    /// - Parameters:
    ///   - what: the command named in messages ("save", "export", ...).
    ///   - mode: permissions of a new file (before the umask); an existing file keeps its own.
    /// - Throws: `RuntimeError` "`what`: cannot write '`path`': reason" (the folder is missing or
    ///   not writable, the disk is full, ...) or "`what`: '`path`' is a directory, not a regular
    ///   file" (also a FIFO, device, socket).
    public static func write(_ bytes: [UInt8], to path: String, what: String, mode: mode_t = 0o644) throws {
        try bytes.withUnsafeBytes { try write(raw: $0, to: path, what: what, mode: mode) }
    }

    /// Writes `data` to `path` atomically; see the `[UInt8]` form.
    public static func write(_ data: Data, to path: String, what: String, mode: mode_t = 0o644) throws {
        try data.withUnsafeBytes { try write(raw: $0, to: path, what: what, mode: mode) }
    }

    private static func write(raw buffer: UnsafeRawBufferPointer, to path: String, what: String, mode: mode_t) throws {
        func failure(_ code: Int32) -> RuntimeError {
            RuntimeError("\(what): cannot write '\(FileStatus.shown(path))': \(FileStatus.reason(code))")
        }
        try FileStatus.refuseNUL(path, what: what, verb: "write")
        let (target, existing) = try resolve(path, what: what)
        let folder = (target as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        if scannedFolders.firstVisit(directory) { removeStale(in: directory) }
        let name = (target as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\(name)\(marker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing.map { $0 & 0o777 } ?? mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                throw RuntimeError("\(what): cannot write '\(FileStatus.shown(path))': the folder '\(FileStatus.shown(directory))' does not exist")
            }
            throw failure(code)
        }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(descriptor) }
            if !renamed { unlink(temporary) }
        }
        if let existing { fchmod(descriptor, existing & 0o7777) }  // the umask must not narrow it
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            offset += count
        }
        guard fsync(descriptor) == 0 else { throw failure(errno) }
        closed = true
        guard close(descriptor) == 0 else { throw failure(errno) }
        guard rename(temporary, target) == 0 else { throw failure(errno) }
        renamed = true
        // The rename itself is durable only once the folder's entry list is on disk.
        let folderDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// The file a write to `path` must replace, following symbolic links (relative ones from
    /// the link's folder), and the permissions it has when it exists.
    /// - Throws: `RuntimeError` when the final target is not a regular file or the links loop.
    static func resolve(_ path: String, what: String) throws -> (target: String, mode: mode_t?) {
        var current = path
        for _ in 0...maximumLinks {
            var info = stat()
            guard lstat(current, &info) == 0 else {
                let code = errno
                if code == ENOENT { return (current, nil) }
                throw RuntimeError("\(what): cannot write '\(FileStatus.shown(path))': \(FileStatus.reason(code))")
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(current, &buffer, buffer.count - 1)
                guard count >= 0 else {
                    throw RuntimeError("\(what): cannot write '\(FileStatus.shown(path))': \(FileStatus.reason(errno))")
                }
                let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                current = destination.hasPrefix("/") ? destination
                    : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
                continue
            }
            if let kind = FileStatus.notRegular(info.st_mode) {
                let through = current == path ? "" : " (through the link to '\(FileStatus.shown(current))')"
                throw RuntimeError("\(what): '\(FileStatus.shown(path))'\(through) is \(kind), not a regular file; nv writes only to regular files")
            }
            return (current, info.st_mode)
        }
        throw RuntimeError("\(what): cannot write '\(FileStatus.shown(path))': too many levels of symbolic links")
    }

    /// Folders already cleaned by this process: `--frames` writes thousands of files into one
    /// folder, and scanning it before each would make writing them quadratic.
    static let scannedFolders = FolderSet()

    /// Removes nv's temporary files in `directory` that are older than `staleAge` and whose
    /// writing process is gone: leftovers of saves that were killed. Only regular files owned by
    /// this user with nv's exact naming are touched; anything unexpected is left alone.
    static func removeStale(in directory: String, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            guard let pid = ownerPID(ofTemporary: name) else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
            guard now.timeIntervalSince(modified) > staleAge else { continue }
            // kill(pid, 0) fails with ESRCH only when no such process exists.
            guard pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(path)
        }
    }

    /// The writer's pid when `name` is one of nv's temporary files (`.<name>.nv-tmp-<pid>-<n>`).
    static func ownerPID(ofTemporary name: String) -> pid_t? {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards) else { return nil }
        let parts = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil else { return nil }
        return pid
    }
}

/// A set of folder paths shared by every thread that writes files.
final class FolderSet: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: Set<String> = []

    /// True the first time `folder` is given, false after.
    func firstVisit(_ folder: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return folders.insert(folder).inserted
    }
}
