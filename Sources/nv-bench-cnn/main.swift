import Foundation
import Runtime

// CNN benchmark and end-to-end run; build in release:
//   swift run -c release nv-bench-cnn            throughput (train 14x14 and 28x28, inference) + peers
//                                                [--seconds S] [--only "train 14"] (workloads whose name has it)
//   swift run -c release nv-bench-cnn train [--size 14] [--seed 1] [--data DIR] [--fraction F]
//                                                the default config on MNIST, test accuracy, times
//   swift run -c release nv-bench-cnn logits --model FILE [--count 100]   logits of test digits as JSON
// Peers: tools/reference/bench_peers.py run with $NV_PEER_PYTHON (default /work/venv-ref/bin/python, else
// /work/venv-cnn/bin/python).

func arg(_ name: String) -> String? {
    let a = CommandLine.arguments
    guard let i = a.firstIndex(of: name), i + 1 < a.count else { return nil }
    return a[i + 1]
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func fail(_ error: Error) -> Never {
    FileHandle.standardError.write(Data("nv-bench-cnn: \(error)\n".utf8))
    exit(1)
}

func runTraining() {
    do {
        let seed = UInt64(arg("--seed") ?? "1") ?? 1
        let dir = try MNIST.locateDirectory(explicit: arg("--data"))
        var config = CNNConfig.standard
        if let path = arg("--config") { config = try CNNConfig.load(path: path) }
        if let size = arg("--size").flatMap(Int.init) { config.inputSize = size }
        let size = config.inputSize
        if let e = arg("--epochs").flatMap(Int.init) { config.epochs = e }
        let fraction = Double(arg("--fraction") ?? "1") ?? 1
        let t0 = now()
        let splits = try MNIST.load(directory: dir, size: size, trainFraction: fraction,
                                    validationFraction: config.validationFraction, seed: 123)
        print("data \(dir): train \(splits.train.count), validation \(splits.validation.count), test \(splits.test.count) at \(size)x\(size) (\(String(format: "%.2f", now() - t0)) s)")
        var model = try CNN(config: config, seed: seed)
        print(model.summary)
        var trainer = CNNTrainer(config: config)
        var rng = SeededGenerator(seed: seed &+ 1000)
        let observer = CNNTrainingObserver(onEpoch: { r in
            print(String(format: "epoch %2d  loss %.4f acc %.4f prec %.4f f1 %.4f | val loss %.4f acc %.4f prec %.4f f1 %.4f  %.2fs%@",
                         r.epoch, r.trainLoss, r.trainAccuracy, r.trainPrecision, r.trainF1, r.validationLoss,
                         r.validationAccuracy, r.validationPrecision, r.validationF1, r.seconds, r.isBest ? " *" : ""))
        })
        let history = try trainer.train(&model, on: splits.train, validation: splits.validation, rng: &rng, observer: observer)
        let e = try evaluate(&model, on: splits.test)
        print(String(format: "%@ after %d epochs, best epoch %d, %.2f s training (%.0f images/s); test accuracy %.4f (%d digits)",
                     history.reason, history.epochs.count, history.bestEpoch, history.seconds,
                     Double(history.imagesSeen) / history.seconds, e.metrics.accuracy, splits.test.count))
        if let out = arg("--save") {
            try model.save(path: out, metrics: ["test_accuracy": e.metrics.accuracy])
            print("saved \(out)")
        }
    } catch { fail(error) }
}

/// Prints the logits of the first `--count` test digits for `--model` as JSON (one list per digit),
/// for tools/reference/check_torch_checkpoint.py.
func printLogits() {
    do {
        guard let path = arg("--model") else { throw RuntimeError("logits: --model FILE is required") }
        var model = try CNN.load(path: path)
        let dir = try MNIST.locateDirectory(explicit: arg("--data"))
        let test = try MNIST.downsample(try MNIST.readPair(images: MNIST.file(in: dir, names: ["t10k-images-idx3-ubyte"]), name: "test"),
                                        to: model.inputShape[1])
        let count = min(Int(arg("--count") ?? "100") ?? 100, test.count)
        let logits = try model.logits(test.subset(Array(0..<count)))
        let rows = (0..<count).map { i in
            "[" + logits.data[(i * model.classes)..<((i + 1) * model.classes)].map { String(format: "%.9g", $0) }.joined(separator: ",") + "]"
        }
        print("[" + rows.joined(separator: ",\n") + "]")
    } catch { fail(error) }
}

switch CommandLine.arguments.dropFirst().first {
case "train": runTraining()
case "logits": printLogits()
default: CNNBenchmark.run()

}
