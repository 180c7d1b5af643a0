import Foundation
import Testing
@testable import Plots

/// Charts given bad or awkward data: nothing crashes, and what is drawn says what happened.
@Suite struct ChartDataTests {
    static func render(_ chart: any Chart, width: Int = 300, height: Int = 200) -> Raster {
        var raster = Raster(width: width, height: height, fill: Theme.light.background)
        chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: Double(width), height: Double(height)),
                   theme: .light)
        return raster
    }

    /// Pixels of `color` in the raster.
    static func count(_ raster: Raster, _ color: RGBA) -> Int {
        var n = 0
        for y in 0..<raster.height { for x in 0..<raster.width where raster[x, y] == color { n += 1 } }
        return n
    }

    static func inkInside(_ raster: Raster, _ rect: Rect, _ color: RGBA) -> Int {
        var n = 0
        for y in Int(rect.minY)..<Int(rect.maxY) { for x in Int(rect.minX)..<Int(rect.maxX) where raster[x, y] == color { n += 1 } }
        return n
    }

    @Test(arguments: [[Double](), [.nan, .nan], [.infinity, -.infinity]])
    func seriesWithoutFiniteValuesSayNoData(_ ys: [Double]) {
        let axes = Axes([LineChart(ys: ys)])
        let raster = Self.render(axes)
        let area = axes.frame(in: Rect(x: 0, y: 0, width: 300, height: 200))!.plotArea
        let centre = Rect(x: area.midX - 30, y: area.midY - 8, width: 60, height: 16)
        #expect(Self.inkInside(raster, centre, Theme.light.mutedText) > 20, "\"no data\" in the middle")
    }

    @Test func gapsSplitTheLineWhereValuesAreNotFinite() {
        let color = RGBA(200, 0, 0)
        let ys: [Double] = [1, 2, 3, .nan, .nan, .nan, .nan, 3, 2, 1]
        let axes = Axes([LineChart([LineSeries(ys, color: color, width: 2)])], grid: false)
        let raster = Self.render(axes)
        let frame = axes.frame(in: Rect(x: 0, y: 0, width: 300, height: 200))!
        let gapX = Int(frame.pixelX(5))
        let column = (0..<200).filter { raster[gapX, $0] == color }
        #expect(column.isEmpty, "no line across the gap")
        let lineX = Int(frame.pixelX(1))
        #expect((0..<200).contains { raster[lineX, $0] == color }, "but a line before it")
    }

    @Test func allEqualValuesGetARangeAroundThem() {
        let axes = Axes([LineChart(ys: [4, 4, 4, 4])])
        let frame = axes.frame(in: Rect(x: 0, y: 0, width: 300, height: 200))!
        #expect(frame.yScale.lower < 4 && frame.yScale.upper > 4)
        let y = frame.pixelY(4)
        #expect(abs(y - frame.plotArea.midY) < 1, "the line sits in the middle")
    }

    @Test func logAxisSkipsNonPositiveValues() {
        let axes = Axes([LineChart(ys: [10, 1, 0, -3, 0.1, 0.01])], logY: true)
        let frame = axes.frame(in: Rect(x: 0, y: 0, width: 300, height: 200))!
        #expect(frame.yScale.lower <= 0.01 && frame.yScale.lower > 0 && frame.yScale.upper >= 10)
        #expect(frame.pixelY(0).isNaN && frame.pixelY(-3).isNaN)
        _ = Self.render(axes)
    }

    @Test func heatmapWithTheWrongShapeDrawsNothingButTheAxes() {
        let heatmap = Heatmap(values: [1, 2, 3], columns: 2, rows: 2, x: 0...1, y: 0...1)
        #expect(heatmap.bounds(logY: false) == nil && heatmap.colorScale == nil)
        let raster = Self.render(Axes([heatmap]))
        #expect(Self.count(raster, Theme.light.mutedText) > 20, "no data")
    }

    @Test func heatmapRowZeroIsAtTheBottom() {
        let heatmap = Heatmap(values: [0, 0, 1, 1], columns: 2, rows: 2, x: 0...2, y: 0...2, colormap: .gray,
                              interpolation: .nearest, showColorBar: false)
        let axes = Axes([heatmap], grid: false)
        let raster = Self.render(axes)
        let frame = axes.frame(in: Rect(x: 0, y: 0, width: 300, height: 200))!
        let top = frame.point(0.5, 1.5), bottom = frame.point(0.5, 0.5)
        #expect(raster[Int(top.x), Int(top.y)] == .white)
        #expect(raster[Int(bottom.x), Int(bottom.y)] == .black)
    }

    @Test func scatterSkipsBadPointsAndClampsSizes() {
        let scatter = ScatterChart(xs: [0, 1, .nan, 3], ys: [0, .infinity, 2, 3], sizes: [1e9, 2, 2, -4])
        #expect(scatter.bounds(logY: false)?.x == 0...3)
        let raster = Self.render(Axes([scatter]))
        #expect(Self.count(raster, ClassPalette.color(0)) < 60 * 60 * 4, "a 30 px radius at most")
    }

    @Test func scatterLegendListsTheClassesPresent() {
        let scatter = ScatterChart(xs: [0, 1, 2], ys: [0, 1, 2], classes: [2, 0, 2], classNames: ["a", "b", "c"])
        #expect(scatter.legendEntries.map(\.label) == ["a", "c"])
    }

    @Test func histogramCountsEveryFiniteValueOnce() {
        let values = (0..<1000).map { Double($0 % 97) / 10 } + [.nan, .infinity]
        let h = Histogram(values: values)
        #expect(h.counts.reduce(0, +) == 1000 && h.skipped == 2)
        #expect(h.edges.count == h.counts.count + 1 && h.counts.count >= 5 && h.counts.count <= 100)
        let constant = Histogram(values: [2, 2, 2])
        #expect(constant.counts.reduce(0, +) == 3 && constant.edges.first! < 2 && constant.edges.last! > 2)
        #expect(Histogram(values: []).bounds(logY: false) == nil)
        #expect(Histogram(values: [1, 2, 3], bins: 1_000_000).counts.count == 200)
    }

    @Test func barsSurviveBadValuesAndTooManyRows() {
        _ = Self.render(BarChart(labels: ["a", "b", "c"], values: [.nan, -2, .infinity]))
        _ = Self.render(BarChart(labels: [], values: []))
        let many = BarChart(labels: (0..<100).map { "row \($0)" }, values: (0..<100).map(Double.init))
        let raster = Self.render(many, width: 300, height: 120)
        #expect(Self.count(raster, Theme.light.mutedText) > 0, "\"… N more\" written")
    }

    @Test func barLengthIsProportionalToValue() {
        let chart = BarChart(labels: ["half", "full"], values: [0.5, 1], color: RGBA(0, 0, 200), range: 0...1)
        let raster = Self.render(chart)
        func barLength(_ row: Int) -> Int {
            let rowY = (0..<200).filter { y in (0..<300).contains { raster[$0, y] == RGBA(0, 0, 200) } }
            let y = row == 0 ? rowY.first! + 2 : rowY.last! - 2
            return (0..<300).filter { raster[$0, y] == RGBA(0, 0, 200) }.count
        }
        let half = barLength(0), full = barLength(1)
        #expect(abs(Double(half) / Double(full) - 0.5) < 0.03, "\(half) vs \(full)")
    }
}

