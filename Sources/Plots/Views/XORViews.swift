import Runtime

/// The pictures of an `XORNetwork`: the live training dashboard and each of its panels alone.
///
/// Every figure captures the network value and does all its work — decision field, logistic
/// output field, loss surface, drawing — in its draw closure, so a live display that drops a
/// frame pays nothing for it.
public enum XORViews {
    /// The live dashboard for the network's current state and the trajectory it holds, under
    /// a title line with the epoch and loss:
    /// - h = 2: architecture, decision boundary, 2D hidden feature space on top; the loss and
    ///   the gradient norms stacked bottom left, and the loss surface with the descent path
    ///   over the other two thirds of the bottom (a third of the dashboard);
    /// - h = 3: architecture (left column), decision boundary, 3D hidden feature space with the
    ///   output unit's plane / loss, gradient norms;
    /// - h = 1: as h = 3 with the 1D feature view (the unit's activation against ŷ);
    /// - h ≥ 4: as h = 3 with the loss surface in place of the feature space (a plane through the
    ///   first three of h units would not be the output unit's boundary).
    /// Narrower than `fullWidth` there is no room for six panels: the most important ones are
    /// drawn larger instead (`narrowPanels`), never a grid of empty ones.
    /// `row` picks the truth-table row whose values the architecture's nodes show; `lineScale`
    /// thickens curves and boundary lines for coarse outputs (about 3 for half blocks at ~100
    /// columns, where a 1.5 px line fades into the background). `discretize` shows the boundary
    /// panel as hard 0/1 regions.
    public static func dashboard(_ network: XORNetwork, width: Int = 1200, height: Int = 720,
                                 row: Int = 1, lineScale: Double = 1, discretize: Bool = false) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure(preferredWidth: w, preferredHeight: h, draw: { width, height in
            let layout = width >= fullWidth
                ? (rows: network.hidden == 2 ? 4 : 2, columns: 3,
                   panels: dashboardPanels(network, row: row, lineScale: lineScale, discretize: discretize))
                : narrowPanels(network, width: width, row: row, lineScale: lineScale, discretize: discretize)
            return Figure.grid(rows: layout.rows, columns: layout.columns, panels: layout.panels,
                               title: title(network, short: width < 560), width: width, height: height).render(width: width, height: height)
        }, drawText: { columns, rows, style in
            textDashboard(network, row: row, columns: columns, discretize: discretize)
                .renderText(columns: columns, rows: rows, style: style)
        })
    }

    /// The dashboard for a text terminal `columns` wide. From 110 columns with two hidden
    /// units: a 2 x 3 grid with the loss surface seen from above in the last cell. Otherwise the
    /// architecture takes two cells of the top row, so its nodes' values stay readable (a tall
    /// column leaves its edges no room in text), and for h = 2 the surface is left out (the
    /// feature space shows more at that size); under 60 columns only the decision boundary and
    /// the loss remain, one above the other.
    static func textDashboard(_ network: XORNetwork, row: Int, columns: Int, discretize: Bool = false) -> Figure {
        let boundary = XORPanels.boundary(network, discretize: discretize)
        let loss = XORPanels.loss(network)
        if columns < 60 {
            return Figure.grid(rows: 2, columns: 1,
                               panels: [Panel(boundary, title: boundaryTitle(discretize)), Panel(loss, title: "training loss")],
                               title: title(network, short: true))
        }
        let architecture = XORPanels.architecture(network, row: row)
        let gradients = XORPanels.gradients(network)
        if columns >= 110 && network.hidden == 2 {
            let panels = [Panel(architecture, title: architectureTitle(row)), Panel(boundary, title: boundaryTitle(discretize)),
                          Panel(XORPanels.features(network), title: featuresTitle(network)),
                          Panel(loss, title: "training loss"), Panel(gradients, title: "weight-gradient norms"),
                          Panel(XORPanels.surface(network), title: surfaceTitle)]
            return Figure.grid(rows: 2, columns: 3, panels: panels, title: title(network))
        }
        let third = network.hidden >= 4
            ? Panel(XORPanels.surface(network), title: surfaceTitle)
            : Panel(XORPanels.features(network), title: featuresTitle(network))
        let panels = [
            Panel(architecture, title: architectureTitle(row), row: 0, column: 0, columnSpan: 2),
            Panel(boundary, title: boundaryTitle(discretize), row: 0, column: 2),
            Panel(loss, title: "training loss", row: 1, column: 0),
            Panel(gradients, title: "weight-gradient norms", row: 1, column: 1),
            Panel(third.chart, title: third.title, row: 1, column: 2),
        ]
        return Figure.grid(rows: 2, columns: 3, panels: panels, title: title(network))
    }

    /// The narrowest dashboard (in pixels) that shows all its panels; below it panels go,
    /// least important first.
    static let fullWidth = 900

    /// The panels of `dashboard` at full width (built when drawn): a 4 x 3 grid for h = 2, 2 x 3
    /// otherwise.
    static func dashboardPanels(_ network: XORNetwork, row: Int, lineScale: Double = 1,
                                discretize: Bool = false) -> [Panel] {
        let architecture = Panel(XORPanels.architecture(network, row: row), title: architectureTitle(row))
        let boundary = Panel(XORPanels.boundary(network, discretize: discretize, lineScale: lineScale),
                             title: boundaryTitle(discretize))
        let loss = Panel(XORPanels.loss(network, lineScale: lineScale), title: "training loss")
        let gradients = Panel(XORPanels.gradients(network, lineScale: lineScale), title: "weight-gradient norms")
        switch network.hidden {
        case 2:
            func placed(_ panel: Panel, _ row: Int, _ column: Int, rows: Int, columns: Int = 1) -> Panel {
                var panel = panel
                panel.row = row; panel.column = column; panel.rowSpan = rows; panel.columnSpan = columns
                return panel
            }
            return [placed(architecture, 0, 0, rows: 2), placed(boundary, 0, 1, rows: 2),
                    placed(Panel(XORPanels.features(network), title: featuresTitle(network)), 0, 2, rows: 2),
                    placed(loss, 2, 0, rows: 1), placed(gradients, 3, 0, rows: 1),
                    placed(Panel(XORPanels.surface(network), title: surfaceTitle), 2, 1, rows: 2, columns: 2)]
        default:
            var tall = architecture
            tall.row = 0; tall.column = 0; tall.rowSpan = 2
            let third = network.hidden >= 4
                ? Panel(XORPanels.surface(network), title: surfaceTitle)
                : Panel(XORPanels.features(network), title: featuresTitle(network))
            return [tall, boundary, third, loss, gradients]
        }
    }

    /// The dashboard narrower than `fullWidth`: the decision boundary and the loss always, the
    /// architecture and the hidden space (or the surface for h ≥ 4) from 560 px; below 280 px
    /// the boundary alone.
    static func narrowPanels(_ network: XORNetwork, width: Int, row: Int,
                             lineScale: Double, discretize: Bool = false) -> (rows: Int, columns: Int, panels: [Panel]) {
        let boundary = Panel(XORPanels.boundary(network, discretize: discretize, lineScale: lineScale),
                             title: boundaryTitle(discretize))
        let loss = Panel(XORPanels.loss(network, lineScale: lineScale), title: "training loss")
        if width < 280 { return (1, 1, [boundary]) }
        if width < 560 { return (1, 2, [boundary, loss]) }
        let third = network.hidden >= 4
            ? Panel(XORPanels.surface(network), title: surfaceTitle)
            : Panel(XORPanels.features(network), title: featuresTitle(network))
        return (2, 2, [Panel(XORPanels.architecture(network, row: row), title: architectureTitle(row)),
                       boundary, loss, third])
    }

    /// The network diagram alone: nodes with activation, input sum and bias for truth-table
    /// row `row`, edges coloured and sized by weight.
    public static func architecture(_ network: XORNetwork, row: Int = 1) -> Figure {
        single(network, title: architectureTitle(row), width: 640, height: 420) {
            XORPanels.architecture($0, row: row)
        }
    }

    /// The output probability over the input plane (hard 0/1 regions when `discretize`), its
    /// 0.5 line and the four points.
    public static func boundary(_ network: XORNetwork, discretize: Bool = false) -> Figure {
        single(network, title: boundaryTitle(discretize), width: 560, height: 460) {
            XORPanels.boundary($0, discretize: discretize)
        }
    }

    /// The boundary panel's title: regions when discretized, as the mlp's.
    static func boundaryTitle(_ discretize: Bool) -> String {
        discretize ? "decision regions" : "decision boundary"
    }

    /// The four points in hidden-feature space with the output unit's boundary: 2D for
    /// h = 2, 3D for h = 3, activation against output for h = 1, the first three units (no
    /// plane) for h ≥ 4.
    public static func features(_ network: XORNetwork) -> Figure {
        single(network, title: featuresTitle(network), width: 560, height: 460) { XORPanels.features($0) }
    }

    /// The loss surface over w1[0,0], w1[0,1] (others held) with the gradient-descent path; a
    /// message panel for h = 1.
    /// `camera` turns the view (matplotlib's azimuth and elevation, default −60°, 30°).
    public static func surface(_ network: XORNetwork, camera: Camera = Camera()) -> Figure {
        single(network, title: surfaceTitle, width: 640, height: 480) { XORPanels.surface($0, camera: camera) }
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

    /// "XOR 2-2-1 · epoch 12,300 · loss 0.0123 · solved": the loss of the weights drawn, computed
    /// afresh (not the last one training recorded: after `net.layers[0].weight[0][1] = 0.5`,
    /// `show(net)` must title the edited network with its own loss, as `net.loss` reports it).
    /// `short` leaves out the "XOR 2-h-1 · " a narrow dashboard has no room for.
    static func title(_ network: XORNetwork, short: Bool = false) -> String {
        let loss = network.loss
        var text = (short ? "" : "XOR 2-\(network.hidden)-1 · ") + "epoch \(ViewFormat.count(network.epoch)) · loss \(ViewFormat.value(loss))"
        text += network.weightsAreFinite ? (network.solvesXOR ? " · solved" : " · not solved yet") : " · weights not finite"
        return text
    }

    static func architectureTitle(_ row: Int) -> String {
        "architecture · input " + XORPanels.rowNames[min(max(row, 0), XORNetwork.batch - 1)]
    }

    static func featuresTitle(_ network: XORNetwork) -> String {
        switch network.hidden {
        case 1: return "hidden feature: h1 against ŷ"
        case 2, 3: return "hidden space · output boundary"
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
