import Foundation
import Testing
@testable import Plots
import Runtime

/// Random awkward data through every chart at random sizes: the test fails by trapping, so
/// it checks that no combination of NaN, infinities, extremes, empties and mismatched lengths
/// reaches a crash. Seeded, so a failure reproduces.
@Suite struct ChartFuzzTests {
    static let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e-300, -1e-300, 1e300, -1e300,
                                     .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, 0.5]

    static func values(_ rng: inout SeededGenerator, count: Int) -> [Double] {
        (0..<count).map { _ in
            rng.uniform() < 0.4 ? specials[Int(rng.next() % UInt64(specials.count))] : (rng.uniform() - 0.5) * 10
        }
    }

    @Test(arguments: 0..<4)
    func randomAwkwardChartsNeverTrap(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        for _ in 0..<40 {
            let n = Int(rng.next() % 12), m = Int(rng.next() % 12)
            let xs = Self.values(&rng, count: n), ys = Self.values(&rng, count: m)
            let classes = (0..<n).map { _ in Int(truncatingIfNeeded: rng.next()) % 7 }
            let columns = Int(rng.next() % 5), rows = Int(rng.next() % 5)
            let grid = Self.values(&rng, count: Int(rng.next() % 2) == 0 ? columns * rows : n)
            let lo = Self.values(&rng, count: 1)[0], hi = Self.values(&rng, count: 1)[0]
            let range: ClosedRange<Double>? = lo <= hi ? lo...hi : nil
            let charts: [any Chart] = [
                Axes([LineChart([LineSeries(ys, xs: rng.uniform() < 0.5 ? xs : nil, label: "s", dash: xs)])],
                     yRange: range, logY: rng.uniform() < 0.3),
                Axes([ScatterChart(xs: xs, ys: ys, classes: classes, sizes: ys)], xRange: range, logY: rng.uniform() < 0.3),
                Axes([Heatmap(values: grid, columns: columns, rows: rows, x: range ?? 0...1, y: 0...1, range: range),
                      ScatterChart(xs: xs, ys: ys)]),
                Axes([Histogram(values: xs, bins: Int(rng.next() % 3) == 0 ? nil : Int(truncatingIfNeeded: rng.next()) % 50,
                                range: range)], logY: rng.uniform() < 0.3),
                BarChart(labels: xs.map { "\($0)" }, values: ys, highlight: Int(rng.next() % 5), range: range),
            ]
            let width = Int(rng.next() % 300) - 20, height = Int(rng.next() % 200) - 20
            let panels = charts.map { Panel($0, title: rng.uniform() < 0.5 ? nil : "t") }
            // NV_FUZZ_TRACE=1 prints each case before drawing it, to find the one that traps.
            if ProcessInfo.processInfo.environment["NV_FUZZ_TRACE"] != nil {
                print("fuzz seed \(seed): xs \(xs) ys \(ys) grid \(grid) \(columns)x\(rows) range \(range as Any) size \(width)x\(height)")
            }
            let raster = Figure.grid(panels: panels, width: width, height: height).render()
            #expect(raster.width >= 16 && raster.height >= 16)
        }
    }

    @Test(arguments: 0..<4)
    func randomPrimitivesNeverTrap(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(100 + seed))
        var raster = Raster(width: 40, height: 30)
        func v() -> Double { Self.values(&rng, count: 1)[0] * (rng.uniform() < 0.5 ? 1 : 10) }
        for _ in 0..<300 {
            let a = Point(v(), v()), b = Point(v(), v())
            let rect = Rect(x: v(), y: v(), width: v(), height: v())
            raster.withClip(Rect(x: v(), y: v(), width: v(), height: v())) { r in
                r.line(from: a, to: b, width: v(), color: .black, dash: [v(), v()])
                r.polyline([a, b, Point(v(), v())], width: v(), color: RGBA(0, 0, 0, 100))
                r.fillCircle(center: a, radius: v(), color: .black)
                r.strokeCircle(center: b, radius: v(), color: .black, lineWidth: v())
                r.fillPolygon([a, b, Point(v(), v()), Point(v(), v())], color: .black)
                r.fillRect(rect, color: .black)
                r.strokeRect(rect, color: .black, lineWidth: v())
                r.drawText("x\ny ∇", x: v(), y: v(), color: .black, anchor: .center, rotation: .up)
                r.drawValues([v(), v(), v(), v()], columns: 2, rows: 2, in: rect, colormap: .viridis,
                             interpolation: rng.uniform() < 0.5 ? .nearest : .bilinear)
                r.blend(x: Int(truncatingIfNeeded: rng.next()), y: 3, color: .black, coverage: v())
            }
        }
        #expect(raster.clip == PixelBox(minX: 0, minY: 0, maxX: 40, maxY: 30))
    }
}
