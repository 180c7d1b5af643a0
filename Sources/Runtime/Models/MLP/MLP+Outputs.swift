extension MLP {
    /// The outputs for points `[n, inputDimension]` row-major, flat `[n, outputs]`: the class-1
    /// probability of a sigmoid, the K class probabilities of a softmax, a regression's values.
    public func predict(points: [Float]) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(points.count / inputDimension * widths[widths.count - 1])
        forwardInChunks(points: points, through: layers.count) { x, _ in out += x.data }
        return out
    }

    /// The class of each point `[n]`: probability ≥ 0.5 for a sigmoid, the most probable class
    /// (the first on a tie) for a softmax; a regression's first output rounded otherwise.
    public func classify(points: [Float]) -> [Int] {
        let k = widths[widths.count - 1]
        let out = predict(points: points)
        switch head {
        case .sigmoid: return out.map { $0 >= 0.5 ? 1 : 0 }
        case .softmax:
            return stride(from: 0, to: out.count, by: k).map { start in
                var best = 0
                for j in 1..<k where out[start + j] > out[start + best] { best = j }
                return best
            }
        case .linear: return stride(from: 0, to: out.count, by: k).map { Int(out[$0].rounded()) }
        }
    }

    /// Fraction of `data` classified right; NaN for a regression (it has no classes) or data
    /// that does not fit the network (see `mismatch`), 0 for no points.
    public func accuracy(on data: Dataset) -> Float {
        guard data.count > 0 else { return 0 }
        guard head.classifies, mismatch(data) == nil else { return .nan }
        let right = zip(classify(points: data.points), data.labels).filter { $0 == $1 }.count
        return Float(right) / Float(data.count)
    }

    /// The training loss (without the weight penalty) on `data`; NaN when the data does not fit
    /// the network (see `mismatch`).
    public func loss(on data: Dataset) -> Float {
        guard data.count > 0 else { return 0 }
        guard mismatch(data) == nil else { return .nan }
        let stop = fusedEnd
        guard data.count > Self.inferenceChunk else {
            var x = inputMatrix(points: data.points)
            for layer in layers[..<stop] { x = layer.infer(x) }
            return loss.evaluate(prediction: x, target: data.labelTensor).loss
        }
        // The mean over chunks, each chunk's mean weighted by its rows.
        let labels = data.labelTensor
        var total = 0.0
        forwardInChunks(points: data.points, through: stop) { x, start in
            let rows = x.shape[0]
            let target = Tensor(shape: [rows, 1], data: Array(labels.data[start..<(start + rows)]))
            total += Double(loss.evaluate(prediction: x, target: target).loss) * Double(rows)
        }
        return Float(total / Double(data.count))
    }

    /// The modules a loss sees the output of: all but the final sigmoid or softmax when the
    /// loss works from logits (bce, ce), all of them otherwise.
    var fusedEnd: Int {
        loss == .binaryCrossEntropy || loss == .crossEntropy ? layers.count - 1 : layers.count
    }
}
