import Foundation

/// Sizes written for messages: "36.0 GB", "9,000,000,010". Counts arrive as `Double` because the
/// sizes worth refusing are the ones too large for `Int` arithmetic.
public enum SizeText {
    /// Bytes in decimal units (kB = 1,000 B, as disk and memory sizes are quoted to users), to
    /// three significant digits ("4.02 GB", "36.4 GB", "803 MB"), so a size just over a limit
    /// does not read as the limit; a whole number of units without decimals ("4 GB", so a
    /// limit reads as it was chosen).
    public static func bytes(_ count: Double) -> String {
        guard count.isFinite else { return "an unbounded amount of memory" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var value = count, unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 || value == value.rounded() { return "\(Int(value.rounded())) \(units[unit])" }
        return String(format: value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }

    /// A count with thousands separators ("9,000,000,010"); past `Int`'s range, in exponent
    /// form ("1.6e+22").
    public static func count(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 9e18 else { return String(format: "%.2g", value) }
        let digits = String(Int(value.rounded()).magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
