import Foundation
import Testing
@testable import Plots

/// Prints how long the 4-panel 1200x700 dashboard takes to render. Runs only when NV_BENCH is
/// set (`NV_BENCH=1 swift test -c release --disable-testable-imports --filter RenderBenchmark`),
/// and asserts nothing: timings do not belong in pass/fail tests on a shared machine.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["NV_BENCH"] != nil))
struct RenderBenchmark {
    @Test func dashboard1200x700() {
        let figure = ChartFixtures.dashboard()
        _ = figure.render()
        var times: [Double] = []
        for _ in 0..<30 {
            let start = DispatchTime.now().uptimeNanoseconds
            let raster = figure.render()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            precondition(raster.width == 1200)
        }
        times.sort()
        print("render 1200x700 4-panel dashboard: median \(times[times.count / 2]) ms, min \(times[0]) ms")
        let parts: [(String, any Chart)] = [
            ("lines", ChartFixtures.lossCurves()), ("boundary", ChartFixtures.decisionBoundary()),
            ("histogram", ChartFixtures.histogram()), ("bars", ChartFixtures.bars()),
        ]
        for (name, chart) in parts {
            var raster = Raster(width: 600, height: 350)
            var best = Double.infinity
            for _ in 0..<20 {
                let start = DispatchTime.now().uptimeNanoseconds
                chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: 600, height: 350), theme: .light)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            print("  \(name) 600x350: min \(best) ms")
        }
    }
}
