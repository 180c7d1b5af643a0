extension MLP {
    /// Values per point the network reads: 2 (x, y) when it computes input features, else the
    /// columns of a table as they are, `widths[0]` of them.
    public var inputDimension: Int { features.isEmpty ? widths[0] : 2 }

    /// The first layer's input for `points` `[n, inputDimension]` row-major → `[n, widths[0]]`:
    /// the chosen features of 2D points, or the columns unchanged.
    public func inputMatrix(points: [Float]) -> Tensor {
        guard !features.isEmpty else { return Tensor(shape: [points.count / widths[0], widths[0]], data: points) }
        return InputFeature.matrix(features, points: points)
    }


    /// What keeps `data` from going through this network, or nil when it fits: the values per
    /// point, and labels the head can learn (classes 0 and 1 for a sigmoid, classes 0..<K for a
    /// softmax of K, regression targets for a linear output).
    public func mismatch(_ data: Dataset) -> String? {
        guard data.count > 0 else { return nil }
        let d = data.featureCount
        if d != inputDimension {
            let takes = features.isEmpty
                ? "its first layer has \(widths[0]) inputs"
                : "it computes its features (\(features.map(\.rawValue).joined(separator: ", "))) from 2D points"
            return "'\(data.name)' has \(d) values per point, but the network takes \(inputDimension): \(takes)"
        }
        let outputs = widths[widths.count - 1]
        if head.classifies, data.isRegression {
            return "'\(data.name)' holds regression targets, not classes: a regression needs a linear output with loss mse"
        }
        switch head {
        case .sigmoid:
            if let bad = data.labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                return "'\(data.name)' point \(bad + 1) has class \(data.labels[bad]) of \(data.classCount); a sigmoid output learns classes 0 and 1 (for more, use loss ce with one output per class)"
            }
        case .softmax:
            if data.classCount > outputs {
                return "'\(data.name)' has \(data.classCount) classes but the network has \(outputs) outputs; its last layer needs one per class"
            }
            if let bad = data.labels.firstIndex(where: { $0 < 0 || $0 >= outputs }) {
                return "'\(data.name)' point \(bad + 1) has class \(data.labels[bad]); the network's \(outputs) outputs learn classes 0 to \(outputs - 1)"
            }
        case .linear:
            guard data.isRegression else {
                return "'\(data.name)' holds classes, not regression targets: for classes use loss ce (or bce for two)"
            }
        }
        return nil
    }

    /// Rows `rows` of `data` as the first layer's input `[b, widths[0]]` and the targets `[b, 1]`.
    func batch(_ data: Dataset, rows: ArraySlice<Int>) -> (x: Tensor, target: Tensor) {
        let d = inputDimension
        var points = [Float](), labels = [Float]()
        points.reserveCapacity(d * rows.count)
        labels.reserveCapacity(rows.count)
        for r in rows {
            points.append(contentsOf: data.points[(d * r)..<(d * r + d)])
            labels.append(data.targets?[r] ?? Float(data.labels[r]))
        }
        return (inputMatrix(points: points), Tensor(shape: [rows.count, 1], data: labels))
    }
}
