import Foundation
import Interpreter

/// The parent side of a run: starts the driver itself in worker mode on a range of inputs,
/// watches it (a line per input started and finished), and when it dies or stops answering,
/// records the input it was on, writes it to a folder with a report, and starts a new worker
/// after it. So a trap, a stack overflow or an allocation failure costs one input, not the run.
public final class Supervisor {
    public struct Options {
        public var seed: UInt64 = 1
        public var programs = 1_000
        public var files = 200
        /// First index of each kind (to resume or to split a run).
        public var start = 0
        public var output = "fuzz-findings"
        public var root = Corpus.locateRoot()
        /// Address-space cap of a worker (RLIMIT_AS), in MB.
        public var memoryLimitMB = 4_096
        /// A worker silent on one input for this long is killed and the input recorded as a hang.
        public var hangSeconds: Double = 30
        public var runner = InputRunner()
        public var quiet = false
        /// Every input of this family only (`--family png`, `--family growth`).
        public var family: String?
        public init() {}
    }

    public let options: Options
    let executable: String
    public private(set) var findings: [Finding] = []
    public private(set) var tried: [InputKind: Int] = [:]
    public private(set) var skipped = 0
    /// Milliseconds spent per input family, to see where a run's time goes.
    public private(set) var time: [String: Int] = [:]

    static func flush() { fflush(nil) }

    public init(options: Options, executable: String) {
        self.options = options
        self.executable = executable
    }

