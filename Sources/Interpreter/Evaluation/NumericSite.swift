/// An arithmetic expression that only reads (`s + xs[i % 10] * 2 - i % 7`), computed on Doubles
/// first by its `NumericProgram`: no 17-byte `Value` is copied, checked and destroyed per
/// operation. When a part is anything but the plain case (not a number, an index outside the
/// list or from its end, a division by zero, an undefined variable), the whole expression runs
/// again as its `Leaf`, which gives the value or the error it always gave: its parts only read
/// variables and lists, so running them twice changes nothing.
final class NumericSite {
    let leaf: Leaf
    let program: NumericProgram

    init?(_ leaf: Leaf) {
        guard let program = NumericProgram(leaf) else { return nil }
        self.leaf = leaf
        self.program = program
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        if let x = program.evaluate(frame) { return .number(x) }
        return try leaf.run(frame)
    }
}

extension Leaf {
    /// True when a `NumericProgram` can compute the leaf: it is a read, a number or an
    /// operation of the numeric kinds on such leaves, so running it has no effect but its value
    /// or its error.
    var isNumeric: Bool {
        switch self {
        case .local, .global, .offset: return true
        case .constant(let value): if case .number = value { return true } else { return false }
        case .remainder(let site): return site.base.isNumeric
        case .index(let site): return site.key.isNumeric
        case .nestedIndex(let site): return site.row.key.isNumeric && site.key.isNumeric
        case .add(let site), .subtract(let site), .multiply(let site): return site.l.isNumeric && site.r.isNumeric
        case .binary(let site):
            return (site.op == .divide || site.op == .remainder) && site.l.isNumeric && site.r.isNumeric
        case .numeric: return true
        default: return false
        }
    }
}

extension ListValue {
    /// The number at `i` (0 <= i), read in place; nil when `i` is past the end or the element
    /// is not a number.
    @inline(__always)
    func number(at i: Int) -> Double? {
        guard i < elements.count else { return nil }
        return elements.withUnsafeBufferPointer { buffer in
            if case .number(let x) = buffer[i] { return x }
            return nil
        }
    }
}

extension RemainderSite {
    /// `x % divisor` as `run` computes it for a number `x`.
    @inline(__always)
    func number(_ x: Double) -> Double {
        if wholeDivisor > 0, let n = x.wholeIndex {
            if inverse != 0, n <= Int(UInt32.max) {
                let fraction = inverse &* UInt64(n)
                return Double(fraction.multipliedFullWidth(by: UInt64(wholeDivisor)).high)
            }
            return Double(n % wholeDivisor)
        }
        return Operators.remainder(x, divisor)
    }
}

extension Leaf {
    /// The leaf without its `NumericSite`: the parts of a numeric expression are computed by
    /// the outermost site alone.
    var plain: Leaf {
        if case .numeric(let site) = self { return site.leaf }
        return self
    }
}