@Suite struct LegendPlacementTests {
    @Test func bestPlacementAvoidsTheData() {
        let rising = (0..<50).map { 1 - exp(-Double($0) / 8) }
        let axes = Axes([LineChart([LineSeries(rising, label: "accuracy", color: RGBA(0, 0, 200), width: 3)])])
        var raster = Raster(width: 300, height: 200, fill: Theme.light.background)
        axes.draw(into: &raster, in: Rect(x: 0, y: 0, width: 300, height: 200), theme: .light)
        let area = axes.frame(in: Rect(x: 0, y: 0, width: 300, height: 200))!.plotArea
        let entries = axes.layers.flatMap(\.legendEntries)
        let bottomRight = Legend.box(for: entries, plotArea: area, corner: .bottomRight)
        let topRight = Legend.box(for: entries, plotArea: area, corner: .topRight)
        // The legend's text is drawn in the theme's text colour: it must be bottom right.
        func hasText(_ r: Rect) -> Bool {
            (Int(r.minY)..<Int(r.maxY)).contains { y in (Int(r.minX)..<Int(r.maxX)).contains { raster[$0, y] == Theme.light.text } }
        }
        #expect(hasText(bottomRight) && !hasText(topRight))
    }
}

@Suite struct CustomTickTests {
    static func matrix(classes: Int) -> Axes {
        let values = (0..<(classes * classes)).map { Double($0 % (classes + 1) == 0 ? 20 : $0 % 3) }
        let ticks = (0..<classes).map { Axes.AxisTick(Double($0) + 0.5, "class \($0)") }
        return Axes([Heatmap(values: values, columns: classes, rows: classes, x: 0...Double(classes),
                             y: 0...Double(classes), interpolation: .nearest, label: "count")],
                    xLabel: "predicted", yLabel: "true", grid: false, customXTicks: ticks, customYTicks: ticks)
    }

