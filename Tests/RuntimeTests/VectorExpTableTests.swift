import Foundation
import Testing
@testable import Runtime

/// `VectorExp`'s table is what its comment says: H_i, the Double nearest 2^(i/128), and the
/// correction tail_i ≈ (2^(i/128) − H_i) / H_i. Recomputed here with x86's 64-bit-mantissa
/// Float80, which settles H_i (unless 2^(i/128) lay within 2^−63 of a rounding tie) and the
/// leading bits of tail_i; that the last bits are right is shown by `VectorExpTests`, which
/// compares every lane with `exp`.
struct VectorExpTableTests {
    #if arch(x86_64) && os(Linux)
    @Test func entriesArePowersOfTwoOverOneHundredTwentyEight() {
        #expect(expTable.count == 256)
        for i in 0..<128 {
            let exact = Foundation.exp2(Float80(i) / 128)   // 2^(i/128) to 64 bits
            let h = Double(bitPattern: expTable[2 * i + 1] &+ (UInt64(i) << 45))
            let tail = Double(bitPattern: expTable[2 * i])
            #expect(h == Double(exact), "H_\(i)")
            let correction = (exact - Float80(h)) / Float80(h)
            #expect(abs(correction - Float80(tail)) <= 0x1p-62, "tail_\(i)")
            #expect(abs(tail) <= 0x1p-53, "tail_\(i) is below half an ulp of H_\(i)")
        }
    }
    #endif
}
