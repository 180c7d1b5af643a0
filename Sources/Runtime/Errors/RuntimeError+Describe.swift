extension RuntimeError {
    /// A value that is not a finite number, as messages show it: "NaN" (whatever its sign bit),
    /// "inf", "-inf".
    static func describe<T: BinaryFloatingPoint>(_ value: T) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(Double(value))"
    }
}
