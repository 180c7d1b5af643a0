import Foundation
@testable import Plots
import Runtime

/// Networks and datasets the view tests draw, built with fixed seeds.
enum ViewFixtures {
    /// An XOR network of `hidden` units from `seed`, trained `epochs` epochs with reports
    /// every `every` (so its trajectory has points).
    static func xor(hidden: Int, seed: UInt64 = 1, epochs: Int = 0, every: Int = 200) throws -> XORNetwork {
        var rng = SeededGenerator(seed: seed)
        var network = try XORNetwork(hidden: hidden, rng: &rng)
        if epochs > 0 { try network.train(epochs: epochs, every: every) }
        return network
    }

    /// A network whose weights were overwritten with NaN (as a diverged or hand-edited one).
    static func nanXOR(hidden: Int) throws -> XORNetwork {
        var network = try xor(hidden: hidden, epochs: 300, every: 100)
        network.w1[0] = .nan
        network.w2[0] = .infinity
        return network
    }

    /// A playground set of `kind` split 70/30.
    static func data(_ kind: PlaygroundData.Kind, n: Int = 200, seed: UInt64 = 3) throws -> (train: Dataset, test: Dataset) {
        var rng = SeededGenerator(seed: seed)
        let all = try PlaygroundData.make(kind, n: n, noise: 0.1, rng: &rng)
        return try all.split(trainFraction: 0.7, rng: &rng)
    }

    /// An MLP of `layers` trained `epochs` epochs on `train`.
    static func mlp(_ layers: [Int] = [2, 6, 4, 1], train: Dataset, test: Dataset?, epochs: Int,
                    seed: UInt64 = 5) throws -> MLP {
        var rng = SeededGenerator(seed: seed)
        var model = try MLP(layers: layers, activation: .tanh, rng: &rng)
        if epochs > 0 {
            try model.train(on: train, test: test, epochs: epochs, every: max(1, epochs), rng: &rng)
        }
        return model
    }

    /// Writes `raster` as PNG into `$NV_LOOK_DIR` when set, for a person to look at; never part
    /// of an assertion.
    static func look(_ raster: Raster, _ name: String) {
        guard let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] else { return }
        let bytes = PNGEncoder.encode(raster)
        try? Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".png"))
    }

    /// Writes `raster` as half-block text `columns` cells wide into `$NV_LOOK_DIR` when set, as
    /// `--graphics blocks` would show it; never part of an assertion.
    static func lookBlocks(_ raster: Raster, _ name: String, columns: Int = 100) {
        guard let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] else { return }
        let text = HalfBlockEncoder.encode(raster, columns: columns).joined(separator: "\n") + "\n"
        try? text.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
    }

    /// Writes a text rendering into `$NV_LOOK_DIR` when set; never part of an assertion.
    static func lookText(_ text: String, _ name: String) {
        guard let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] else { return }
        try? text.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
    }

    /// Whether any pixel of `raster` differs from its top-left pixel (the figure drew something).
    static func hasInk(_ raster: Raster) -> Bool {
        let first = raster[0, 0]
        for y in 0..<raster.height { for x in 0..<raster.width where raster[x, y] != first { return true } }
        return false
    }
}
