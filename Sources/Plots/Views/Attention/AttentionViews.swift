import Foundation
import Runtime

/// The pictures of the attention family: the live training dashboard, the maps of one
/// sequence (`attend`), and the token embeddings in 2D. Each takes plain values and draws when
/// rendered; below 760 px wide (text modes at 80 columns) they pick compact layouts.
public enum AttentionViews {
    static let compactWidth = 760

    /// The live dashboard: the probe's attention maps (weights beside scores), token-to-token
    /// lines, its predictions, loss and sequence accuracy for train and test, per-head entropy
    /// and the embeddings by PCA, under a title with epoch, step, loss and test accuracy.
    public static func dashboard(_ state: AttentionTrainingState, layers: Int, heads: Int,
                                 width: Int = 1400, height: Int = 860) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        let names = state.probe.map { $0.tokens.map(state.name) } ?? []
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            if width < compactWidth {
                let maps = AttentionPanels.maps(state.probe, names: names, layers: layers, heads: heads, limit: 2)
                var panels = maps.map { Panel($0.0, title: $0.1) }
                while panels.count < 2 { panels.append(Panel(MessageChart(""), title: "")) }
                panels += [
                    Panel(AttentionPanels.predictions(state.probe, state: state), title: "probe: predicted"),
                    Panel(AttentionPanels.loss(state), title: "loss"),
                    Panel(AttentionPanels.accuracy(state), title: "sequence accuracy"),
                    Panel(AttentionPanels.entropy(state), title: "head entropy"),
                ]
                return Figure.grid(rows: 2, columns: 3, panels: panels, title: title(state), width: width, height: height)
            }
            let maps = AttentionPanels.maps(state.probe, names: names, layers: layers, heads: heads, limit: 4)
            var panels = maps.enumerated().map { Panel($0.element.0, title: $0.element.1, row: 0, column: $0.offset) }
            panels += [
                Panel(AttentionPanels.lines(state.probe, names: names), title: "token to token (last layer)", row: 1, column: 0, rowSpan: 2),
                Panel(AttentionPanels.predictions(state.probe, state: state), title: "probe: predicted", row: 1, column: 1, rowSpan: 2),
                Panel(AttentionPanels.loss(state), title: "loss", row: 1, column: 2),
                Panel(AttentionPanels.accuracy(state), title: "sequence accuracy", row: 1, column: 3),
                Panel(AttentionPanels.entropy(state), title: "head entropy on the probe", row: 2, column: 2),
                Panel(AttentionPanels.embeddings(state.embedding, names: state.tokens.map(SequenceTask.shown)), title: "token embeddings (PCA)", row: 2, column: 3),
            ]
            return Figure.grid(rows: 3, columns: 4, panels: panels, title: title(state), width: width, height: height)
        }
    }

    /// "attention · reverse(length: 8, vocab: 10) · epoch 2/5 · step 480 · loss 0.0123 · test 99.1% sequences right".
    static func title(_ state: AttentionTrainingState) -> String {
        var text = "attention · \(state.taskName) · epoch \(state.epoch)/\(state.epochs) · step \(state.step)"
        if let loss = state.batchLosses.last { text += " · loss \(ViewFormat.value(loss))" }
        if let last = state.records.last { text += String(format: " · test %.1f%% sequences right", 100 * last.testAccuracy) }
        return text
    }

    /// One sequence through the model: every head's weights beside its scores (one row per
    /// layer), the token-to-token lines of the last layer, and the predictions.
    public static func attend(_ probe: AttentionProbe, tokens: [String], width: Int = 1300, height: Int? = nil) -> Figure {
        let layers = probe.weights.count, heads = probe.weights.first?.count ?? 0
        let names = probe.tokens.map { $0 >= 0 && Int($0) < tokens.count ? SequenceTask.shown(tokens[Int($0)]) : "?" }
        let state = AttentionTrainingState(taskName: "", tokens: tokens, epochs: 0, stepsPerEpoch: 0)
        let (w, h) = Figure.clampedSize(width: width, height: height ?? (100 + 420 * max(1, layers)))
        let title = "attend · " + names.joined(separator: probe.vocab <= 16 || names.allSatisfy { $0.count > 1 } ? " " : "")
            + " · predicted " + probe.predicted.map { $0 >= 0 && Int($0) < tokens.count ? SequenceTask.shown(tokens[Int($0)]) : "?" }.joined(separator: " ")
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let compact = width < compactWidth
            var panels: [Panel] = []
            let columns = compact ? 2 : max(2, min(heads, 3)) * 2 + 1
            for l in 0..<layers {
                for hd in 0..<heads {
                    let pair = [AttentionPanels.map(probe, names: names, layer: l, head: hd, scores: false),
                                AttentionPanels.map(probe, names: names, layer: l, head: hd, scores: true)]
                    if compact || hd < 3 {
                        panels.append(Panel(pair[0], title: AttentionPanels.mapTitle(layers: layers, layer: l, head: hd, scores: false)))
                        panels.append(Panel(pair[1], title: AttentionPanels.mapTitle(layers: layers, layer: l, head: hd, scores: true)))
                    }
                }
                if !compact {
                    while panels.count % columns != columns - 1 { panels.append(Panel(MessageChart(""), title: "")) }
                    panels.append(l == layers - 1
                        ? Panel(AttentionPanels.predictions(probe, state: state), title: "predicted")
                        : Panel(AttentionPanels.lines(probe, names: names), title: "token to token (last layer)"))
                }
            }
            if compact { panels.append(Panel(AttentionPanels.predictions(probe, state: state), title: "predicted")) }
            let rows = (panels.count + columns - 1) / columns
            return Figure.grid(rows: rows, columns: columns, panels: panels, title: title, width: width, height: height)
        }
    }

    /// The token embeddings on their first two principal axes.
    public static func embeddings(points: [Double], explained: [Double], tokens: [String], width: Int = 640, height: Int = 480) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            Figure.single(AttentionPanels.embeddings((points, explained), names: tokens.map(SequenceTask.shown)),
                          title: "token embeddings · \(tokens.count) tokens, first two principal axes", width: width, height: height)
        }
    }
}
