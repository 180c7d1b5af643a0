import Foundation

/// 2D regression sets in TensorFlow Playground's coordinates (−6...6): each point (x, y) has a
/// real target instead of a class, generated from a seeded generator.
///
/// `plane` is Playground's "regress plane": target (x + y) / 10 (its d3 scale from −10...10 to
/// −1...1, not clamped, so −1.2...1.2 over the plane). `sine` is a wave over the plane, (sin x + cos y) / 2: a network with the features
/// sin x and cos y fits it with no hidden layer, one with only x and y needs hidden units. As in
/// Playground, `noise` (0...1, its slider's 0–50% is 0...0.5) moves the point a target is taken
/// at by up to noise · 6 on each axis, so the targets are noisy but the points lie where drawn.
public enum RegressionData {
    /// Which surface.
    public enum Kind: String, Sendable, CaseIterable {
        case plane, sine
    }

    /// Playground's half width of the plane the points are drawn on.
    static let radius = 6.0

    /// The noise-free target of a point.
    public static func target(_ kind: Kind, x: Double, y: Double) -> Double {
        switch kind {
        case .plane: (x + y) / 10
        case .sine: (sin(x) + cos(y)) / 2
        }
    }

    /// `n` points drawn uniformly over −6...6 on both axes with their targets.
    /// - Throws: `RuntimeError` for `n` outside 2...10,000,000 or `noise` outside 0...1 (or not finite).
    public static func make(_ kind: Kind, n: Int, noise: Double, rng: inout SeededGenerator) throws -> Dataset {
        guard n >= 2, n <= 10_000_000 else {
            throw RuntimeError("\(kind.rawValue): the number of points must be 2 to 10000000, got \(n)")
        }
        guard noise.isFinite, noise >= 0, noise <= 1 else {
            throw RuntimeError("\(kind.rawValue): the noise must be between 0 and 1, got \(noise)")
        }
        var points = [Float](), targets = [Float]()   // points: [n, 2], targets: [n]
        points.reserveCapacity(2 * n)
        targets.reserveCapacity(n)
        func uniform() -> Double { -radius + 2 * radius * rng.uniform() }
        for _ in 0..<n {
            let x = uniform(), y = uniform()
            let nx = uniform() * noise, ny = uniform() * noise
            points.append(Float(x)); points.append(Float(y))
            targets.append(Float(target(kind, x: x + nx, y: y + ny)))
        }
        return try Dataset(points: points, targets: targets, targetName: "z", name: "\(kind.rawValue)(n: \(n), noise: \(noise))")
    }
}
