import Foundation
import Runtime

// Release benchmark and measurement tool for the Runtime maths (no display):
//   nv-bench-runtime xor-time [hidden] [epochs] [repeats]   time full-batch XOR training
//   nv-bench-runtime xor-solve [epochs] [seeds]              seeds 1...N (20), h = 2 and 3: solved counts (nv and NumPy-seeded weights)
//   nv-bench-runtime export DIR                              checkpoints + outputs for the PyTorch check
//   nv-bench-runtime spiral [seed] [epochs] [lr·10⁴] [batch] [l2·10⁵] [1 = sgd]  the playground's spiral check

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU time of this thread, which a loaded machine inflates less than wall time.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments.dropFirst()
func argument(_ index: Int, default value: Int) -> Int {
    let list = Array(arguments)
    return index < list.count ? Int(list[index]) ?? value : value
}

do {
    switch arguments.first ?? "xor-time" {
    case "xor-time":
        let hidden = argument(1, default: 3), epochs = argument(2, default: 40_000), repeats = argument(3, default: 5)
        var best = Double.infinity, bestCPU = Double.infinity
        var checksum: Double = 0
        for r in 0..<repeats {
            var rng = SeededGenerator(seed: UInt64(r + 1))
            var net = try XORNetwork(hidden: hidden, rng: &rng)
            let cpuStart = threadCPUSeconds()
            let t = try seconds { try net.train(epochs: epochs, every: epochs) }
            bestCPU = min(bestCPU, threadCPUSeconds() - cpuStart)
            best = min(best, t)
            checksum += net.loss
        }
        print(String(format: "xor hidden %d: %d epochs in %.3f ms wall, %.3f ms thread CPU (best of %d), %.0f epochs/s, checksum %.4f",
                     hidden, epochs, best * 1e3, bestCPU * 1e3, repeats, Double(epochs) / best, checksum))
        // The same with a report every 100 epochs, to an observer that reads the snapshot and
        // lets it go (as a dashboard that renders in the callback does), then to one that keeps
        // the last snapshot: the kept copy shares the network's buffers, so the next step copies
        // them (the loss history included) once per report.
        for keep in [false, true] {
            var bestReporting = Double.infinity
            for r in 0..<repeats {
                var rng = SeededGenerator(seed: UInt64(r + 1))
                var net = try XORNetwork(hidden: hidden, rng: &rng)
                var kept: XORSnapshot?
                let t = try seconds {
                    try net.train(epochs: epochs, every: 100) { snapshot in
                        checksum += snapshot.loss + snapshot.network.w1[0]
                        if keep { kept = snapshot }
                    }
                }
                bestReporting = min(bestReporting, t)
                checksum += kept?.loss ?? 0
            }
            print(String(format: "xor hidden %d, every: 100, observer %@ the snapshot: %.3f ms (best of %d)",
                         hidden, keep ? "keeping" : "reading", bestReporting * 1e3, repeats))
        }
    case "xor-solve":
        let epochs = argument(1, default: 40_000), seeds = argument(2, default: 20)
        for hidden in [2, 3] {
            var solved: [Int] = []
            for seed in 1...seeds {
                var rng = SeededGenerator(seed: UInt64(seed))
                var net = try XORNetwork(hidden: hidden, rng: &rng)
                try net.train(epochs: epochs, every: epochs)
                if net.solvesXOR { solved.append(seed) }
            }
            let list = seeds <= 20 ? "; seeds \(solved)" : ""
            print("nv xor hidden \(hidden): solved \(solved.count)/\(seeds) within \(epochs) epochs\(list)")
            // The same maths from the original's exact initial weights (np.random.seed(seed)).
            var numpySolved: [Int] = []
            for seed in 1...seeds {
                var net = try XORNetwork(hidden: hidden, numpySeed: UInt32(seed))
                try net.train(epochs: epochs, every: epochs)
                if net.solvesXOR { numpySolved.append(seed) }
            }
            let numpyList = seeds <= 20 ? "; seeds \(numpySolved)" : ""
            print("nv xor hidden \(hidden), NumPy-seeded weights: solved \(numpySolved.count)/\(seeds)\(numpyList)")
        }
    case "spiral":
        let seed = UInt64(argument(1, default: 1)), epochs = argument(2, default: 300)
        let lr = Float(argument(3, default: 100)) / 10_000, batch = argument(4, default: 10)
        let l2 = Float(argument(5, default: 0)) / 100_000
        var rng = SeededGenerator(seed: seed)
        let data = try PlaygroundData.make(.spiral, n: 400, noise: 0.1, rng: &rng)
        let (train, test) = try data.split(trainFraction: 0.5, rng: &rng)
        var net = try MLP(layers: [2, 8, 8, 1], activation: .tanh, loss: .binaryCrossEntropy,
                          regularization: l2 > 0 ? .l2(rate: l2) : .none, batchSize: batch, optimizer: Adam(lr: lr), rng: &rng)
        if argument(6, default: 0) == 1 { net.optimizer = SGD(lr: lr) }
        var best: (accuracy: Float, epoch: Int) = (0, 0)
        let t = try seconds {
            try net.train(on: train, test: test, epochs: epochs, every: 10, rng: &rng) { snapshot in
                let accuracy = snapshot.network.accuracy(on: test)
                if accuracy > best.accuracy { best = (accuracy, snapshot.epoch) }
            }
        }
        print(String(format: "spiral seed %d: %d epochs in %.2f s, train acc %.3f, test acc %.3f (best %.3f at epoch %d), test loss %.4f",
                     seed, epochs, t, net.accuracy(on: train), net.accuracy(on: test), best.accuracy, best.epoch,
                     net.testLosses.last ?? -1))
    case "export":
        // Writes DIR/mlp.safetensors, DIR/xor.safetensors and DIR/outputs.json (points and nv's
        // probabilities) for tools/reference/check_safetensors.py.
        let directory = Array(arguments).dropFirst().first ?? "."
        var rng = SeededGenerator(seed: 5)
        let data = try PlaygroundData.make(.moons, n: 200, noise: 0.1, rng: &rng)
        var mlp = try MLP(layers: [5, 8, 6, 1], activation: .tanh, loss: .binaryCrossEntropy,
                          features: [.x, .y, .xSquared, .xTimesY, .sinY], optimizer: Adam(lr: 0.01), rng: &rng)
        try mlp.train(on: data, epochs: 20, rng: &rng)
        try mlp.save(to: directory + "/mlp.safetensors")
        var xor = try XORNetwork(hidden: 3, rng: &rng)
        try xor.train(epochs: 5_000)
        try xor.save(to: directory + "/xor.safetensors")
        let points = data.points
        let json: [String: Any] = [
            "points": points.map(Double.init),
            "mlp": mlp.predict(points: points).map(Double.init),
            "xor": xor.predict(points: points.map(Double.init)),
        ]
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: directory + "/outputs.json"))
        print("wrote \(directory)/mlp.safetensors, xor.safetensors, outputs.json")
    default:
        print("usage: nv-bench-runtime xor-time [hidden] [epochs] [repeats] | xor-solve [epochs] [seeds] | spiral [seed] [epochs] [lr·10⁴] [batch] [l2·10⁵] [1 = sgd] | export DIR")
    }
} catch {
    print("error: \(error)")
    exit(1)
}
