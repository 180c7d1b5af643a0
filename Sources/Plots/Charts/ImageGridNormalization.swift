/// How the values of one image become colormap positions in 0...1.
///
/// Each image of a grid is normalised on its own by default, because a conv filter's weights
/// and a feature map's activations live on different scales and a shared scale would leave
/// most tiles flat. `signed` is for weights: 0 maps to the middle of a diverging map (white),
/// ±max|v| to its ends, so the sign reads as a colour. `fixed` is for data with a known range
/// (MNIST pixels 0...1), so a faint digit stays faint.
public enum ImageGridNormalization: Equatable, Sendable {
    /// min...max of the image → 0...1; a constant image maps to 0.5.
    case minMax
    /// −m...m → 0...1 with m = max |v| of the image, so 0 ↦ 0.5; an all-zero image maps to 0.5.
    case signed
    /// low...high → 0...1, values outside clamped.
    case fixed(low: Double, high: Double)

    /// The colormap position of every value (row-major, same order as `values`); non-finite
    /// values become nil (drawn in the chart's "missing" colour) and are ignored by the
    /// min/max scan.
    public func positions(_ values: [Float]) -> [Double?] {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, Double(v)); hi = max(hi, Double(v))
        }
        let map: (Double) -> Double
        switch self {
        case .minMax:
            let span = hi - lo
            map = span > 0 ? { ($0 - lo) / span } : { _ in 0.5 }
        case .signed:
            let m = max(abs(lo), abs(hi))
            map = m > 0 && m.isFinite ? { 0.5 + 0.5 * $0 / m } : { _ in 0.5 }
        case .fixed(let low, let high):
            let span = high - low
            map = span > 0 && span.isFinite ? { ($0 - low) / span } : { _ in 0.5 }
        }
        return values.map { v in
            guard v.isFinite else { return nil }
            return min(1, max(0, map(Double(v))))
        }
    }
}
