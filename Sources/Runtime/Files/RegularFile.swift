import Foundation

/// Reading a file the user named: only a regular file is read (a FIFO would block forever, a
/// device like /dev/zero never ends), and only up to a size limit, so a wrong path gives a
/// message instead of a hang or an exhausted memory.
public enum RegularFile {
    /// Files above this size are refused unless the caller gives its own limit.
    public static let defaultLimit = 1 << 30

    /// Opens `path` for reading and checks that it is a regular file no larger than `limit`.
    /// The descriptor is blocking again when returned; the caller closes it.
    /// - Parameter what: the command named in messages ("csv", "load", ...).
    /// - Returns: the descriptor and the file's size.
    /// - Throws: `RuntimeError` naming the path: missing, no permission, not a regular file,
    ///   or too large.
    public static func open(_ path: String, what: String, limit: Int = defaultLimit) throws -> (descriptor: Int32, size: Int) {
        try FileStatus.refuseNUL(path, what: what, verb: "read")
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer before fstat can refuse it.
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RuntimeError("\(what): cannot read '\(FileStatus.shown(path))': \(FileStatus.reason(errno))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw RuntimeError("\(what): cannot read '\(FileStatus.shown(path))': \(FileStatus.reason(code))")
        }
        if let kind = FileStatus.notRegular(info.st_mode) {
            Glibc.close(descriptor)
            throw RuntimeError("\(what): '\(FileStatus.shown(path))' is \(kind), not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            Glibc.close(descriptor)
            throw RuntimeError("\(what): '\(FileStatus.shown(path))' has \(size) bytes, more than the \(limit) nv reads")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return (descriptor, size)
    }

    /// The bytes of the regular file at `path`, at most `limit` of them.
    /// - Throws: `RuntimeError` as `open`, or when reading fails.
    public static func read(_ path: String, what: String, limit: Int = defaultLimit) throws -> Data {
        let (descriptor, size) = try open(path, what: what, limit: limit)
        defer { Glibc.close(descriptor) }
        var data = Data(count: size)
        var filled = 0
        // Read what fstat promised; a file that grows meanwhile is read up to that size only.
        while filled < size {
            let count = data.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw RuntimeError("\(what): cannot read '\(FileStatus.shown(path))': \(FileStatus.reason(errno))")
            }
            if count == 0 { break }
            filled += count
        }
        if filled < size { data.removeSubrange(filled...) }
        return data
    }

    /// The bytes of a script or lesson the user runs: a regular file, or a pipe, FIFO or
    /// terminal (`nv <(...)`, `nv /dev/stdin`), which the user named on purpose and which is read
    /// to its end — but never more than `limit` bytes (`/dev/zero` would never end).
    /// - Throws: `RuntimeError` naming the path: missing, a directory, unreadable, too large.
    public static func readStream(_ path: String, what: String, limit: Int) throws -> Data {
        try FileStatus.refuseNUL(path, what: what, verb: "read")
        let shown = FileStatus.shown(path)
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RuntimeError("\(what): cannot read '\(shown)': \(FileStatus.reason(errno))") }
        defer { Glibc.close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw RuntimeError("\(what): '\(shown)' is a directory, not a file")
        }
        var data = Data()
        // Not zeroed: only the bytes read(2) puts there are used, and zeroing 64 KB touched
        // sixteen fresh pages at every start of `nv FILE`.
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = Glibc.read(descriptor, chunk.baseAddress, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw RuntimeError("\(what): cannot read '\(shown)': \(FileStatus.reason(errno))")
            }
            if count == 0 { return data }
            guard data.count + count <= limit else {
                throw RuntimeError("\(what): '\(shown)' is longer than the \(limit) bytes nv reads")
            }
            data.append(chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
        }
    }

    /// Whether `path` names a regular file (following symbolic links).
    public static func isRegular(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && FileStatus.notRegular(info.st_mode) == nil
    }
}
