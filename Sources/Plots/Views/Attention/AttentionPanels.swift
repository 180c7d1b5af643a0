import Runtime

/// The attention family's panels, each a chart built from plain values.
enum AttentionPanels {
    /// Head h of layer l on the probe: its weights (`scores` false) or its scores before the softmax.
    static func map(_ probe: AttentionProbe?, names: [String], layer l: Int, head h: Int, scores: Bool) -> any Chart {
        guard let probe, l < probe.weights.count, h < probe.weights[l].count else { return MessageChart("the maps appear\nwith the first frame") }
        let T = probe.length
        let values = (scores ? probe.scores[l][h] : probe.weights[l][h]).map(Double.init)
        return AttentionMatrix(values: values, rows: T, columns: T, rowLabels: names, columnLabels: names,
                               colormap: scores ? .diverging : AttentionMatrix.weights, range: scores ? nil : 0...1,
                               percent: !scores, off: probe.off[l][h])
    }

    /// "L1 H2 weights", or "H2 weights" for a one-layer model.
    static func mapTitle(layers: Int, layer l: Int, head h: Int, scores: Bool) -> String {
        (layers > 1 ? "L\(l + 1) " : "") + "H\(h + 1) " + (scores ? "scores before softmax" : "weights")
    }

    /// The panels of the first maps: weights beside scores for up to two heads, else weights only
    /// for up to `limit` heads.
    static func maps(_ probe: AttentionProbe?, names: [String], layers: Int, heads: Int, limit: Int) -> [(any Chart, String)] {
        let all = (0..<layers).flatMap { l in (0..<heads).map { (l, $0) } }
        if all.count * 2 <= limit {
            return all.flatMap { l, h in
                [(map(probe, names: names, layer: l, head: h, scores: false), mapTitle(layers: layers, layer: l, head: h, scores: false)),
                 (map(probe, names: names, layer: l, head: h, scores: true), mapTitle(layers: layers, layer: l, head: h, scores: true))]
            }
        }
        return all.prefix(limit).map { l, h in
            (map(probe, names: names, layer: l, head: h, scores: false), mapTitle(layers: layers, layer: l, head: h, scores: false))
        }
    }

    /// BertViz lines for the last layer's heads.
    static func lines(_ probe: AttentionProbe?, names: [String]) -> any Chart {
        guard let probe, let last = probe.weights.last else { return MessageChart("no probe yet") }
        return AttentionLines(tokens: names, weights: last.map { $0.map(Double.init) }, off: probe.off.last ?? [])
    }

    /// The probe's predictions, position by position.
    static func predictions(_ probe: AttentionProbe?, state: AttentionTrainingState) -> any Chart {
        guard let probe else { return MessageChart("no probe yet") }
        let rows = (0..<probe.length).map { t -> TokenPredictions.Row in
            let p = probe.predicted[t]
            let target = t < probe.targets.count && probe.targets[t] >= 0 ? state.name(probe.targets[t]) : nil
            return TokenPredictions.Row(input: state.name(probe.tokens[t]), predicted: state.name(p),
                                        probability: Double(probe.probability(position: t, token: Int(p))), target: target)
        }
        return TokenPredictions(rows: rows)
    }

    /// Training batch loss (faint), and train and test loss at each evaluation.
    static func loss(_ state: AttentionTrainingState) -> any Chart {
        guard !state.batchLosses.isEmpty else { return MessageChart("curves appear once\nthe first step is done") }
        let xs = (1...state.batchLosses.count).map(Double.init)
        var series = [LineSeries(state.batchLosses, xs: xs, color: RGBA(86, 180, 233, 90), width: 1)]
        if !state.records.isEmpty {
            let rx = state.records.map { Double($0.step) }
            series.append(LineSeries(state.records.map(\.trainLoss), xs: rx, label: "train", color: ClassPalette.color(0), width: 1.5))
            series.append(LineSeries(state.records.map(\.testLoss), xs: rx, label: "test", color: ClassPalette.color(1), width: 1.5))
        }
        return Axes([LineChart(series)], xLabel: "step", yLabel: "cross-entropy", logY: true, legend: .above)
    }

    /// Share of whole sequences right, train and test.
    static func accuracy(_ state: AttentionTrainingState) -> any Chart {
        guard !state.records.isEmpty else { return MessageChart("accuracy appears\nafter the first evaluation") }
        let rx = state.records.map { Double($0.step) }
        return Axes([LineChart([
            LineSeries(state.records.map(\.trainAccuracy), xs: rx, label: "train", color: ClassPalette.color(0), width: 1.5),
            LineSeries(state.records.map(\.testAccuracy), xs: rx, label: "test", color: ClassPalette.color(1), width: 1.5),
        ])], xLabel: "step", yLabel: "sequences right", yRange: 0...1, legend: .above)
    }

    /// Each head's mean attention entropy on the probe (nats): high while it spreads, falling
    /// as it locks onto one key.
    static func entropy(_ state: AttentionTrainingState) -> any Chart {
        guard let first = state.records.first, !first.entropy.isEmpty else { return MessageChart("entropy appears\nafter the first evaluation") }
        let rx = state.records.map { Double($0.step) }
        let layers = first.entropy.count
        var series: [LineSeries] = []
        for l in 0..<layers {
            for h in 0..<first.entropy[l].count {
                let ys = state.records.map { l < $0.entropy.count && h < $0.entropy[l].count ? $0.entropy[l][h] : .nan }
                series.append(LineSeries(ys, xs: rx, label: (layers > 1 ? "L\(l + 1) " : "") + "H\(h + 1)",
                                         color: ClassPalette.color(l * first.entropy[l].count + h), width: 1.5))
            }
        }
        return Axes([LineChart(series)], xLabel: "step", yLabel: "entropy (nats)", legend: .above)
    }

    /// Token embeddings by PCA.
    static func embeddings(_ embedding: (points: [Double], explained: [Double])?, names: [String]) -> any Chart {
        guard let embedding, embedding.points.count == 2 * names.count, embedding.explained.count == 2 else {
            return MessageChart("no embeddings yet")
        }
        let n = names.count
        return TokenScatter(xs: (0..<n).map { embedding.points[2 * $0] }, ys: (0..<n).map { embedding.points[2 * $0 + 1] },
                            labels: names,
                            xLabel: String(format: "PC1 (%.0f%%)", 100 * embedding.explained[0]),
                            yLabel: String(format: "PC2 (%.0f%%)", 100 * embedding.explained[1]))
    }
}
