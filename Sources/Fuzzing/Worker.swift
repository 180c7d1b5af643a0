import Foundation
import Interpreter
import Runtime

/// The child side of a run: generates inputs `from..<to` of one kind and runs each in-process,
/// telling the supervisor on standard output when each starts and ends, so that when it dies
/// the supervisor knows which input killed it. Its address space is capped first, so a runaway
/// allocation fails here (and is reported) instead of taking the machine.
public struct Worker {
    public var kind: InputKind
    public var seed: UInt64
    public var range: Range<Int>
    public var root: String
    /// A folder of its own; each input runs in a fresh `input` folder inside it.
    public var scratch: String
    public var memoryLimitMB: Int
    public var runner = InputRunner()
    /// Restricts the inputs to one family (`--family`).
    public var family: String?

    public init(kind: InputKind, seed: UInt64, range: Range<Int>, root: String, scratch: String, memoryLimitMB: Int) {
        self.kind = kind
        self.seed = seed
        self.range = range
        self.root = root
        self.scratch = scratch
        self.memoryLimitMB = memoryLimitMB
    }

    /// Exit status asking the supervisor for a fresh worker from the next input (memory grew).
    public static let restartStatus: Int32 = 3

    public func run() -> Never {
        Worker.limitAddressSpace(megabytes: memoryLimitMB)
        let source = InputSource(kind: kind, root: root, scratch: scratch, family: family)
        let folder = scratch + "/input"
        let canary = ProcessInfo.processInfo.environment["NV_FUZZ_CANARY"] != nil
        for index in range {
            Worker.say("S \(index)")
            if canary { Worker.canary(index) }
            let input = source.input(seed: seed, index: index)
            if let reason = Sandbox.refusal(input) {
                Worker.say("D \(index) skip 0 \(Worker.encode(reason))")
                continue
            }
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            _ = FileManager.default.changeCurrentDirectoryPath(folder)
            let start = Date()
            for problem in runner.run(input, in: folder) {
                Worker.say("F \(index) \(problem.category) \(Worker.encode(problem.detail))")
            }
            Worker.say("D \(index) \(input.family) \(Int(Date().timeIntervalSince(start) * 1000))")
            if Worker.residentMegabytes() > memoryLimitMB / 2 { exit(Worker.restartStatus) }
        }
        exit(0)
    }

    /// With NV_FUZZ_CANARY set (the harness's own test), inputs 0, 1 and 2 trap, hang and
    /// exhaust the address space, so the test sees each detected and the run continue.
    static func canary(_ index: Int) {
        switch index {
        case 0: fatalError("nv-fuzz canary trap")
        case 1: while true { sleep(1) }
        case 2:
            // Blocks are kept but not filled: the address-space cap stops the allocation at
            // once, where filling them (a page fault per 4 KB) took seconds on a busy machine
            // and the canary was taken for a hang.
            while true {
                let block = UnsafeMutableRawPointer.allocate(byteCount: 256 << 20, alignment: 64)
                block.storeBytes(of: 1, as: UInt8.self)
                Worker.kept.append(block)
            }
        default: break
        }
    }

    nonisolated(unsafe) static var kept: [UnsafeMutableRawPointer] = []

    static func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    static func encode(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func limitAddressSpace(megabytes: Int) {
        guard megabytes > 0 else { return }
        var limit = rlimit(rlim_cur: rlim_t(megabytes) << 20, rlim_max: rlim_t(megabytes) << 20)
        #if canImport(Glibc)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        #else
        setrlimit(RLIMIT_AS, &limit)
        #endif
    }

    /// Resident set size of this process, from /proc/self/statm (0 where that is missing).
    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .ascii) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) >> 20
    }
}

/// Where inputs come from: the program families or the file families, built once per worker.
public struct InputSource {
    let programs: ProgramFamilies?
    let files: FileFamilies?

    public init(kind: InputKind, root: String, scratch: String, family: String? = nil) {
        switch kind {
        case .program:
            let builtins = Session(display: SilentDisplay(), options: SessionOptions(graphics: .none)).builtins
            programs = ProgramFamilies(builtins: builtins, corpus: Corpus(root: root),
                                       only: family.flatMap { ProgramFamilies.names.contains($0) ? $0 : nil })
            files = nil
        case .file:
            try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            programs = nil
            files = FileFamilies(seeds: FileSeeds(root: root, scratch: scratch),
                                 only: family.flatMap { FileFamilies.names.contains($0) ? $0 : nil })
        }
    }

    public func input(seed: UInt64, index: Int) -> FuzzInput {
        if let programs { return programs.input(seed: seed, index: index) }
        return files!.input(seed: seed, index: index)
    }
}

/// Keeps generated and mutated programs inside the folder they run in: a program that names
/// an absolute path (other than under /tmp) or a parent folder is not run, so a mutation can
/// never make the fuzzer write over a real file or a device.
enum Sandbox {
    static func refusal(_ input: FuzzInput) -> String? {
        let text = input.program
        if text.contains("../") || text.contains("..\"") { return "names a parent folder" }
        var rest = Substring(text)
        while let range = rest.range(of: "\"/") {
            if !rest[range.upperBound...].hasPrefix("tmp/") { return "names an absolute path" }
            rest = rest[range.upperBound...]
        }
        return nil
    }
}
