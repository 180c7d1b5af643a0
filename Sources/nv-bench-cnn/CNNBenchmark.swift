import BenchPeers
import Foundation
import Runtime

/// Throughput of the default CNN: training images/second at 14x14 and 28x28 (batch 32),
/// inference latency at batch 1 and throughput at batch 256, with GFLOP/s, then the same
/// workloads timed by the peer script in the same run and the ratios.
enum CNNBenchmark {
    struct Result {
        var name: String
        var imagesPerSecond: Double
        var gflops: Double
        var note: String
    }

    static func run() {
        do {
            let dir = try MNIST.locateDirectory(explicit: arg("--data"))
            let seconds = Double(arg("--seconds") ?? "2") ?? 2
            // --only WORD keeps the workloads whose name contains WORD (e.g. "train 14", "infer").
            let only = arg("--only")
            func wanted(_ name: String) -> Bool { only.map { name.contains($0) } ?? true }
            var results: [Result] = []
            for size in [14, 28] {
                let data = try MNIST.load(directory: dir, size: size, validationFraction: 0).train
                if wanted("train \(size)x\(size) b32") {
                    results.append(try training(data: data, size: size, seconds: seconds))
                }
                if size == 14 && wanted("infer 14x14") {
                    results += try inference(data: data, size: size, seconds: seconds)
                }
            }
            print("nv (Swift), \(ProcessInfo.processInfo.activeProcessorCount) cores, load \(loadAverage())")
            for r in results {
                print(String(format: "  %-24@ %12.0f images/s  %6.2f GFLOP/s  %@", r.name as NSString, r.imagesPerSecond, r.gflops, r.note))
            }
            comparePeers(results, seconds: seconds)
        } catch {
            FileHandle.standardError.write(Data("nv-bench-cnn: \(error)\n".utf8))
            exit(1)
        }
    }

    /// CPU seconds used by the whole process (all threads): steadier than wall time on a busy machine.
    static func cpuTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    /// Training steps of batch 32 over the shuffled data for about `seconds`.
    static func training(data: ImageDataset, size: Int, seconds: Double) throws -> Result {
        var config = CNNConfig.standard
        config.inputSize = size
        var model = try CNN(config: config, seed: 1)
        var adam = CNNAdam()
        var rng = SeededGenerator(seed: 2)
        var order = Array(0..<data.count)
        order.shuffle(using: &rng)
        let batch = 32, batches = data.count / batch
        for b in 0..<20 { _ = model.trainStep(data, indices: order[(b * batch)..<((b + 1) * batch)], optimizer: &adam) }
        var steps = 0
        let cpuStart = cpuTime()
        let start = now()
        while now() - start < seconds {
            for b in 0..<batches {
                _ = model.trainStep(data, indices: order[(b * batch)..<((b + 1) * batch)], optimizer: &adam)
                steps += 1
                if steps % 16 == 0 && now() - start >= seconds { break }
            }
        }
        let elapsed = now() - start
        let cpu = cpuTime() - cpuStart
        let images = Double(steps * batch) / elapsed
        // forward + backward ≈ 3 × the forward multiply-adds, 2 FLOP each.
        let flops = 6 * Double(model.forwardMultiplyAdds) * images
        return Result(name: "train \(size)x\(size) b32", imagesPerSecond: images, gflops: flops / 1e9,
                      note: String(format: "%.1f µs/step (%.1f µs CPU/step)", 1e6 * elapsed / Double(steps), 1e6 * cpu / Double(steps)))
    }

    static func inference(data: ImageDataset, size: Int, seconds: Double) throws -> [Result] {
        var model = try CNN(config: .standard, seed: 1)
        let one = data.subset([0])
        let many = data.subset(Array(0..<256))
        var out: [Result] = []
        for (name, set) in [("infer 14x14 b1", one), ("infer 14x14 b256", many)] {
            for _ in 0..<50 { _ = try model.predict(set) }
            var calls = 0
            let start = now()
            while now() - start < seconds / 2 {
                for _ in 0..<32 { _ = try model.predict(set) }
                calls += 32
            }
            let elapsed = now() - start
            let images = Double(calls * set.count) / elapsed
            out.append(Result(name: name, imagesPerSecond: images, gflops: 2 * Double(model.forwardMultiplyAdds) * images / 1e9,
                              note: String(format: "%.1f µs/call", 1e6 * elapsed / Double(calls))))
        }
        return out
    }

    /// Runs tools/reference/bench_peers.py (one JSON object per line: peer, workload, images_per_second)
    /// and prints nv's ratio to the fastest peer of each workload.
    static func comparePeers(_ results: [Result], seconds: Double) {
        let peers = PeerScript.run("bench_peers.py", seconds: seconds, prefix: "peers: ")
        var best: [String: (String, Double)] = [:]
        print("peers (same workloads and sizes; CPU time counts every thread):")
        for obj in peers {
            guard let peer = obj["peer"] as? String, let workload = obj["workload"] as? String,
                  let ips = PeerScript.number(obj, "images_per_second") else {
                print("  unexpected line \(obj)")
                continue
            }
            let cpu = PeerScript.number(obj, "cpu_us_per_call") ?? 0
            print(String(format: "  %-24@ %-14@ %12.0f images/s  %8.1f µs CPU/call", workload as NSString, peer as NSString, ips, cpu))
            if ips > (best[workload]?.1 ?? 0) { best[workload] = (peer, ips) }
        }
        print("ratio nv / fastest peer:")
        for r in results {
            guard let (peer, ips) = best[r.name] else { continue }
            print(String(format: "  %-24@ %6.2fx  (vs %@)", r.name as NSString, r.imagesPerSecond / ips, peer))
        }
    }
}
