/// Where the nodes and edges of a layered network diagram go inside a rectangle.
///
/// Layers are columns, evenly spread between the left and right margins (kept free for the
/// input and output labels); every layer uses the same vertical pitch — the one the largest
/// layer needs — and is centred, so a 2-8-8-1 network reads as a lattice. Each node gets a
/// circle of one common radius plus room below it for up to a few lines of small labels; when
/// the pitch is too tight for the labels they are dropped (`labelLines` says how many fit)
/// before the circles shrink below a readable size.
///
/// Very wide layers (an MNIST input of 784 values) cannot be drawn node by node: a layer with
/// more than `maxNodesShown` nodes shows its first and last few, with an ellipsis slot between
/// them (`ellipsisY`), and only the shown nodes get edges.
public struct NetworkDiagramLayout: Sendable {
    /// One drawn node: its layer, its index within the full layer, and its circle.
    public struct Node: Equatable, Sendable {
        public var layer: Int
        public var index: Int
        public var x: Double
        public var y: Double
    }

    /// A connection from node `from` of layer `layer` to node `to` of layer `layer + 1`; its
    /// weight is `weights[layer][to][from]` (PyTorch's [out, in] layout).
    public struct Edge: Equatable, Sendable {
        public var layer: Int
        public var from: Int
        public var to: Int
    }

    /// Drawn nodes per layer, top to bottom.
    public let nodes: [[Node]]
    public let edges: [Edge]
    /// The common node radius in pixels.
    public let radius: Double
    /// How many label lines fit under each node (0 ... requested).
    public let labelLines: Int
    /// The vertical distance between neighbouring nodes of a layer.
    public let pitch: Double
    /// For each layer, the y of the ellipsis slot when some nodes are hidden, else nil.
    public let ellipsisY: [Double?]
    /// The x of every layer's column.
    public let columnX: [Double]

    /// Lays out `layerSizes` (e.g. [2, 8, 8, 1]) in the rectangle at (`x`, `y`) of size
    /// `width` x `height`. Margins are kept free on each side; `labelLines` lines of
    /// `lineHeight` pixels are reserved under each node when they fit; `gapFraction` of the
    /// pitch separates neighbouring nodes. Layer sizes below 1 are
    /// treated as 1 (the chart rejects them with a message before calling this).
    public init(layerSizes: [Int], x: Double, y: Double, width: Double, height: Double,
                leftMargin: Double = 0, rightMargin: Double = 0,
                topMargin: Double = 0, bottomMargin: Double = 0,
                labelLines requestedLines: Int = 0, lineHeight: Double = 10,
                maxRadius: Double = 28, maxNodesShown: Int = 16, gapFraction: Double = 0.15) {
        let sizes = layerSizes.map { max(1, $0) }
        let cap = max(3, maxNodesShown)
        // Per layer: the full indices drawn, and the slot (in pitch units) of each.
        let shown: [[Int]] = sizes.map { n in
            guard n > cap else { return Array(0..<n) }
            let half = (cap - 1) / 2
            return Array(0..<half) + Array((n - half)..<n)
        }
        let slots = shown.enumerated().map { layer, indices in
            sizes[layer] > cap ? indices.count + 1 : indices.count
        }
        // Margins may take at most half of the rectangle; beyond that they shrink in proportion.
        let horizontal = NetworkDiagramLayout.fit(leftMargin, rightMargin, within: width / 2)
        let vertical = NetworkDiagramLayout.fit(topMargin, bottomMargin, within: height / 2)
        let left = x + horizontal.0
        let top = y + vertical.0
        let usableWidth = max(width - horizontal.0 - horizontal.1, 1)
        let usableHeight = max(height - vertical.0 - vertical.1, 1)
        let maxSlots = Double(slots.max() ?? 1)
        let pitch = usableHeight / maxSlots
        let columnGap = sizes.count > 1 ? usableWidth / Double(sizes.count) : usableWidth

        // The circle may use the part of the pitch the labels leave, less a gap of
        // `gapFraction` of the pitch (at least 2 px) so neighbours never touch.
        let gap = max(2, pitch * min(0.9, max(0, gapFraction.isFinite ? gapFraction : 0.15)))
        func radius(lines: Int) -> Double {
            let free = pitch - Double(lines) * lineHeight - gap
            return min(maxRadius, free / 2, columnGap * 0.3)
        }
        var lines = max(0, requestedLines)
        while lines > 0 && radius(lines: lines) < 5 { lines -= 1 }
        let r = max(1, min(radius(lines: lines), pitch / 2 - 0.5))
        self.radius = r
        self.labelLines = lines
        self.pitch = pitch

        // Columns: first and last column keep a radius from the margins.
        let columnX: [Double] = (0..<sizes.count).map { layer in
            guard sizes.count > 1 else { return left + usableWidth / 2 }
            let span = max(usableWidth - 2 * r, 0)
            return left + r + span * Double(layer) / Double(sizes.count - 1)
        }
        self.columnX = columnX

        // Each node's block (circle + label lines) is centred in its slot.
        let blockOffset = Double(lines) * lineHeight / 2
        var nodes: [[Node]] = []
        var ellipsis: [Double?] = []
        for (layer, indices) in shown.enumerated() {
            let count = Double(slots[layer])
            let firstSlotY = top + usableHeight / 2 - (count - 1) / 2 * pitch
            var column: [Node] = []
            for (position, index) in indices.enumerated() {
                let afterEllipsis = sizes[layer] > cap && position >= indices.count / 2
                let slot = Double(position + (afterEllipsis ? 1 : 0))
                column.append(Node(layer: layer, index: index, x: columnX[layer],
                                   y: firstSlotY + slot * pitch - blockOffset))
            }
            nodes.append(column)
            ellipsis.append(sizes[layer] > cap
                ? firstSlotY + Double(indices.count / 2) * pitch : nil)
        }
        self.nodes = nodes
        self.ellipsisY = ellipsis

        var edges: [Edge] = []
        for layer in 0..<max(0, nodes.count - 1) {
            for target in nodes[layer + 1] {
                for source in nodes[layer] {
                    edges.append(Edge(layer: layer, from: source.index, to: target.index))
                }
            }
        }
        self.edges = edges
    }

    /// Two margins scaled down together so their sum is at most `limit`.
    private static func fit(_ a: Double, _ b: Double, within limit: Double) -> (Double, Double) {
        let a = max(0, a.isFinite ? a : 0), b = max(0, b.isFinite ? b : 0)
        let total = a + b
        guard total > limit, total > 0 else { return (a, b) }
        let k = max(0, limit) / total
        return (a * k, b * k)
    }

    /// The drawn node for (`layer`, full-layer `index`), or nil when it is hidden.
    public func node(layer: Int, index: Int) -> Node? {
        guard nodes.indices.contains(layer) else { return nil }
        return nodes[layer].first { $0.index == index }
    }
}
