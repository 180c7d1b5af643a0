/// A least-significant-digit radix sort of 64-bit keys on their high half, 8 bits a pass:
/// stable, no comparisons, and only as many passes as the keys have bits in use. The low half
/// carries a payload (a row index).
enum RadixSort {
    /// Sorts `keys[0 ..< count]` by bits `32 ..< 32 + bits` (the bits above must be zero),
    /// using `scratch` (at least `count` long).
    static func sortByHigh(_ keys: inout [UInt64], scratch: inout [UInt64], count: Int, bits: Int) {
        keys.withUnsafeMutableBufferPointer { k in
            scratch.withUnsafeMutableBufferPointer { s in
                sortByHigh(k.baseAddress!, scratch: s.baseAddress!, count: count, bits: bits)
            }
        }
    }

    /// The same on raw buffers; the sorted keys end in `keys`.
    static func sortByHigh(_ keys: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>, count: Int, bits: Int) {
        var from = keys, to = scratch
        var shift = 32
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { c in
            while shift < 32 + bits {
                for d in 0..<256 { c[d] = 0 }
                for p in 0..<count { c[Int((from[p] >> UInt64(shift)) & 0xFF)] += 1 }
                var total = 0
                for d in 0..<256 {
                    let n = c[d]
                    c[d] = total
                    total += n
                }
                for p in 0..<count {
                    let d = Int((from[p] >> UInt64(shift)) & 0xFF)
                    to[c[d]] = from[p]
                    c[d] += 1
                }
                swap(&from, &to)
                shift += 8
            }
        }
        if from != keys { keys.update(from: from, count: count) }
    }
}
