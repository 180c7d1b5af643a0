import Foundation

/// The extent of a layer's data and how the axes should frame it.
public struct DataBounds: Equatable, Sendable {
    /// The finite x extent.
    public var x: ClosedRange<Double>
    /// The finite y extent.
    public var y: ClosedRange<Double>
    /// Add a 5% margin on x (scatter points) or fit exactly (line series over epochs, images).
    public var padX: Bool
    /// Add a 5% margin on y.
    public var padY: Bool
    /// Keep y = 0 as the bottom edge when the data start there (bars, histograms).
    public var yFromZero: Bool

    /// Bounds with the given framing wishes.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, padX: Bool = false,
                padY: Bool = true, yFromZero: Bool = false) {
        self.x = x; self.y = y; self.padX = padX; self.padY = padY; self.yFromZero = yFromZero
    }

    /// The smallest bounds holding both; margins only where both layers want them.
    public func union(_ other: DataBounds) -> DataBounds {
        DataBounds(x: min(x.lowerBound, other.x.lowerBound)...max(x.upperBound, other.x.upperBound),
                   y: min(y.lowerBound, other.y.lowerBound)...max(y.upperBound, other.y.upperBound),
                   padX: padX && other.padX, padY: padY && other.padY,
                   yFromZero: yFromZero || other.yFromZero)
    }

    /// The finite min...max of `values` (optionally only the positive ones), or nil.
    public static func finiteRange<S: Sequence>(_ values: S, positiveOnly: Bool = false)
        -> ClosedRange<Double>? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (!positiveOnly || v > 0) { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        return lo <= hi ? lo...hi : nil
    }

    /// `range` made usable for a scale: a single value is widened (±0.5 around 0, else ±10%,
    /// or a factor of 2 each way on a log axis), then a 5% margin is added when `pad` is set.
    public static func widened(_ range: ClosedRange<Double>, pad: Bool, log: Bool,
                               fromZero: Bool = false) -> ClosedRange<Double> {
        var lo = range.lowerBound, hi = range.upperBound
        if log {
            lo = Swift.max(lo, 1e-300); hi = Swift.max(hi, lo)
            if hi <= lo * (1 + 1e-12) { lo /= 2; hi *= 2 }
            if pad { let f = Foundation.pow(hi / lo, 0.05); lo /= f; hi *= f }
            return lo...hi
        }
        if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-12 {
            let half = lo == 0 ? 0.5 : abs(lo) * 0.1
            lo -= half; hi += half
        }
        if pad {
            let margin = (hi - lo) * 0.05
            if !(fromZero && lo == 0) { lo -= margin }
            hi += margin
        }
        if fromZero && range.lowerBound >= 0 { lo = Swift.max(lo, 0) }
        return lo...hi
    }
}
