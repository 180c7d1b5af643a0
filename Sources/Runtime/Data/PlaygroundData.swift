import Foundation

/// The 2D classification sets of TensorFlow Playground, generated the same way (in its
/// coordinates, roughly −6...6) from a seeded generator, labels 0/1 instead of −1/+1.
///
/// `noise` is Playground's noise fraction (its slider's 0–50% is 0...0.5). `moons` is not in
/// Playground: it follows scikit-learn's `make_moons` (Gaussian noise of standard deviation
/// `noise` in the moons' own units) scaled by 2.5 and centred so it sits in the same range.
public enum PlaygroundData {
    /// Which generator.
    public enum Kind: String, Sendable, CaseIterable {
        case circle, gaussian, spiral, moons, quadrants
    }

    /// `n` points of the given kind (`n` rounded down to even for the two-class sets that
    /// make half of each class).
    /// - Throws: `RuntimeError` for `n` outside 2...10,000,000 or `noise` outside 0...1 (or not finite).
    public static func make(_ kind: Kind, n: Int, noise: Double, rng: inout SeededGenerator) throws -> Dataset {
        guard n >= 2, n <= 10_000_000 else {
            throw RuntimeError("\(kind.rawValue): argument 'n' must be 2 to 10000000, got \(n)")
        }
        guard noise.isFinite, noise >= 0, noise <= 1 else {
            throw RuntimeError("\(kind.rawValue): argument 'noise' must be between 0 and 1, got \(noise)")
        }
        var points = [Float](), labels = [Int]()
        points.reserveCapacity(2 * n)
        labels.reserveCapacity(n)
        func add(_ x: Double, _ y: Double, _ label: Bool) {
            points.append(Float(x)); points.append(Float(y)); labels.append(label ? 1 : 0)
        }
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * rng.uniform() }
        let half = n / 2
        switch kind {
        case .circle:
            let radius = 5.0
            for inside in [true, false] {
                for _ in 0..<half {
                    let r = inside ? uniform(0, radius * 0.5) : uniform(radius * 0.7, radius)
                    let angle = uniform(0, 2 * .pi)
                    let x = r * sin(angle), y = r * cos(angle)
                    let nx = uniform(-radius, radius) * noise, ny = uniform(-radius, radius) * noise
                    add(x, y, ((x + nx) * (x + nx) + (y + ny) * (y + ny)).squareRoot() < radius * 0.5)
                }
            }
        case .gaussian:
            // Playground maps noise 0...0.5 to variance 0.5...4 linearly.
            let variance = 0.5 + noise / 0.5 * 3.5
            let sd = variance.squareRoot()
            for (c, label) in [(2.0, true), (-2.0, false)] {
                for _ in 0..<half { add(c + sd * rng.normal(), c + sd * rng.normal(), label) }
            }
        case .spiral:
            for (delta, label) in [(0.0, true), (Double.pi, false)] {
                for i in 0..<half {
                    let r = Double(i) / Double(half) * 5
                    let t = 1.75 * Double(i) / Double(half) * 2 * .pi + delta
                    add(r * sin(t) + uniform(-1, 1) * noise, r * cos(t) + uniform(-1, 1) * noise, label)
                }
            }
        case .moons:
            for (outer, label) in [(true, false), (false, true)] {
                for i in 0..<half {
                    let t = Double.pi * Double(i) / Double(max(half - 1, 1))
                    var x = outer ? cos(t) : 1 - cos(t)
                    var y = outer ? sin(t) : 0.5 - sin(t)
                    x += noise * rng.normal()
                    y += noise * rng.normal()
                    add((x - 0.5) * 2.5, (y - 0.25) * 2.5, label)
                }
            }
        case .quadrants:
            for _ in 0..<n {
                var x = uniform(-5, 5), y = uniform(-5, 5)
                x += x > 0 ? 0.3 : -0.3
                y += y > 0 ? 0.3 : -0.3
                let nx = uniform(-5, 5) * noise, ny = uniform(-5, 5) * noise
                add(x, y, (x + nx) * (y + ny) >= 0)
            }
        }
        return Dataset(unchecked: points, labels: labels, name: "\(kind.rawValue)(n: \(n), noise: \(noise))")
    }
}
