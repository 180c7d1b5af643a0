import Plots
import Runtime

extension TestPattern {
    /// `noise` from a fresh `SeededGenerator(seed:)`: Plots may not import Runtime, the benchmark may.
    static func noise(width: Int, height: Int, seed: UInt64, alpha: Bool = false) -> Raster {
        var generator = SeededGenerator(seed: seed)
        return noise(width: width, height: height, using: &generator, alpha: alpha)
    }
}
