import Foundation

/// A map from data values on one axis to a position in [0, 1] (0 = left or bottom), linear or
/// base-10 logarithmic.
public struct Scale: Equatable, Sendable {
    /// The data value at position 0.
    public var lower: Double
    /// The data value at position 1.
    public var upper: Double
    /// True for a logarithmic axis; then `lower` and `upper` are > 0.
    public var isLog: Bool

    /// A scale over `lower...upper`; degenerate or non-finite ranges are widened so that every
    /// scale maps somewhere sensible (see `DataBounds.widened`).
    public init(lower: Double, upper: Double, isLog: Bool = false) {
        self.lower = lower; self.upper = upper; self.isLog = isLog
    }

    /// Where `value` falls, 0 at `lower`, 1 at `upper`; NaN when it cannot be shown (non-finite,
    /// or ≤ 0 on a log scale), which drawing code treats as a gap.
    @inline(__always)
    public func position(_ value: Double) -> Double {
        guard value.isFinite else { return .nan }
        if isLog {
            guard value > 0 else { return .nan }
            return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return (value - lower) / (upper - lower)
    }

    /// The nice ticks for this scale, about `target` of them.
    public func ticks(target: Int) -> [Double] {
        isLog ? Ticks.log(lower, upper, target: target) : Ticks.linear(lower, upper, target: target)
    }

    /// The labels for `ticks` of this scale.
    public func labels(_ ticks: [Double]) -> [String] {
        if isLog { return ticks.map(Ticks.logLabel) }
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : max(abs(ticks.first ?? 1), 1e-12)
        return Ticks.labels(ticks, step: step)
    }
}
