import Foundation
import Testing

/// A CNN trained by `nv mnist train` gives the same numbers bit for bit on every vector path and
/// core count: the AVX-512 GEMM kernel (the default on a CPU that has it), the AVX2 + FMA one
/// (forced with `NV_GEMM_ISA=avx2`), the portable one, and one core (`NV_THREADS=1`).
/// The GEMM's own tests check single products; this checks a whole training run end to end,
/// in processes of their own because the kernel is chosen once per process.
@Suite struct CNNPathsCommandTests {
    /// The default layers at 28x28, batch 32: the second convolution's products (16 × 1936 × 72
    /// per half-batch, forward and backward) are large enough to take the packed kernel.
    static let config = """
        {"epochs": 1, "batch_size": 32, "input_size": 28, "percent_of_train_data_to_use": 0.1,
         "layers": [{"type": "conv", "out_channels": 8, "filter_size": 3}, {"type": "relu"}, {"type": "maxpool"},
                    {"type": "conv", "out_channels": 16, "filter_size": 3}, {"type": "relu"}, {"type": "maxpool"},
                    {"type": "flatten"}, {"type": "dense", "out_features": 128}, {"type": "relu"},
                    {"type": "dense", "out_features": 10}, {"type": "softmax"}]}
        """

    /// The saved weights and the printed losses and accuracies (the progress line, which has
    /// the speed, left out) of one run with `environment`.
    static func train(_ environment: [String: String?], in folder: URL, name: String) throws -> (weights: Data, report: [Substring]) {
        let config = folder.appendingPathComponent("cnn28.json").path
        try Self.config.write(toFile: config, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("\(name).safetensors").path
        var env = environment
        env["NV_GRAPHICS"] = "none"
        let run = try NVProcess.run(["mnist", "train", "--config", config, "--output", model, "--seed", "3"],
                                    environment: env, timeout: 300)
        #expect(run.status == 0, "\(name): \(run.stderr)")
        let report = run.stdout.split(separator: "\n").filter { !$0.contains("img/s") && !$0.hasPrefix("saved ") }
        return (try Data(contentsOf: URL(fileURLWithPath: model)), report)
    }

    @Test func everyPathAndCoreCountTrainsTheSameWeights() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try Self.train([:], in: folder, name: "default")
        #expect(reference.report.contains { $0.hasPrefix("epoch 1/1  train loss") })
        #expect(reference.report.contains { $0.hasPrefix("test accuracy") })
        let paths: [(String, [String: String?])] = [
            ("avx2", ["NV_GEMM_ISA": "avx2"]), ("scalar", ["NV_GEMM_ISA": "scalar"]),
            ("one core", ["NV_THREADS": "1"]), ("avx2 one core", ["NV_GEMM_ISA": "avx2", "NV_THREADS": "1"]),
        ]
        for (name, environment) in paths {
            let other = try Self.train(environment, in: folder, name: name.replacingOccurrences(of: " ", with: "-"))
            #expect(other.weights == reference.weights, "\(name): the saved weights differ")
            #expect(other.report == reference.report, "\(name): \(other.report) against \(reference.report)")
        }
    }
}
