import Testing
@testable import Plots

@Suite struct TicksTests {
    struct LinearCase: Sendable, CustomTestStringConvertible {
        let lo: Double, hi: Double, target: Int
        let ticks: [Double]
        var testDescription: String { "\(lo)...\(hi) ~\(target)" }
    }

    static let linearCases: [LinearCase] = [
        LinearCase(lo: 0, hi: 1, target: 5, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        LinearCase(lo: 0, hi: 10, target: 5, ticks: [0, 2, 4, 6, 8, 10]),
        LinearCase(lo: 0, hi: 119, target: 5, ticks: [0, 20, 40, 60, 80, 100]),
        LinearCase(lo: -2.5, hi: 2.5, target: 5, ticks: [-2, -1, 0, 1, 2]),
        LinearCase(lo: 0.013, hi: 0.087, target: 4, ticks: [0.02, 0.04, 0.06, 0.08]),
        LinearCase(lo: 950, hi: 1450, target: 5, ticks: [1000, 1100, 1200, 1300, 1400]),
        LinearCase(lo: 3, hi: 3, target: 5, ticks: [3]),
        LinearCase(lo: 1, hi: 0, target: 5, ticks: []),
        LinearCase(lo: 0, hi: .infinity, target: 5, ticks: []),
    ]

    @Test(arguments: linearCases)
    func linearTicksAreNice(_ c: LinearCase) {
        let ticks = Ticks.linear(c.lo, c.hi, target: c.target)
        #expect(ticks.count == c.ticks.count)
        for (a, b) in zip(ticks, c.ticks) { #expect(abs(a - b) < 1e-9, "\(ticks)") }
    }

    @Test(arguments: [(1.0, 5, 0.2), (7.0, 5, 1.0), (0.003, 3, 0.001), (2300.0, 4, 500.0), (45.0, 3, 20.0)])
    func stepIsOneTwoOrFiveTimesAPowerOfTen(span: Double, target: Int, step: Double) {
        #expect(abs(Ticks.niceStep(span: span, target: target) - step) < step * 1e-9)
    }

    @Test(arguments: [
        (0.0, 0.5, "0"), (2.0, 0.5, "2.0"), (2.5, 0.5, "2.5"), (-1.0, 1.0, "−1"), (0.04, 0.02, "0.04"),
        (1200.0, 100.0, "1200"), (2e-5, 1e-5, "2e−5"), (1.5e6, 5e5, "1.5e6"), (.nan, 1.0, "NaN"),
    ])
    func labelsUseJustEnoughDecimals(value: Double, step: Double, label: String) {
        #expect(Ticks.label(value, step: step) == label)
    }

    @Test func scientificLabelsShareOneExponent() {
        #expect(Ticks.labels([980_000, 1_000_000, 1_020_000], step: 20_000) == ["0.98e6", "1.00e6", "1.02e6"])
        #expect(Ticks.labels([0, 1e-5, 2e-5], step: 1e-5) == ["0", "1e−5", "2e−5"])
        #expect(Ticks.labels([0, 0.5, 1], step: 0.5) == ["0", "0.5", "1.0"])
    }

    @Test func logTicksArePowersOfTenOrOneTwoFive() {
        #expect(Ticks.log(1e-4, 10, target: 6) == [1e-4, 1e-3, 1e-2, 1e-1, 1, 10])
        let short = Ticks.log(0.15, 3, target: 5)
        #expect(short.count == 4)
        for (a, b) in zip(short, [0.2, 0.5, 1, 2]) { #expect(abs(a - b) < 1e-12) }
        #expect(Ticks.log(-1, 10, target: 5).isEmpty)
    }

    @Test(arguments: [(1.0, "1"), (0.01, "0.01"), (500.0, "500"), (1e-5, "10⁻⁵"), (2e6, "2×10⁶")])
    func logLabels(value: Double, label: String) {
        #expect(Ticks.logLabel(value) == label)
    }

    @Test func degenerateRangesWiden() {
        #expect(DataBounds.widened(3...3, pad: false, log: false) == 2.7...3.3)
        #expect(DataBounds.widened(0...0, pad: false, log: false) == -0.5...0.5)
        #expect(DataBounds.widened(0...10, pad: true, log: false, fromZero: true) == 0...10.5)
        let log = DataBounds.widened(5...5, pad: false, log: true)
        #expect(log == 2.5...10)
    }
}
