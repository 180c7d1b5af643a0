import Foundation
import Runtime

// Large single-precision GEMM, nv beside NumPy/OpenBLAS in one run; build in release:
//   swift run -c release nv-bench-gemm [--rounds 3] [--repeats 3] [--shapes 1024x1024x1024,10000x5000x784,10000x5000x784t]
// A trailing "t" is the NT product A·Bᵀ with B stored [N, K] (the kNN distances' form). Each round
// times nv with every instruction set this CPU has, then NumPy (tools/reference/bench_gemm_peer.py
// run with $NV_PEER_PYTHON, default /work/venv-ref/bin/python, OPENBLAS_CORETYPE and
// OPENBLAS_L2_SIZE unset), so a busy machine slows both alike; medians over all rounds' repeats.
// NV_THREADS=1 times one core (NumPy then gets OPENBLAS_NUM_THREADS=1 too).

func arg(_ name: String) -> String? {
    let a = CommandLine.arguments
    guard let i = a.firstIndex(of: name), i + 1 < a.count else { return nil }
    return a[i + 1]
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

struct Shape: CustomStringConvertible {
    let m, n, k: Int
    let transposedB: Bool
    init?(_ text: Substring) {
        let nt = text.hasSuffix("t")
        let parts = (nt ? text.dropLast() : text).split(separator: "x").compactMap { Int($0) }
        guard parts.count == 3, parts.allSatisfy({ $0 > 0 }) else { return nil }
        (m, n, k, transposedB) = (parts[0], parts[1], parts[2], nt)
    }
    var description: String { "\(m)x\(n)x\(k)" + (transposedB ? " NT" : "") }
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}

/// Seconds per product for each repeat, nv with `isa`.
func timeNV(_ s: Shape, isa: GEMM.ISA, repeats: Int, a: [Float], b: [Float], c: inout [Float]) -> [Double] {
    var times: [Double] = []
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                func run() {
                    GEMM.multiplyStrided(m: s.m, n: s.n, k: s.k, a: a.baseAddress!, rsa: s.k, csa: 1, b: b.baseAddress!,
                                         rsb: s.transposedB ? 1 : s.n, csb: s.transposedB ? s.k : 1,
                                         c: c.baseAddress!, ldc: s.n, accumulate: false, isa: isa)
                }
                run()
                for _ in 0..<repeats {
                    let start = now()
                    run()
                    times.append(now() - start)
                }
            }
        }
    }
    return times
}

/// NumPy's seconds per product and its BLAS description, or nil (with a note) when it cannot run.
func timeNumPy(_ s: Shape, repeats: Int) -> (seconds: [Double], blas: String)? {
    let python = ProcessInfo.processInfo.environment["NV_PEER_PYTHON"] ?? "/work/venv-ref/bin/python"
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/reference/bench_gemm_peer.py").path
    guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: script) else {
        print("numpy: skipped (no \(python) or \(script); set NV_PEER_PYTHON)")
        return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script, "--shape", "\(s.m)x\(s.n)x\(s.k)", "--repeats", String(repeats)] + (s.transposedB ? ["--nt"] : [])
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = nil
    environment["OPENBLAS_L2_SIZE"] = nil
    if environment["NV_THREADS"] == "1" { environment["OPENBLAS_NUM_THREADS"] = "1" }
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch {
        print("numpy: cannot run \(python): \(error)")
        return nil
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard let line = String(decoding: output, as: UTF8.self).split(separator: "\n").last,
          let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let seconds = obj["seconds"] as? [Double] else {
        print("numpy: no result (exit \(process.terminationStatus))")
        return nil
    }
    return (seconds, obj["blas"] as? String ?? "?")
}

let rounds = max(1, Int(arg("--rounds") ?? "3") ?? 3)
let repeats = max(1, Int(arg("--repeats") ?? "3") ?? 3)
let shapes = (arg("--shapes") ?? "1024x1024x1024,10000x5000x784,10000x5000x784t").split(separator: ",").map { text in
    guard let s = Shape(text) else {
        FileHandle.standardError.write(Data("nv-bench-gemm: --shapes: '\(text)' is not MxNxK (with an optional t)\n".utf8))
        exit(1)
    }
    return s
}
let isas = GEMM.ISA.allCases.filter { $0.isAvailable && $0 != .scalar }.reversed()
let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
print("nv-bench-gemm: \(ProcessInfo.processInfo.activeProcessorCount) cores (nv uses \(ProcessInfo.processInfo.environment["NV_THREADS"] == "1" ? 1 : 2)), load \(load); \(rounds) rounds × \(repeats) repeats, medians (best)")
for s in shapes {
    var rng = SeededGenerator(seed: 1)
    let a = (0..<(s.m * s.k)).map { _ in Float.random(in: -1...1, using: &rng) }
    let b = (0..<(s.k * s.n)).map { _ in Float.random(in: -1...1, using: &rng) }
    var c = [Float](repeating: 0, count: s.m * s.n)
    var nv: [GEMM.ISA: [Double]] = [:]
    var numpy: [Double] = []
    var blas = ""
    for _ in 0..<rounds {
        for isa in isas { nv[isa, default: []] += timeNV(s, isa: isa, repeats: repeats, a: a, b: b, c: &c) }
        if let peer = timeNumPy(s, repeats: repeats) { numpy += peer.seconds; blas = peer.blas }
    }
    print("\(s):")
    func line(_ name: String, _ times: [Double]) {
        let t = median(times)
        print(String(format: "  %-26@ %9.2f ms (%8.2f)  %7.1f GFLOP/s", name as NSString, t * 1e3, (times.min() ?? .nan) * 1e3, s.flops / t / 1e9)
              + (numpy.isEmpty || name.hasPrefix("numpy") ? "" : String(format: "  %5.2f× numpy", median(numpy) / t)))
    }
    for isa in isas { line("nv \(isa.rawValue)" + (isa == GEMM.isa ? " (default)" : ""), nv[isa] ?? []) }
    if !numpy.isEmpty { line("numpy (\(blas))", numpy) }
}
