/// Labelled 2D points for binary classification: `points` `[n, 2]` row-major, `labels` `[n]`
/// holding 0 or 1.
public struct Dataset: Sendable, Equatable {
    /// Row-major coordinates, `[count, 2]`.
    public var points: [Float]
    /// Class of each point, 0 or 1, `[count]`.
    public var labels: [Float]
    /// Where the points came from ("spiral(n: 400, noise: 0.1)", "points.csv"), for summaries.
    public var name: String

    /// A data set from matching points and labels.
    /// - Throws: `RuntimeError` when the counts disagree or a label is not 0 or 1.
    public init(points: [Float], labels: [Float], name: String) throws {
        guard points.count == 2 * labels.count else {
            throw RuntimeError("\(name): \(points.count) coordinates do not make \(labels.count) 2D points")
        }
        if let bad = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw RuntimeError("\(name): point \(bad + 1) has label \(labels[bad]); labels must be 0 or 1")
        }
        self.points = points
        self.labels = labels
        self.name = name
    }

    /// Number of points.
    public var count: Int { labels.count }

    /// The points as a tensor `[count, 2]`.
    public var pointTensor: Tensor { Tensor(shape: [count, 2], data: points) }

    /// The labels as a tensor `[count, 1]`.
    public var labelTensor: Tensor { Tensor(shape: [count, 1], data: labels) }

    /// The subset at `indices`, in that order.
    public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
        var p = [Float](), l = [Float]()
        p.reserveCapacity(2 * indices.count)
        l.reserveCapacity(indices.count)
        for i in indices {
            p.append(points[2 * i]); p.append(points[2 * i + 1])
            l.append(labels[i])
        }
        // Labels were validated on the way in, so the subset is valid too.
        return Dataset(unchecked: p, labels: l, name: name ?? self.name)
    }

    /// Shuffles (Fisher–Yates with `rng`) and cuts into a training part with
    /// `round(count · trainFraction)` points and a test part with the rest, as TensorFlow
    /// Playground does (its default fraction is 0.5).
    /// - Throws: `RuntimeError` when `trainFraction` is not in (0, 1].
    public func split(trainFraction: Double, rng: inout SeededGenerator) throws -> (train: Dataset, test: Dataset) {
        guard trainFraction > 0, trainFraction <= 1 else {
            throw RuntimeError("split: the training fraction must be in (0, 1], got \(trainFraction)")
        }
        let order = shuffledIndices(count, rng: &rng)
        let cut = Int((Double(count) * trainFraction).rounded())
        return (subset(Array(order[..<cut]), name: name + " (train)"),
                subset(Array(order[cut...]), name: name + " (test)"))
    }

    init(unchecked points: [Float], labels: [Float], name: String) {
        self.points = points
        self.labels = labels
        self.name = name
    }
}

/// 0..<count in an order drawn by Fisher–Yates from `rng`.
func shuffledIndices(_ count: Int, rng: inout SeededGenerator) -> [Int] {
    var order = Array(0..<count)
    guard count > 1 else { return order }
    for i in stride(from: count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
    }
    return order
}
