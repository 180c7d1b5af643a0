import Runtime

/// The pictures of an `XORNetwork`: the live training dashboard and each of its panels alone.
///
/// Every figure captures the network value and does all its work — decision field, logistic
/// regression, loss surface, drawing — in its draw closure, so a live display that drops a
/// frame pays nothing for it.
public enum XORViews {
    /// The live dashboard for the network's current state and the trajectory it holds, in a
    /// 2 x 3 grid under a title line with the epoch and loss:
    /// - h = 2: architecture, decision boundary, 2D hidden feature space / loss, gradient norms,
    ///   loss surface with the descent path;
    /// - h = 3: architecture (left column), decision boundary, 3D hidden feature space with the
    ///   regression plane / loss, gradient norms;
    /// - h = 1: as h = 3 with the 1D feature view (the unit's activation against ŷ);
    /// - h ≥ 4: as h = 3 with the loss surface in place of the feature space (a plane through the
    ///   first three of h units would not be the regression's boundary).
    /// `row` picks the truth-table row whose values the architecture's nodes show; `lineScale`
    /// thickens curves and boundary lines for coarse outputs (about 3 for half blocks at ~100
    /// columns, where a 1.5 px line fades into the background).
    public static func dashboard(_ network: XORNetwork, width: Int = 1200, height: Int = 720,
                                 row: Int = 1, lineScale: Double = 1) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure(preferredWidth: w, preferredHeight: h, draw: { width, height in
            Figure.grid(rows: 2, columns: 3, panels: dashboardPanels(network, row: row, lineScale: lineScale),
                        title: title(network), width: width, height: height).render(width: width, height: height)
        }, drawText: { columns, rows, style in
            textDashboard(network, row: row, columns: columns)
                .renderText(columns: columns, rows: rows, style: style)
        })
    }

    /// The dashboard for a text terminal `columns` wide. From 110 columns with two hidden
    /// units: the picture's 2 x 3 grid (the loss surface seen from above). Otherwise the
    /// architecture takes two cells of the top row, so its nodes' values stay readable (a tall
    /// column leaves its edges no room in text), and for h = 2 the surface is left out (the
    /// feature space shows more at that size); under 60 columns only the decision boundary and
    /// the loss remain, one above the other.
    static func textDashboard(_ network: XORNetwork, row: Int, columns: Int) -> Figure {
        var panels = dashboardPanels(network, row: row)
        if columns < 60 {
            panels = [Panel(XORPanels.boundary(network), title: "decision boundary"),
                      Panel(XORPanels.loss(network), title: "training loss")]
            return Figure.grid(rows: 2, columns: 1, panels: panels, title: title(network))
        }
        if columns < 110 || network.hidden != 2 {
            let third = network.hidden >= 4
                ? Panel(XORPanels.surface(network), title: surfaceTitle)
                : Panel(XORPanels.features(network), title: featuresTitle(network))
            panels = [
                Panel(XORPanels.architecture(network, row: row), title: architectureTitle(row), row: 0, column: 0, columnSpan: 2),
                Panel(XORPanels.boundary(network), title: "decision boundary", row: 0, column: 2),
                Panel(XORPanels.loss(network), title: "training loss", row: 1, column: 0),
                Panel(XORPanels.gradients(network), title: "weight-gradient norms", row: 1, column: 1),
                Panel(third.chart, title: third.title, row: 1, column: 2),
            ]
        }
        return Figure.grid(rows: 2, columns: 3, panels: panels, title: title(network))
    }

    /// The panels of `dashboard`, placed in its 2 x 3 grid (built when drawn).
    static func dashboardPanels(_ network: XORNetwork, row: Int, lineScale: Double = 1) -> [Panel] {
        let architecture = Panel(XORPanels.architecture(network, row: row), title: architectureTitle(row))
        let boundary = Panel(XORPanels.boundary(network, lineScale: lineScale), title: "decision boundary")
        let loss = Panel(XORPanels.loss(network, lineScale: lineScale), title: "training loss")
        let gradients = Panel(XORPanels.gradients(network, lineScale: lineScale), title: "weight-gradient norms")
        switch network.hidden {
        case 2:
            return [architecture, boundary,
                    Panel(XORPanels.features(network), title: featuresTitle(network)),
                    loss, gradients,
                    Panel(XORPanels.surface(network), title: surfaceTitle)]
        default:
            var tall = architecture
            tall.row = 0; tall.column = 0; tall.rowSpan = 2
            let third = network.hidden >= 4
                ? Panel(XORPanels.surface(network), title: surfaceTitle)
                : Panel(XORPanels.features(network), title: featuresTitle(network))
            return [tall, boundary, third, loss, gradients]
        }
    }

    /// The network diagram alone: nodes with activation, input sum and bias for truth-table
    /// row `row`, edges coloured and sized by weight.
    public static func architecture(_ network: XORNetwork, row: Int = 1) -> Figure {
        single(network, title: architectureTitle(row), width: 640, height: 420) {
            XORPanels.architecture($0, row: row)
        }
    }

    /// The output probability over the input plane, its 0.5 line and the four points.
    public static func boundary(_ network: XORNetwork) -> Figure {
        single(network, title: "decision boundary", width: 560, height: 460) { XORPanels.boundary($0) }
    }

    /// The four points in hidden-feature space with the logistic regression's boundary: 2D for
    /// h = 2, 3D for h = 3, activation against output for h = 1, the first three units (no
    /// plane) for h ≥ 4.
    public static func features(_ network: XORNetwork) -> Figure {
        single(network, title: featuresTitle(network), width: 560, height: 460) { XORPanels.features($0) }
    }

    /// The loss surface over w1[0,0], w1[0,1] (others held) with the gradient-descent path; a
    /// message panel for h = 1.
    public static func surface(_ network: XORNetwork) -> Figure {
        single(network, title: surfaceTitle, width: 640, height: 480) { XORPanels.surface($0) }
    }

    /// The loss curve and the weight-gradient norms, side by side.
    public static func loss(_ network: XORNetwork) -> Figure {
        let title = title(network)
        return Figure.built(preferredWidth: 900, preferredHeight: 360) { width, height in
            Figure.grid(rows: 1, columns: 2, panels: [
                Panel(XORPanels.loss(network), title: "training loss"),
                Panel(XORPanels.gradients(network), title: "weight-gradient norms"),
            ], title: title, width: width, height: height)
        }
    }

    /// "XOR 2-2-1 · epoch 12,300 · loss 0.0123 · solved": the loss is the last one training
    /// recorded (the current one before any training).
    static func title(_ network: XORNetwork) -> String {
        let loss = network.losses.last ?? network.loss
        var text = "XOR 2-\(network.hidden)-1 · epoch \(ViewFormat.count(network.epoch)) · loss \(ViewFormat.value(loss))"
        text += network.weightsAreFinite ? (network.solvesXOR ? " · solved" : " · not solved yet") : " · weights not finite"
        return text
    }

    static func architectureTitle(_ row: Int) -> String {
        "architecture · input " + XORPanels.rowNames[min(max(row, 0), XORNetwork.batch - 1)]
    }

    static func featuresTitle(_ network: XORNetwork) -> String {
        switch network.hidden {
        case 1: return "hidden feature: h1 against ŷ"
        case 2: return "hidden space · regression"
        case 3: return "hidden space · regression"
        default: return "hidden units 1–3 of \(network.hidden)"
        }
    }

    static let surfaceTitle = "loss over w1[0,0], w1[0,1]"

    /// A one-chart figure whose chart is built from `network` when drawn.
    private static func single(_ network: XORNetwork, title: String, width: Int, height: Int,
                               chart: @escaping @Sendable (XORNetwork) -> any Chart) -> Figure {
        Figure.built(preferredWidth: width, preferredHeight: height) { w, h in
            Figure.single(chart(network), title: title, width: w, height: h)
        }
    }
}
