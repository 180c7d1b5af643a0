import Testing
@testable import Plots

@Suite struct NetworkDiagramLayoutTests {
    static let cases: [([Int], Double, Double)] = [
        ([2, 3, 1], 300, 200), ([2, 8, 8, 1], 400, 300), ([2, 8, 8, 1], 240, 160),
        ([2, 2, 1], 120, 80), ([784, 32, 10], 400, 300), ([1], 50, 50), ([4, 16, 16, 16, 2], 600, 400),
    ]

    @Test(arguments: cases)
    func nodesStayInsideAndNeverOverlap(sizes: [Int], width: Double, height: Double) {
        let layout = NetworkDiagramLayout(layerSizes: sizes, x: 10, y: 20, width: width,
                                          height: height, leftMargin: 30, rightMargin: 30,
                                          labelLines: 2, lineHeight: 9)
        let margin = min(30, width / 4)
        let r = layout.radius
        let labelDepth = Double(layout.labelLines) * 9
        let all = layout.nodes.flatMap { $0 }
        for n in all {
            #expect(n.x - r >= 10 + margin - 1e-9 && n.x + r <= 10 + width - margin + 1e-9)
            #expect(n.y - r >= 20 - 1e-9 && n.y + r + labelDepth <= 20 + height + 1e-9)
        }
        // Two nodes' circles-plus-labels blocks never touch.
        for (i, a) in all.enumerated() {
            for b in all[(i + 1)...] {
                if a.layer == b.layer {
                    #expect(abs(a.y - b.y) >= 2 * r + labelDepth)
                } else {
                    #expect(abs(a.x - b.x) >= 2 * r)
                }
            }
        }
        let shown = layout.nodes.map(\.count)
        let expectedEdges = zip(shown, shown.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(layout.edges.count == expectedEdges)
        #expect(layout.nodes.count == sizes.count)
    }

    @Test func xorNetworkGetsRoomForThreeLabels() {
        let layout = NetworkDiagramLayout(layerSizes: [2, 3, 1], x: 0, y: 0, width: 360,
                                          height: 240, labelLines: 3, lineHeight: 9)
        #expect(layout.labelLines == 3)
        #expect(layout.radius >= 14)
        // Layers are centred vertically on the same line.
        let centres = layout.nodes.map { column in column.map(\.y).reduce(0, +) / Double(column.count) }
        for c in centres { #expect(abs(c - centres[0]) < 1e-9) }
    }

    @Test func tightSpaceDropsLabelsBeforeCirclesVanish() {
        let layout = NetworkDiagramLayout(layerSizes: [2, 8, 8, 1], x: 0, y: 0, width: 200,
                                          height: 100, labelLines: 3, lineHeight: 9)
        #expect(layout.labelLines < 3)
        #expect(layout.radius >= 2)
    }

    @Test func wideLayerShowsItsEndsAndAnEllipsis() {
        let layout = NetworkDiagramLayout(layerSizes: [784, 10], x: 0, y: 0, width: 300,
                                          height: 400, maxNodesShown: 10)
        #expect(layout.nodes[0].map(\.index) == [0, 1, 2, 3, 780, 781, 782, 783])
        let ellipsis = layout.ellipsisY[0] ?? -1
        #expect(ellipsis > layout.nodes[0][3].y && ellipsis < layout.nodes[0][4].y)
        #expect(layout.ellipsisY[1] == nil)
        #expect(layout.node(layer: 0, index: 400) == nil)
        #expect(layout.node(layer: 0, index: 781)?.index == 781)
        #expect(layout.edges.count == 8 * 10)
        #expect(layout.edges.contains { $0 == .init(layer: 0, from: 783, to: 9) })
    }
}
