extension NumPyRandomState {
    /// An integer in `0..<high`, as NumPy's legacy `RandomState.randint(0, high)` draws it for a
    /// 64-bit result whose range fits in 32 bits: 32-bit outputs masked to the smallest all-ones
    /// mask covering `high − 1` and redrawn while above it. scikit-learn seeds its trees and
    /// draws a forest's bootstrap rows this way, so nv can replay them exactly.
    /// - Precondition: `high` is 1 ... 2³².
    public mutating func randint(below high: UInt64) -> UInt64 {
        precondition(high >= 1 && high <= 1 << 32, "randint: high must be 1 ... 2^32")
        let range = UInt32(high - 1)
        if range == 0 { return 0 }
        var mask = range
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16
        while true {
            let value = nextUInt32() & mask
            if value <= range { return UInt64(value) }
        }
    }
}
