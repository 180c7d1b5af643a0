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

    /// Values per point of `data` (its points are `[count, dimension]` row-major).
    static func dimension(of data: Dataset) -> Int {
        data.count > 0 ? data.points.count / data.count : 0
    }

    /// What keeps `data` from going through this network, or nil when it fits: the values per
    /// point, and labels the head can learn (0 or 1 for a sigmoid, a class 0..<K for a softmax
    /// of K, a finite number for a regression).
    public func mismatch(_ data: Dataset) -> String? {
        guard data.count > 0 else { return nil }
        let d = Self.dimension(of: data)
        if d != inputDimension {
            let takes = features.isEmpty
                ? "its first layer has \(widths[0]) inputs"
                : "it computes its features (\(features.map(\.rawValue).joined(separator: ", "))) from 2D points"
            return "'\(data.name)' has \(d) values per point, but the network takes \(inputDimension): \(takes)"
        }
        let outputs = widths[widths.count - 1]
        switch head {
        case .sigmoid:
            if let bad = data.labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                return "'\(data.name)' point \(bad + 1) has label \(labelText(data.labels[bad])); a sigmoid output learns labels 0 and 1 (for more classes use loss ce and one output per class)"
            }
        case .softmax:
            if let bad = data.labels.firstIndex(where: { !($0 >= 0 && $0 < Float(outputs) && $0 == $0.rounded()) }) {
                return "'\(data.name)' point \(bad + 1) has label \(labelText(data.labels[bad])); the network's \(outputs) outputs learn classes 0 to \(outputs - 1)"
            }
        case .linear:
            if let bad = data.labels.firstIndex(where: { !$0.isFinite }) {
                return "'\(data.name)' point \(bad + 1) has target \(data.labels[bad]); a regression needs finite targets"
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
            labels.append(data.labels[r])
        }
        return (inputMatrix(points: points), Tensor(shape: [rows.count, 1], data: labels))
    }
}

/// A label for a message: a whole number without a decimal point.
private func labelText(_ v: Float) -> String {
    v.isFinite && v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : "\(v)"
}
