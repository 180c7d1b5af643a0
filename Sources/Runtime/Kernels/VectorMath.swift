/// Lane-by-lane functions the standard library has only for scalars.
enum VectorMath {
    /// eˣ in each of 16 lanes, after Cephes' `expf`: x = n·ln 2 + r with n an integer and
    /// |r| ≤ ln 2 / 2, eʳ from a degree-5 polynomial, 2ⁿ written straight into the exponent
    /// bits. Relative error about 2e-7 (two units in the last place) for x in [−87, 88]; lanes
    /// below −87.3 give about 1e-38 rather than 0 (callers that mask lanes zero them). Only vector
    /// adds, multiplies and integer shifts, so the 16 lanes stay in two 8-lane registers.
    @inline(__always)
    static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let clamped = x.clamped(lowerBound: SIMD16(repeating: -87.3), upperBound: SIMD16(repeating: 88))
        // Adding 1.5·2²³ rounds to the nearest integer and leaves that integer in the low bits.
        let magic = SIMD16<Float>(repeating: 12_582_912)
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p = SIMD16<Float>(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * r * r + r + 1
        let integer = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: SIMD16<Float>.self)
        return y * scale
    }
}