    /// Runs every input of both kinds; returns the findings.
    @discardableResult
    public func run() -> [Finding] {
        try? FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)
        let began = Date()
        for (kind, count) in [(InputKind.program, options.programs), (.file, options.files)] where count > 0 {
            runKind(kind, range: options.start..<(options.start + count))
        }
        let report = Summary.text(findings: findings, tried: tried, skipped: skipped, seed: options.seed,
                                  seconds: Date().timeIntervalSince(began), output: options.output, time: time)
        try? report.write(toFile: options.output + "/summary.txt", atomically: true, encoding: .utf8)
        print(report)
        return findings
    }

    private func runKind(_ kind: InputKind, range: Range<Int>) {
        var next = range.lowerBound
        var failedStarts = 0
        var lastProgress = Date()
        while next < range.upperBound {
            let result = runWorker(kind, from: next, to: range.upperBound)
            tried[kind, default: 0] += result.finished + result.skipped
            skipped += result.skipped
            if result.finished == 0, result.culprit == nil {
                failedStarts += 1
                if failedStarts >= 3 {
                    FileHandle.standardError.write("nv-fuzz: the worker fails before its first input:\n\(result.stderr)\n".data(using: .utf8)!)
                    exit(2)
                }
            } else {
                failedStarts = 0
            }
            if let culprit = result.culprit {
                record(kind: kind, index: culprit, category: result.category, signature: result.signature, detail: result.stderr)
                tried[kind, default: 0] += 1
                next = culprit + 1
            } else {
                next = result.lastDone.map { $0 + 1 } ?? next
            }
            if !options.quiet, Date().timeIntervalSince(lastProgress) > 30 {
                lastProgress = Date()
                print("nv-fuzz: \(kind.rawValue) \(next - range.lowerBound)/\(range.count), \(findings.count) findings")
                Supervisor.flush()
            }
        }
    }

    struct WorkerResult {
        var finished = 0
        var skipped = 0
        var lastDone: Int?
        /// The input the worker was on when it died or hung.
        var culprit: Int?
        var category = ""
        var signature = ""
        var stderr = ""
    }

    private func runWorker(_ kind: InputKind, from: Int, to: Int) -> WorkerResult {
        var result = WorkerResult()
        let scratch = NSTemporaryDirectory() + "nv-fuzz-\(getpid())-\(kind.rawValue)"
        let errPath = scratch + ".stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--worker", kind.rawValue, "--seed", "\(options.seed)", "--from", "\(from)", "--to", "\(to)",
                             "--root", options.root, "--scratch", scratch, "--memory", "\(options.memoryLimitMB)",
                             "--step-budget", "\(options.runner.stepBudget)", "--interrupt-after", "\(options.runner.interruptAfter)",
                             "--slow-after", "\(options.runner.slowAfter)"] + (options.family.map { ["--family", $0] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,threads=all,registers=none,images=none,limit=48,timeout=20s"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            result.stderr = "cannot start \(executable): \(error)"
            return result
        }
        let fd = pipe.fileHandleForReading.fileDescriptor
        var buffer: [UInt8] = []
        var current: Int?
        var startedAt = Date()
        var hung = false
        var open = true
        while open {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 250)
            if ready > 0 {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let count = read(fd, &chunk, chunk.count)
                if count <= 0 { open = false } else { buffer += chunk.prefix(count) }
                while let newline = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self)
                    buffer.removeSubrange(...newline)
                    let parts = line.split(separator: " ").map(String.init)
                    guard parts.count >= 2, let index = Int(parts[1]) else { continue }
                    switch parts[0] {
                    case "S":
                        current = index
                        startedAt = Date()
                    case "D":
                        current = nil
                        if parts.count > 3, let milliseconds = Int(parts[3]) {
                            time[parts[2] == "skip" ? "skip" : parts[2], default: 0] += milliseconds
                        }
                        result.lastDone = index
                        if parts.count > 2, parts[2] == "skip" { result.skipped += 1 } else { result.finished += 1 }
                    case "F" where parts.count >= 4:
                        let detail = String(decoding: Data(base64Encoded: parts[3]) ?? Data(), as: UTF8.self)
                        record(kind: kind, index: index, category: parts[2], signature: nil, detail: detail)
                    default: break
                    }
                }
            }
            if current != nil, !hung, Date().timeIntervalSince(startedAt) > options.hangSeconds {
                // No backtrace: the runtime's backtracer, asked with SIGQUIT, itself stalled
                // on a process busy growing a string.
                hung = true
                kill(process.processIdentifier, SIGKILL)
                open = false
            }
        }
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        result.stderr = String(stderr.suffix(20_000))
        let signaled = process.terminationReason == .uncaughtSignal
        if hung, let current {
            result.culprit = current
            result.category = "hang"
            result.signature = "no answer in \(Int(options.hangSeconds)) s"
        } else if let current, signaled || process.terminationStatus != 0 {
            result.culprit = current
            let (category, signature) = CrashReport.classify(stderr: stderr, signal: signaled ? process.terminationStatus : nil)
            result.category = category
            result.signature = signature
        }
        return result
    }

    private func record(kind: InputKind, index: Int, category: String, signature: String?, detail: String) {
        let input = InputSource.cached(kind: kind, root: options.root, family: options.family).input(seed: options.seed, index: index)
        let folder = options.output + "/\(category)-\(kind.rawValue)-\(index)"
        Reproducer.write(input, to: folder, seed: options.seed, index: index, category: category, detail: detail,
                         family: options.family)
        var signature = signature ?? "\(category) in \(input.family): " + Summary.normalize(detail)
        if category == "wrong" || category == "hang" {
            signature += " in \(input.family): " + Summary.shape(of: input.program)
        }
        findings.append(Finding(category: category, kind: kind, index: index, family: input.family, signature: signature,
                                detail: detail, inputSize: input.size, folder: folder))
        // One line per finding, as it happens: category, kind, index, family, size, cause.
        let line = [category, kind.rawValue, "\(index)", input.family, "\(input.size)",
                    signature.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")]
            .joined(separator: "\t") + "\n"
        let list = options.output + "/findings.tsv"
        if !FileManager.default.fileExists(atPath: list) { _ = FileManager.default.createFile(atPath: list, contents: nil) }
        if let handle = FileHandle(forWritingAtPath: list) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            handle.closeFile()
        }
        if !options.quiet {
            print("nv-fuzz: \(category) at \(kind.rawValue) \(index) (\(input.family)): \(signature.prefix(160))")
            Supervisor.flush()
        }
    }
}
