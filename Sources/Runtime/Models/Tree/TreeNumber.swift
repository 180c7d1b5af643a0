import Foundation

/// Short numbers for rules and node labels: `2.45`, `0.667`, `1.2e+03` never; thresholds print
/// with at most `digits` decimals and no trailing zeros (the midpoint 2.4500000476837 of two
/// float32 values reads 2.45).
public enum TreeNumber {
    public static func text(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "\(value)" }
        var s = String(format: "%.\(max(0, digits))f", value)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }
}
