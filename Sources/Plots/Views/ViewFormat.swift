import Foundation

/// Number formats shared by the dashboards' title lines.
enum ViewFormat {
    /// An integer with thousands separators: 40000 → "40,000".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// A loss or other positive quantity with 4 significant digits ("0.1250", "3.2e-05");
    /// "NaN" and "∞" stay readable.
    static func value(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value != 0, abs(value) < 1e-3 || abs(value) >= 1e5 { return String(format: "%.2e", value) }
        return String(format: "%.4f", value)
    }
}
