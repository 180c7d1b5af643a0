/// The sites of the hot expression shapes that are `Leaf`s (see Leaf.swift): each holds what
/// its evaluation needs in one object, and the code that uses it calls its `run` directly, where
/// a compiled closure would cost an indirect call and a thunk that unpacks the captured values.
/// Each `run` does exactly what the general compiled code for the same expression does: the
/// same order of evaluation, the same values, the same errors at the same places.

/// `local + number` or `local - number` (`n - 1`).
final class OffsetSite {
    let slot: Int
    let op: BinaryOperator
    let constant: Double
    /// `constant` or `-constant`: `x - c` and `x + (-c)` are the same IEEE operation.
    let delta: Double
    let span: SourceSpan
    let source: SourceText

    init(slot: Int, op: BinaryOperator, constant: Double, span: SourceSpan, source: SourceText) {
        self.slot = slot
        self.op = op
        self.constant = constant
        self.delta = op == .add ? constant : -constant
        self.span = span
        self.source = source
    }

    @inline(__always)
    func run(_ frame: Frame) throws(Unwind) -> Value {
        if case .number(let x) = frame.slots[slot] { return .number(x + delta) }
        return try Operators.arithmetic(op, frame.slots[slot], .number(constant), span, source)
    }
}

/// Two parts of a block of statements, run in order; the block's value is the second's. A
/// block of n statements is a balanced tree of these (depth log2 n), whose parts are fields
/// read in place: iterating an array of the statements retained and released each of them.
final class SequenceSite {
    let first: Leaf
    let second: Leaf

    init(first: Leaf, second: Leaf) {
        self.first = first
        self.second = second
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        _ = try first.run(frame)
        return try second.run(frame)
    }

    /// The statements of a block (at least one) as one leaf.
    static func leaf(_ statements: ArraySlice<Leaf>) -> Leaf {
        if statements.count == 1 { return statements[statements.startIndex] }
        let middle = statements.startIndex + statements.count / 2
        return .sequence(SequenceSite(first: leaf(statements[..<middle]), second: leaf(statements[middle...])))
    }
}

/// `name = value` where `name` is a local of the running function or a global.
final class AssignSite {
    let slot: Int
    /// The global; nil for a local.
    let cell: GlobalCell?
    let value: Leaf
    /// `value`'s program when it is numeric (`s = s + xs[i] * 2`): run here, one call instead
    /// of three, and stored as a number without building and switching on a `Value` first.
    let program: NumericProgram?

    init(slot: Int, cell: GlobalCell?, value: Leaf) {
        self.slot = slot
        self.cell = cell
        self.value = value
        if case .numeric(let site) = value { program = site.program } else { program = nil }
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        if let program, let x = program.evaluate(frame) {
            store(.number(x), frame)
        } else {
            store(try value.run(frame), frame)
        }
        return .null
    }

    @inline(__always)
    private func store(_ value: Value, _ frame: Frame) {
        if let cell {
            cell.value = value
        } else {
            (frame.slots + slot).store(value)
        }
    }
}

/// `variable % number` for a number other than 0 (`i % 7`).
final class RemainderSite {
    /// A local or a global.
    let base: Leaf
    let divisor: Double
    /// `divisor` as an Int when it is whole, positive and below 2^52; 0 otherwise.
    let wholeDivisor: Int
    /// For a whole divisor below 2^32, `UInt64.max / divisor + 1`: the remainder of a number
    /// below 2^32 is then two multiplications instead of a division (Lemire, Kaser and Kurz,
    /// "Faster remainder by direct computation", 2019; exact for all 32-bit operands).
    let inverse: UInt64
    let span: SourceSpan
    let source: SourceText

    init(_ base: Leaf, divisor: Double, span: SourceSpan, source: SourceText) {
        self.base = base
        self.divisor = divisor
        let whole = divisor > 0 ? divisor.wholeIndex ?? 0 : 0
        self.wholeDivisor = whole
        self.inverse = whole > 0 && whole <= Int(UInt32.max) ? UInt64.max / UInt64(whole) &+ 1 : 0
        self.span = span
        self.source = source
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        let a = try base.run(frame)
        guard case .number(let x) = a else { return try Operators.arithmetic(.remainder, a, .number(divisor), span, source) }
        return .number(number(x))
    }
}

extension Compiler {
    /// The site of `local + number` or `local - number` (`OffsetSite`), or of `variable % number`
    /// for a number other than 0, whose error the general code keeps (`RemainderSite`); nil for
    /// any other operation.
    func arithmeticSite(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ span: SourceSpan) -> Leaf? {
        guard case .number(let c) = right.kind else { return nil }
        if op == .add || op == .subtract, let slot = localSlot(left) {
            return .offset(OffsetSite(slot: slot, op: op, constant: c, span: span, source: source))
        }
        guard op == .remainder, c != 0, case .name = left.kind else { return nil }
        let base = leaf(left)
        switch base {
        case .local, .global: return .remainder(RemainderSite(base, divisor: c, span: span, source: source))
        default: return nil
        }
    }

    /// The site of `name = value` when `name` is a local of the running function or a global.
    func assignSite(_ target: Expr, _ value: Expr) -> AssignSite? {
        guard case .name(let name) = target.kind else { return nil }
        switch resolve(name) {
        case .local(0, let slot): return AssignSite(slot: slot, cell: nil, value: leaf(value))
        case .global(let cell): return AssignSite(slot: 0, cell: cell, value: leaf(value))
        default: return nil
        }
    }
}

extension Double {
    /// The number as an Int when it is whole and 0 <= self < 2^52 (not -0.0); nil otherwise.
    /// Without a conversion instruction: adding 2^52 puts a whole number in the low bits of
    /// the mantissa exactly, and rounds away any fraction.
    @inline(__always)
    var wholeIndex: Int? {
        // Below 2^52's bit pattern: from +0.0 up to 2^52, not negative (sign bit), not NaN.
        guard bitPattern < 0x4330_0000_0000_0000 else { return nil }
        let shifted = self + 0x1p52
        guard shifted - 0x1p52 == self else { return nil }
        return Int(truncatingIfNeeded: shifted.bitPattern & 0x000F_FFFF_FFFF_FFFF)
    }
}
