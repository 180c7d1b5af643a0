/// PNG row filters (PNG spec section 9): each row is stored as the difference from a prediction
/// made from the pixel to the left (`a`), above (`b`) and above-left (`c`), which turns flat areas
/// and gradients into runs of zeros that deflate compresses well.
public enum PNGFilter: UInt8, CaseIterable, Sendable {
    /// Raw bytes.
    case none = 0
    /// Difference from the pixel to the left.
    case sub = 1
    /// Difference from the pixel above.
    case up = 2
    /// Difference from the mean of left and above.
    case average = 3
    /// Difference from the Paeth predictor (whichever of left, above, above-left is nearest
    /// to left + above - above-left).
    case paeth = 4

    /// The Paeth predictor of PNG spec 9.4.
    @inline(__always)
    static func paethPredictor(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Writes this filter applied to `row` into `out` (both `count` bytes; `previous` is the row
    /// above, all zeros for the first row; `bpp` bytes per pixel). Returns the sum of the output
    /// bytes read as signed magnitudes, the "minimum sum of absolute differences" heuristic.
    @inline(__always)
    func apply(row: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>, count: Int, bpp: Int,
               into out: UnsafeMutablePointer<UInt8>) -> Int {
        var sum = 0
        @inline(__always) func put(_ i: Int, _ v: UInt8) {
            out[i] = v
            sum &+= Int(Int8(bitPattern: v).magnitude)
        }
        switch self {
        case .none:
            for i in 0..<count { put(i, row[i]) }
        case .sub:
            for i in 0..<min(bpp, count) { put(i, row[i]) }
            for i in stride(from: bpp, to: count, by: 1) { put(i, row[i] &- row[i - bpp]) }
        case .up:
            for i in 0..<count { put(i, row[i] &- previous[i]) }
        case .average:
            for i in 0..<min(bpp, count) { put(i, row[i] &- previous[i] / 2) }
            for i in stride(from: bpp, to: count, by: 1) {
                put(i, row[i] &- UInt8((Int(row[i - bpp]) + Int(previous[i])) / 2))
            }
        case .paeth:
            for i in 0..<min(bpp, count) { put(i, row[i] &- previous[i]) }
            for i in stride(from: bpp, to: count, by: 1) {
                put(i, row[i] &- PNGFilter.paethPredictor(row[i - bpp], previous[i], previous[i - bpp]))
            }
        }
        return sum
    }

    /// Reverses this filter in place on `row` (`count` bytes), given the already reconstructed
    /// row above.
    @inline(__always)
    func undo(row: UnsafeMutablePointer<UInt8>, previous: UnsafePointer<UInt8>, count: Int, bpp: Int) {
        switch self {
        case .none:
            break
        case .sub:
            for i in stride(from: bpp, to: count, by: 1) { row[i] &+= row[i - bpp] }
        case .up:
            for i in 0..<count { row[i] &+= previous[i] }
        case .average:
            for i in 0..<count {
                let left = i >= bpp ? Int(row[i - bpp]) : 0
                row[i] &+= UInt8((left + Int(previous[i])) / 2)
            }
        case .paeth:
            for i in 0..<count {
                let left = i >= bpp ? row[i - bpp] : 0
                let upperLeft = i >= bpp ? previous[i - bpp] : 0
                row[i] &+= PNGFilter.paethPredictor(left, previous[i], upperLeft)
            }
        }
    }
}
