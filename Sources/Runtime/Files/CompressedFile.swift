import CZlib
import Foundation

/// Reading a file that may be gzip-compressed or plain (zlib's `gzread` reads both), with the
/// same checks as `RegularFile` and a bound on the inflated size, so a small file that would
/// inflate to gigabytes is stopped one step past the limit.
public enum CompressedFile {
    /// The bytes of the file at `path`, inflated when it is gzip, at most `limit` of them.
    /// - Parameter what: the command named in messages ("csv", "digits", ...).
    /// - Throws: `RuntimeError` naming the path: missing, not a regular file, corrupt gzip data,
    ///   or more than `limit` bytes once inflated.
    public static func read(_ path: String, what: String, limit: Int) throws -> [UInt8] {
        let shown = FileStatus.shown(path)
        let (descriptor, _) = try RegularFile.open(path, what: what, limit: Int.max)
        guard let file = gzdopen(descriptor, "rb") else {
            close(descriptor)
            throw RuntimeError("\(what): cannot open '\(shown)'")
        }
        defer { gzclose(file) }
        let bytes = try IDXFile.inflate(file, count: limit + 1, source: "\(what): '\(shown)'")
        guard bytes.count <= limit else {
            throw RuntimeError("\(what): '\(shown)' holds more than the \(limit) bytes nv reads")
        }
        return bytes
    }
}
