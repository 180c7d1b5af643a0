import Foundation
import Testing
@testable import Runtime

/// A private folder for one test, removed at the end.
final class ScratchFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "nv-files-\(UUID().uuidString)"
        mkdir(path, 0o755)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func callAsFunction(_ name: String) -> String { path + "/" + name }
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    func mode(_ name: String) -> mode_t {
        var info = stat()
        lstat(self(name), &info)
        return info.st_mode
    }
}

/// glibc's `makedev` (a C macro Swift cannot call) for small major and minor numbers.
func deviceNumber(major: UInt32, minor: UInt32) -> dev_t {
    dev_t((major & 0xFFF) << 8 | (minor & 0xFF))
}

private func message(_ body: () throws -> Void) -> String? {
    do { try body() } catch let error as RuntimeError { return error.message } catch { return "\(error)" }
    return nil
}

@Suite struct AtomicFileTests {
    @Test func writesANewFileAndReplacesAnOldOne() throws {
        let folder = ScratchFolder()
        try AtomicFile.write([1, 2, 3], to: folder("m.bin"), what: "save")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder("m.bin"))) == Data([1, 2, 3]))
        chmod(folder("m.bin"), 0o600)
        try AtomicFile.write([4], to: folder("m.bin"), what: "save")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder("m.bin"))) == Data([4]))
        #expect(folder.mode("m.bin") & 0o777 == 0o600, "an existing file keeps its permissions")
        #expect(folder.names == ["m.bin"], "no temporary file is left")
    }

    /// The device node is our own (mknod in a private folder, the numbers of /dev/null), never
    /// the system's /dev.
    @Test(.enabled(if: getuid() == 0, "mknod needs root")) func refusesADeviceNode() throws {
        let folder = ScratchFolder()
        try #require(mknod(folder("null"), S_IFCHR | 0o666, deviceNumber(major: 1, minor: 3)) == 0)
        let problem = message { try AtomicFile.write([1], to: folder("null"), what: "save") }
        #expect(problem == "save: '\(folder("null"))' is a character device, not a regular file; nv writes only to regular files")
        #expect(folder.mode("null") & S_IFMT == S_IFCHR, "the device is still a device")
        #expect(folder.names == ["null"])
    }

    @Test func refusesAFIFOWithoutBlocking() throws {
        let folder = ScratchFolder()
        try #require(mkfifo(folder("pipe"), 0o644) == 0)
        let problem = message { try AtomicFile.write([1], to: folder("pipe"), what: "export") }
        #expect(problem?.hasPrefix("export: '\(folder("pipe"))' is a FIFO (named pipe), not a regular file") == true, "\(problem ?? "")")
        #expect(folder.mode("pipe") & S_IFMT == S_IFIFO)
        #expect(folder.names == ["pipe"])
    }

    /// The system would take "x\0.bin" as "x", and Foundation's path functions stop the process
    /// on a NUL: found by nv-fuzz through `save(model, path: "\0")`.
    @Test func refusesAPathWithANULAndWritesNothing() throws {
        let folder = ScratchFolder()
        for path in [folder("x\0.bin"), "\0"] {
            #expect(message { try AtomicFile.write([1, 2, 3], to: path, what: "save") }
                == "save: cannot write '\(visible(path, limit: 200))': a file name cannot contain the NUL character \\0")
        }
        #expect(folder.names.isEmpty)
        #expect(message { _ = try RegularFile.read(folder("x\0.bin"), what: "load") }?
            .hasSuffix("a file name cannot contain the NUL character \\0") == true)
    }

    @Test func refusesADirectory() throws {
        let folder = ScratchFolder()
        mkdir(folder("models"), 0o755)
        let problem = message { try AtomicFile.write([1], to: folder("models"), what: "save") }
        #expect(problem?.contains("is a directory, not a regular file") == true, "\(problem ?? "")")
        #expect(folder.mode("models") & S_IFMT == S_IFDIR)
    }

    @Test func refusesASocket() throws {
        let folder = ScratchFolder()
        let socketPath = folder("s")
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in socketPath.utf8.prefix(buffer.count - 1).enumerated() { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        let problem = message { try AtomicFile.write([1], to: socketPath, what: "save") }
        #expect(problem?.contains("is a socket, not a regular file") == true, "\(problem ?? "")")
    }

    @Test func writesThroughSymbolicLinks() throws {
        let folder = ScratchFolder()
        mkdir(folder("real"), 0o755)
        try Data([9]).write(to: URL(fileURLWithPath: folder("real/model.bin")))
        // A relative link to a relative link, and a dangling link that names a new file.
        try #require(symlink("real/model.bin", folder("first")) == 0)
        try #require(symlink("first", folder("second")) == 0)
        try #require(symlink(folder("real/new.bin"), folder("dangling")) == 0)
        try AtomicFile.write([7, 7], to: folder("second"), what: "save")
        try AtomicFile.write([5], to: folder("dangling"), what: "save")
        #expect(folder.mode("second") & S_IFMT == S_IFLNK, "the link stays a link")
        #expect(folder.mode("first") & S_IFMT == S_IFLNK)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder("real/model.bin"))) == Data([7, 7]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder("real/new.bin"))) == Data([5]))
        #expect(folder.names == ["dangling", "first", "real", "second"])
    }

    @Test func aLinkToADeviceOrALoopIsRefused() throws {
        let folder = ScratchFolder()
        try #require(mkfifo(folder("pipe"), 0o644) == 0)
        try #require(symlink("pipe", folder("link")) == 0)
        let problem = message { try AtomicFile.write([1], to: folder("link"), what: "save") }
        #expect(problem?.contains("(through the link to '\(folder("pipe"))') is a FIFO") == true, "\(problem ?? "")")
        try #require(symlink("loop-b", folder("loop-a")) == 0)
        try #require(symlink("loop-a", folder("loop-b")) == 0)
        let loop = message { try AtomicFile.write([1], to: folder("loop-a"), what: "save") }
        #expect(loop?.contains("too many levels of symbolic links") == true, "\(loop ?? "")")
    }

    @Test func aMissingOrUnwritableFolderIsNamedInNvsWords() throws {
        let folder = ScratchFolder()
        let missing = message { try AtomicFile.write([1], to: folder("no/such/m.bin"), what: "save") }
        #expect(missing == "save: cannot write '\(folder("no/such/m.bin"))': the folder '\(folder("no/such"))' does not exist")
        try Data([1]).write(to: URL(fileURLWithPath: folder("file")))
        let underFile = message { try AtomicFile.write([1], to: folder("file/m.bin"), what: "save") }
        #expect(underFile == "save: cannot write '\(folder("file/m.bin"))': not a directory")
        #expect(folder.names == ["file"])
    }

    /// Permission bits do not stop root, so this runs only for another user.
    @Test(.enabled(if: getuid() != 0, "root may write anywhere")) func anUnwritableFolderSaysPermissionDenied() throws {
        let folder = ScratchFolder()
        mkdir(folder("locked"), 0o555)
        defer { chmod(folder("locked"), 0o755) }
        let problem = message { try AtomicFile.write([1], to: folder("locked/m.bin"), what: "save") }
        #expect(problem == "save: cannot write '\(folder("locked/m.bin"))': permission denied")
    }

    @Test func staleTemporaryFilesOfDeadWritersAreRemoved() throws {
        let folder = ScratchFolder()
        // A process that has ended: its pid names no process any more (reaped below).
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let deadPID = child.processIdentifier
        try #require(kill(deadPID, 0) != 0)
        let old = Date().addingTimeInterval(-2 * AtomicFile.staleAge)
        let names = [
            ".m.bin\(AtomicFile.marker)\(deadPID)-12345",          // stale: dead writer, old
            ".x.png\(AtomicFile.marker)\(getppid())-1",            // a live writer: kept
            ".fresh.bin\(AtomicFile.marker)\(deadPID)-7",          // too recent: kept
            "notes.nv-tmp-\(deadPID)-1",                           // not our naming (no dot): kept
            ".m.bin\(AtomicFile.marker)\(deadPID)-x",              // not our naming: kept
        ]
        for name in names { try Data([0]).write(to: URL(fileURLWithPath: folder(name))) }
        for name in names where !name.hasPrefix(".fresh") {
            var times = [timespec(tv_sec: Int(old.timeIntervalSince1970), tv_nsec: 0),
                         timespec(tv_sec: Int(old.timeIntervalSince1970), tv_nsec: 0)]
            utimensat(AT_FDCWD, folder(name), &times, 0)
        }
        try AtomicFile.write([1], to: folder("other.bin"), what: "save")
        #expect(folder.names == ([".fresh.bin\(AtomicFile.marker)\(deadPID)-7", ".m.bin\(AtomicFile.marker)\(deadPID)-x",
                                  ".x.png\(AtomicFile.marker)\(getppid())-1", "notes.nv-tmp-\(deadPID)-1", "other.bin"]).sorted())
    }

    @Test func ourTemporaryNamesAreRecognised() {
        #expect(AtomicFile.ownerPID(ofTemporary: ".m.safetensors.nv-tmp-123-456") == 123)
        #expect(AtomicFile.ownerPID(ofTemporary: ".a.nv-tmp-b.nv-tmp-9-1") == 9)
        #expect(AtomicFile.ownerPID(ofTemporary: "m.nv-tmp-123-456") == nil)
        #expect(AtomicFile.ownerPID(ofTemporary: ".m.nv-tmp-123") == nil)
        #expect(AtomicFile.ownerPID(ofTemporary: ".m.nv-tmp--1-2") == nil)
        #expect(AtomicFile.ownerPID(ofTemporary: ".m.tmp") == nil)
    }
}
