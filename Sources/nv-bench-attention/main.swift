import BenchPeers
import Foundation
import Runtime

/// The attention family's measurements, in release only:
///   swift run -c release nv-bench-attention reverse [--seed N] [--lr X] [--batch N]
///     trains reverse(length: 8, vocab: 10) until held-out sequence accuracy reaches 99% and
///     prints the wall time, steps, and how much attention each head puts on the anti-diagonal;
///   swift run -c release nv-bench-attention steps [--seconds S] [--peers none]
///     training steps per second at dim 32, 2 heads, 1 layer, context 16, batch 64, then the
///     same model in PyTorch eager and torch.compile (tools/reference/bench_attention_peers.py
///     with $NV_PEER_PYTHON, default /work/venv-ref/bin/python) and nv's ratio to the fastest;
///   swift run -c release nv-bench-attention export DIR
///     writes checkpoints, 100 probe sequences with nv's logits and attention weights, and the
///     gradients and parameters after one Adam step, for tools/reference/check_attention.py.
func arg(_ name: String) -> String? {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Mean attention weight on (i, L − 1 − i) per head of layer 0, over `count` test sequences.
func antiDiagonal(_ model: inout AttentionModel, _ set: SequenceSet, count: Int) -> [Double] {
    var mass = [Double](repeating: 0, count: model.config.heads)
    let L = set.length
    for s in 0..<min(count, set.count) {
        let probe = model.probe(set.input(s))
        for h in 0..<model.config.heads {
            var m = 0.0
            for i in 0..<L { m += Double(probe.weights[0][h][i * L + (L - 1 - i)]) }
            mass[h] += m / Double(L)
        }
    }
    return mass.map { $0 / Double(min(count, set.count)) }
}

func reverse() throws {
    let seed = UInt64(arg("--seed") ?? "1") ?? 1
    let batch = Int(arg("--batch") ?? "64") ?? 64
    let lr = Float(arg("--lr") ?? "3e-3") ?? 3e-3
    let limit = Double(arg("--limit") ?? "60") ?? 60
    let task = try SequenceTasks.reverse(length: 8, vocab: 10, n: 20_000, seed: seed)
    var model = try AttentionModel(config: AttentionConfig(vocab: 10, dim: 32, heads: 2, layers: 1, context: 16), seed: seed)
    var adam = AttentionAdam(lr: lr)
    var rng = SeededGenerator(seed: seed &+ 1000)
    var order = Array(0..<task.train.count)
    var tokens: [Int32] = [], targets: [Int32] = []
    let start = now()
    var steps = 0, position = order.count
    var reached: (time: Double, steps: Int)?
    while now() - start < limit {
        if position + batch > order.count { order.shuffle(using: &rng); position = 0 }
        model.trainStep(task.train, rows: order[position..<(position + batch)], adam: &adam, tokens: &tokens, targets: &targets)
        position += batch
        steps += 1
        if steps % 100 == 0 && model.evaluate(task.test, limit: 1000).sequenceAccuracy >= 0.99 {
            // Confirm on the whole held-out split (the time includes every evaluation).
            if model.evaluate(task.test).sequenceAccuracy >= 0.99 { reached = (now() - start, steps); break }
        }
    }
    let test = model.evaluate(task.test), train = model.evaluate(task.train, limit: 4000)
    let diagonal = antiDiagonal(&model, task.test, count: 500)
    print("reverse(length: 8, vocab: 10, n: 20000, seed: \(seed)), dim 32, 2 heads, 1 layer, batch \(batch), lr \(lr), \(ProcessInfo.processInfo.activeProcessorCount) cores, load \(loadAverage())")
    if let reached {
        print(String(format: "  reached 99%% held-out sequence accuracy after %.2f s, %d steps (%.0f steps/s)", reached.time, reached.steps, Double(reached.steps) / reached.time))
    } else {
        print(String(format: "  did NOT reach 99%% in %.0f s (%d steps)", limit, steps))
    }
    print(String(format: "  held-out: sequence accuracy %.2f%%, token accuracy %.2f%%, loss %.4f (%d sequences)", 100 * test.sequenceAccuracy, 100 * test.tokenAccuracy, test.loss, test.count))
    print(String(format: "  train:    sequence accuracy %.2f%%, loss %.4f", 100 * train.sequenceAccuracy, train.loss))
    print("  attention on the anti-diagonal (mean weight on key L-1-i for query i, 500 held-out sequences): " +
          diagonal.enumerated().map { String(format: "head %d %.3f", $0.offset, $0.element) }.joined(separator: ", "))
}

/// Training steps per second at dim 32, 2 heads, 1 layer, context 16, MLP, vocab 10, batch 64,
/// then the same for the peers (tools/reference/bench_attention_peers.py, run with
/// $NV_PEER_PYTHON, default /work/venv-ref/bin/python) and nv's ratio to the fastest.
func stepsPerSecond() throws {
    let seconds = Double(arg("--seconds") ?? "3") ?? 3
    let task = try SequenceTasks.reverse(length: 16, vocab: 10, n: 10_000, seed: 1)
    var model = try AttentionModel(config: AttentionConfig(vocab: 10, dim: 32, heads: 2, layers: 1, context: 16), seed: 1)
    var adam = AttentionAdam()
    var tokens: [Int32] = [], targets: [Int32] = []
    let batch = 64
    let rows = Array(0..<task.train.count)
    for s in 0..<20 { model.trainStep(task.train, rows: rows[(s * batch)..<((s + 1) * batch)], adam: &adam, tokens: &tokens, targets: &targets) }
    var steps = 0
    let start = now(), cpuStart = cpuTime()
    while now() - start < seconds {
        let at = (steps % 100) * batch
        model.trainStep(task.train, rows: rows[at..<(at + batch)], adam: &adam, tokens: &tokens, targets: &targets)
        steps += 1
    }
    let elapsed = now() - start, cpu = cpuTime() - cpuStart
    // Multiply-adds per step. Forward, per token: in_proj 3D², out_proj D², MLP 2·D·4D, head D·V;
    // per sample and head: QKᵀ and PV, T²·dh each. Backward: dW and dx of every linear (2× its
    // forward) and dV, dP, dQ, dK (4 T²·dh): twice the forward. FLOPs = 2 × multiply-adds.
    let (D, T, V, H) = (32.0, 16.0, 10.0, 2.0)
    let forward = Double(batch) * T * (12 * D * D + D * V) + Double(batch) * H * 2 * T * T * (D / H)
    let flops = 2 * 3 * forward
    let rate = Double(steps) / elapsed
    print("attention training step: dim 32, 2 heads, 1 layer, context 16, MLP 128, vocab 10, batch 64, Adam; " +
          String(format: "%.1f MFLOP per step; %d cores, load %@", flops / 1e6, ProcessInfo.processInfo.activeProcessorCount, loadAverage()))
    print(row("nv (Swift)", rate, Double(steps) / cpu, flops))
    guard arg("--peers") != "none" else { return }
    let peers = runPeers(seconds: seconds)
    guard let best = peers.max(by: { $0.rate < $1.rate }) else { return }
    for p in peers {
        print(row(p.name, p.rate, p.cpuRate, flops))
    }
    print(String(format: "  nv / fastest peer (%@): %.2fx by wall clock; load %@", best.name, rate / best.rate, loadAverage()))
}

/// One line of the table: name, steps/s by wall clock and per CPU second, GFLOP/s by wall clock.
func row(_ name: String, _ rate: Double, _ cpuRate: Double, _ flops: Double) -> String {
    "  " + name.padding(toLength: max(34, name.count), withPad: " ", startingAt: 0) +
        String(format: " %7.0f steps/s wall  %7.0f steps per CPU second  %6.1f GFLOP/s wall", rate, cpuRate, flops * rate / 1e9)
}

/// The peers' steps per second (wall and per CPU second), one JSON object per line from the script.
func runPeers(seconds: Double) -> [(name: String, rate: Double, cpuRate: Double)] {
    PeerScript.run("bench_attention_peers.py", seconds: seconds, prefix: "  peers: ").compactMap { peer in
        guard let name = peer["peer"] as? String, let rate = PeerScript.number(peer, "steps_per_second"),
              let cpuRate = PeerScript.number(peer, "steps_per_cpu_second") else {
            print("  peers: unexpected line \(peer)")
            return nil
        }
        return (name, rate, cpuRate)
    }
}

func export(_ directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let reverse = try SequenceTasks.reverse(length: 8, vocab: 10, n: 2000, seed: 5)
    let text = try TextTask.load(path: arg("--text") ?? "data/text/coriolanus.txt", context: 16)
    let cases: [(String, SequenceTask, AttentionConfig)] = [
        ("reverse", reverse, AttentionConfig(vocab: 10, dim: 32, heads: 2, layers: 1, context: 16, causal: false, mlp: true)),
        ("text", text, AttentionConfig(vocab: text.vocab, dim: 32, heads: 4, layers: 2, context: 16, causal: true, mlp: true)),
        ("nomlp", reverse, AttentionConfig(vocab: 10, dim: 24, heads: 3, layers: 2, context: 8, causal: false, mlp: false)),
    ]
    for (name, task, config) in cases {
        var model = try AttentionModel(config: config, seed: 11)
        var adam = AttentionAdam(lr: 3e-3)
        var tokens: [Int32] = [], targets: [Int32] = []
        // Some steps, so the attention is no longer uniform, but the loss not yet so small that
        // most gradients are below Adam's ε (where its first step amplifies rounding).
        for s in 0..<60 {
            let at = (s * 32) % (task.train.count - 32)
            model.trainStep(task.train, rows: Array(at..<(at + 32))[...], adam: &adam, tokens: &tokens, targets: &targets)
        }
        model.headOff = model.headOff.map { $0.map { _ in false } }
        try model.save(path: "\(directory)/\(name).safetensors", tokens: task.tokens)
        // 100 probe sequences with nv's logits and weights.
        let probes = task.test.subset(Array(0..<100))
        var logits: [Float] = [], weights: [Float] = []
        for s in 0..<100 {
            let p = model.probe(probes.input(s))
            logits += model.logits(probes.input(s))
            for l in 0..<config.layers { for h in 0..<config.heads { weights += p.weights[l][h] } }
        }
        let T = task.length
        // One Adam step from the saved weights on a batch of 64, with a fresh optimizer.
        let batchRows = task.train.subset(Array(0..<64))
        var stepped = model
        var fresh = AttentionAdam(lr: 3e-3)
        stepped.trainStep(batchRows, rows: Array(0..<64)[...], adam: &fresh, tokens: &tokens, targets: &targets)
        try SafeTensors.write(tensors: [
            ("tokens", Tensor(shape: [100, T], data: probes.inputs.map(Float.init))),
            ("logits", Tensor(shape: [100, T, config.vocab], data: logits)),
            ("weights", Tensor(shape: [100, config.layers, config.heads, T, T], data: weights)),
            ("batch_tokens", Tensor(shape: [64, T], data: batchRows.inputs.map(Float.init))),
            ("batch_targets", Tensor(shape: [64, T], data: batchRows.targets.map(Float.init))),
        ], metadata: ["lr": "0.003", "causal": "\(config.causal)"], to: "\(directory)/\(name).expected.safetensors")
        try stepped.save(path: "\(directory)/\(name).after_adam.safetensors", tokens: task.tokens)
        // The gradients of that step (at the saved weights), under the parameters' names.
        var gradients = stepped
        gradients.values = stepped.gradients
        try SafeTensors.write(tensors: gradients.stateDict, to: "\(directory)/\(name).gradients.safetensors")
        print("wrote \(directory)/\(name).safetensors, .expected.safetensors, .after_adam.safetensors")
    }
}

/// CPU seconds used by the whole process (all threads): steadier than wall time on a busy machine.
func cpuTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

do {
    switch CommandLine.arguments.dropFirst().first {
    case "reverse": try reverse()
    case "steps": try stepsPerSecond()
    case "export": try export(CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "/tmp/nv-attention-check")
    default:
        print("usage: nv-bench-attention reverse|steps|export DIR")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("nv-bench-attention: \(error)\n".utf8))
    exit(1)
}
