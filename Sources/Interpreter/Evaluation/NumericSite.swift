/// An arithmetic expression that only reads (`s + xs[i % 10] * 2 - i % 7`), computed on Doubles
/// first: its parts return plain numbers in registers, with no 17-byte `Value` copied, checked
/// and destroyed per operation. When a part is anything but the plain case (not a number, an
/// index outside the list or from its end, a division by zero, an undefined variable), the
/// whole expression runs again as its `Leaf`, which gives the value or the error it always
/// gave: its parts only read variables and lists, so running them twice changes nothing.
final class NumericSite {
    let leaf: Leaf

    init(_ leaf: Leaf) { self.leaf = leaf }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        if let x = leaf.number(frame) { return .number(x) }
        return try leaf.run(frame)
    }
}

extension Leaf {
    /// True when `number` can compute the leaf: it is a read, a number or an operation of the
    /// numeric kinds on such leaves, so running it has no effect but its value or its error.
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

    /// `number` with a name or a number read in place, without a call.
    @inline(__always)
    func operand(_ frame: Frame) -> Double? {
        switch self {
        case .local(let slot):
            if case .number(let x) = frame.slots[slot] { return x }
            return nil
        case .global(let cell, _):
            if case .number(let x)? = cell.value { return x }
            return nil
        case .constant(let value):
            if case .number(let x) = value { return x }
            return nil
        default: return number(frame)
        }
    }

    /// The leaf's value when it and all its parts are numbers taking the plain path; nil when
    /// `run` must compute it (only for leaves that are `isNumeric`).
    func number(_ frame: Frame) -> Double? {
        switch self {
        case .local(let slot):
            if case .number(let x) = frame.slots[slot] { return x }
            return nil
        case .global(let cell, _):
            if case .number(let x)? = cell.value { return x }
            return nil
        case .constant(let value):
            if case .number(let x) = value { return x }
            return nil
        case .offset(let site):
            if case .number(let x) = frame.slots[site.slot] { return x + site.delta }
            return nil
        case .remainder(let site):
            guard let x = site.base.operand(frame) else { return nil }
            return site.number(x)
        case .index(let site):
            guard let k = site.key.operand(frame), let i = k.wholeIndex,
                  let list = site.unretainedList(frame) else { return nil }
            return list.borrow { $0.number(at: i) }
        case .nestedIndex(let site):
            guard let j = site.row.key.operand(frame), let rowIndex = j.wholeIndex,
                  let outer = site.row.unretainedList(frame),
                  let inner = outer.borrow({ $0.unretainedList(at: .number(Double(rowIndex))) }),
                  let k = site.key.operand(frame), let i = k.wholeIndex else { return nil }
            return inner.borrow { $0.number(at: i) }
        case .add(let site):
            guard let x = site.l.operand(frame), let y = site.r.operand(frame) else { return nil }
            return x + y
        case .subtract(let site):
            guard let x = site.l.operand(frame), let y = site.r.operand(frame) else { return nil }
            return x - y
        case .multiply(let site):
            guard let x = site.l.operand(frame), let y = site.r.operand(frame) else { return nil }
            return x * y
        case .binary(let site):
            guard let x = site.l.operand(frame), let y = site.r.operand(frame), y != 0 else { return nil }
            switch site.op {
            case .divide: return x / y
            case .remainder: return Operators.remainder(x, y)
            default: return nil
            }
        case .numeric(let site): return site.leaf.number(frame)
        default: return nil
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