    @Test func customTicksAreUsedAndThinnedWhenCrowded() {
        let rect = Rect(x: 0, y: 0, width: 360, height: 260)
        let few = Self.matrix(classes: 3).layout(in: rect)!
        #expect(few.xTicks.labels == ["class 0", "class 1", "class 2"])
        let many = Self.matrix(classes: 40).layout(in: rect)!
        #expect(many.xTicks.values.count < 40 && many.xTicks.values.count >= 2)
        #expect(many.xTicks.labels.first == "class 0")
        var raster = Raster(width: 360, height: 260, fill: Theme.light.background)
        Self.matrix(classes: 3).draw(into: &raster, in: rect, theme: .light)
        LookAt.save(raster, "custom-ticks")
    }
}

@Suite struct ExtremeInputTests {
    @Test func extremeValuesAndShapesNeverTrap() {
        let huge = Double.greatestFiniteMagnitude
        let h = Histogram(values: [-huge, 0, huge])
        #expect(h.counts.reduce(0, +) == 3 && h.edges.allSatisfy(\.isFinite))
        let heat = Heatmap(values: [1, 2], columns: Int.max, rows: 2, x: 0...1, y: 0...1)
        #expect(heat.bounds(logY: false) == nil)
        var raster = Raster(width: 50, height: 50)
        raster.drawValues([1, 2], columns: Int.max, rows: 2, in: Rect(x: 0, y: 0, width: 9, height: 9), colormap: .gray)
        let layout = GridLayout(width: 300, height: 200, rows: 2, columns: 2,
                                panels: [Panel(nil, row: Int.max, column: Int.max, rowSpan: Int.max, columnSpan: 5)],
                                hasTitle: false)
        #expect(layout.slots.count == 1)
        for chart in [Axes([LineChart(ys: [-huge, huge])]), Axes([ScatterChart(xs: [huge, -huge], ys: [1e-300, 1e300])], logY: true),
                      Axes([h], logY: true)] as [any Chart] {
            chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: 50, height: 50), theme: .light)
        }
    }
}

@Suite struct EqualAspectTests {
    @Test(arguments: [(420.0, 240.0), (200.0, 400.0)])
    func equalAspectMakesUnitsTheSameLengthOnBothAxes(width: Double, height: Double) {
        let angles = (0..<40).map { Double($0) / 40 * 2 * Double.pi }
        var axes = Axes([ScatterChart(xs: angles.map(cos), ys: angles.map { 0.5 * sin($0) })])
        axes.equalAspect = true
        let frame = axes.frame(in: Rect(x: 0, y: 0, width: width, height: height))!
        let xUnit = frame.plotArea.width / (frame.xScale.upper - frame.xScale.lower)
        let yUnit = frame.plotArea.height / (frame.yScale.upper - frame.yScale.lower)
        #expect(abs(xUnit / yUnit - 1) < 0.05, "\(xUnit) vs \(yUnit) px per unit")
        #expect(frame.xScale.lower <= -1 && frame.xScale.upper >= 1 && frame.yScale.lower <= -0.5)
    }
}
