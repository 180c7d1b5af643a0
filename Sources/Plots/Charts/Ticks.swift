import Foundation

/// Tick positions and labels for axes: "nice" steps of 1, 2 or 5 times a power of ten on linear
/// axes, powers of ten (with 2 and 5 between when the range is short) on log axes.
public enum Ticks {
    /// The nice step (1, 2 or 5 x 10^k) that cuts `span` into about `target` intervals.
    public static func niceStep(span: Double, target: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, target))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double
        if fraction < 1.5 { nice = 1 } else if fraction < 3.5 { nice = 2 } else if fraction < 7.5 { nice = 5 } else { nice = 10 }
        return nice * magnitude
    }

    /// Tick values inside `lo...hi` at a nice step giving about `target` intervals. An empty or
    /// non-finite range gives no ticks.
    public static func linear(_ lo: Double, _ hi: Double, target: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return lo.isFinite && lo == hi ? [lo] : [] }
        let step = niceStep(span: hi - lo, target: target)
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * step
            return abs(v) < step * 1e-9 ? 0 : v   // no "-0"
        }
    }

    /// Labels for a run of linear ticks `step` apart. When any of them needs scientific
    /// notation they all share the largest tick's exponent and the same decimals
    /// ("0.98e6", "1.00e6", "1.02e6"), so neighbours read alike; otherwise as `label`.
    public static func labels(_ ticks: [Double], step: Double) -> [String] {
        let plain = ticks.map { label($0, step: step) }
        guard plain.contains(where: { $0.contains("e") }), step > 0, step.isFinite,
              let largest = ticks.map(abs).max(), largest > 0, largest.isFinite else { return plain }
        let exponent = Int(log10(largest).rounded(.down))
        let decimals = max(0, min(6, exponent - Int((log10(step) + 1e-9).rounded(.down))))
        return ticks.map { v in
            guard v != 0 else { return "0" }
            let mantissa = String(format: "%.\(decimals)f", v / pow(10, Double(exponent)))
            return (mantissa + "e\(exponent)").replacingOccurrences(of: "-", with: "−")
        }
    }

    /// Ticks for a log axis over `lo...hi` (both > 0): every power of ten, thinned to about
    /// `target`; with 2 and 5 multiples added when fewer than 3 decades are shown.
    public static func log(_ lo: Double, _ hi: Double, target: Int) -> [Double] {
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return [] }
        let firstDecade = Int(log10(lo).rounded(.down)), lastDecade = Int(log10(hi).rounded(.up))
        let decades = lastDecade - firstDecade
        var ticks: [Double] = []
        if decades < 3 {
            for k in firstDecade...lastDecade {
                for m in [1.0, 2.0, 5.0] {
                    let v = m * pow(10, Double(k))
                    if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(v) }
                }
            }
        } else {
            let every = max(1, Int((Double(decades) / Double(max(1, target))).rounded(.up)))
            for k in stride(from: firstDecade, through: lastDecade, by: every) {
                let v = pow(10, Double(k))
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(v) }
            }
        }
        return ticks
    }

    /// The label for a linear tick `value` when ticks are `step` apart: just enough decimals to
    /// tell neighbours apart, scientific notation ("2e-5", "1.5e6") for very small or large
    /// values, and a real minus sign (−).
    public static func label(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        let step = step.isFinite ? step : 0
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let text: String
        if magnitude >= 1e5 || magnitude < 1e-4 || (step > 0 && step < 1e-4) {
            let exponent = Int(log10(magnitude).rounded(.down))
            let mantissa = value / pow(10, Double(exponent))
            let digits = step > 0 ? max(0, exponent - Int((log10(step) + 1e-9).rounded(.down))) : 2
            var m = String(format: "%.\(min(digits, 3))f", mantissa)
            if m.contains(".") { while m.hasSuffix("0") { m.removeLast() }; if m.hasSuffix(".") { m.removeLast() } }
            text = "\(m)e\(exponent)"
        } else {
            let decimals = step > 0 ? max(0, min(10, Int((-log10(step) - 1e-9).rounded(.up)))) : 2
            text = String(format: "%.\(decimals)f", value)
        }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// The label for a log-axis tick: plain for 0.001 ≤ v < 10000 (e.g. "0.02", "500"), else a
    /// power of ten with a superscript exponent ("10⁻⁵") or "2×10⁶".
    public static func logLabel(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return label(value, step: 0) }
        if value >= 1e-3 && value < 1e4 {
            let decimals = max(0, Int((-log10(value) - 1e-9).rounded(.up)))
            return String(format: "%.\(decimals)f", value)
        }
        let exponent = Int(log10(value).rounded(.down))
        let mantissa = (value / pow(10, Double(exponent))).rounded()
        let power = "10" + superscript(exponent)
        return mantissa == 1 ? power : "\(Int(mantissa))×" + power
    }

    /// An integer in superscript digits, e.g. -12 → "⁻¹²".
    public static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(n)).map { digits[Int(String($0)) ?? 0] }
        return (n < 0 ? "⁻" : "") + String(body)
    }
}
