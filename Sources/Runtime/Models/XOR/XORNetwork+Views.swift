/// A field of values sampled on an n × n grid of a 2D plane.
public struct GridField: Sendable, Equatable {
    /// Samples per side.
    public var resolution: Int
    /// Ranges covered by the two axes (inclusive ends; samples sit on both ends).
    public var xRange: ClosedRange<Float>, yRange: ClosedRange<Float>
    /// Values `[resolution, resolution]` row-major: row i has y = yRange at step i, column j has
    /// x at step j (row 0 is the lowest y).
    public var values: [Float]

    /// The coordinate of sample `index` along an axis covering `range`.
    public static func coordinate(_ index: Int, of resolution: Int, in range: ClosedRange<Float>) -> Float {
        guard resolution > 1 else { return (range.lowerBound + range.upperBound) / 2 }
        return range.lowerBound + (range.upperBound - range.lowerBound) * Float(index) / Float(resolution - 1)
    }
}

extension XORNetwork {
    /// The output probability over the input plane, `resolution` × `resolution` samples over
    /// `range` on both axes (default −1...2, the original's data range padded by 1).
    /// - Throws: `RuntimeError` when `resolution` is outside 2...`TrainingLimits.maximumGridResolution`.
    public func decisionField(resolution: Int, range: ClosedRange<Float> = -1...2) throws -> GridField {
        guard resolution >= 2, resolution <= TrainingLimits.maximumGridResolution else {
            throw RuntimeError("decision field: resolution must be 2 to \(TrainingLimits.maximumGridResolution), got \(resolution)")
        }
        var points = [Double]()
        points.reserveCapacity(2 * resolution * resolution)
        for i in 0..<resolution {
            let y = Double(GridField.coordinate(i, of: resolution, in: range))
            for j in 0..<resolution {
                points.append(Double(GridField.coordinate(j, of: resolution, in: range)))
                points.append(y)
            }
        }
        return GridField(resolution: resolution, xRange: range, yRange: range,
                         values: predict(points: points).map { Float($0) })
    }

    /// The hidden activations of the four truth-table rows, `[4, hidden]` row-major.
    public var hiddenActivations: [Double] { forward().hiddenActivations }

    /// A logistic regression fitted on the hidden activations of the four points against the
    /// XOR labels, as the original's feature-space panel does (a line for 2 hidden units, a plane
    /// for 3; any hidden size works).
    public func featureSpaceBoundary(learningRate: Float = 0.01, iterations: Int = 8000) throws -> LogisticRegression {
        try LogisticRegression(points: hiddenActivations.map { Float($0) }, labels: Self.targets.map { Float($0) }, features: hidden,
                               learningRate: learningRate, iterations: iterations)
    }

    /// The loss over a grid of (w1[0,0], w1[0,1]) around their current values (± `radius`,
    /// the original's 5; `resolution` per side, the original's 30), every other weight held.
    /// x is w1[0,0], y is w1[0,1].
    /// - Throws: `RuntimeError` when the network has fewer than 2 hidden units (there is no
    ///   w1[0,1]) or `resolution` is outside 2...`TrainingLimits.maximumGridResolution`.
    public func lossSurface(resolution: Int = 30, radius: Float = 5) throws -> GridField {
        guard hidden >= 2 else {
            throw RuntimeError("loss surface: needs at least 2 hidden units (w1[0,1]), the network has \(hidden)")
        }
        guard resolution >= 2, resolution <= TrainingLimits.maximumGridResolution else {
            throw RuntimeError("loss surface: resolution must be 2 to \(TrainingLimits.maximumGridResolution), got \(resolution)")
        }
        let xRange = (Float(w1[0]) - radius)...(Float(w1[0]) + radius)
        let yRange = (Float(w1[1]) - radius)...(Float(w1[1]) + radius)
        let r = Double(radius), step = 2 * r / Double(resolution - 1)
        var values = [Float](repeating: 0, count: resolution * resolution)
        var trial = w1
        for i in 0..<resolution {
            trial[1] = w1[1] - r + step * Double(i)
            for j in 0..<resolution {
                trial[0] = w1[0] - r + step * Double(j)
                values[i * resolution + j] = Float(Self.loss(of: forward(w1: trial)))
            }
        }
        return GridField(resolution: resolution, xRange: xRange, yRange: yRange, values: values)
    }
}
