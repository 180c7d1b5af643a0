/// An operand that needs no closure of its own: a local of the running function, a global or
/// a number written in the code. Operators and `if` branches read it in place, which saves an
/// indirect call (two, with the context thunk) per operand; anything else is compiled code.
enum Leaf {
    case local(Int)
    /// A global; `undefined` is its ordinary compiled read, run only when the variable is
    /// unassigned, for the error it raises.
    case global(GlobalCell, undefined: Code)
    case constant(Value)
    case code(Code)

    /// The leaf as compiled code.
    var code: Code {
        if case .code(let code) = self { return code }
        let leaf = self
        return { frame throws(Unwind) in try leaf.run(frame) }
    }

    @inline(__always)
    func run(_ frame: Frame) throws(Unwind) -> Value {
        switch self {
        case .local(let slot): return frame.slots[slot]
        case .global(let cell, let undefined):
            if let value = cell.value { return value }
            return try undefined(frame)
        case .constant(let value): return value
        case .code(let code): return try code(frame)
        }
    }
}

extension Compiler {
    /// `expr` as a `Leaf`: compiled code unless it is a name or a number.
    func leaf(_ expr: Expr) -> Leaf {
        switch expr.kind {
        case .number(let x): return .constant(.number(x))
        case .name(let name):
            switch resolve(name) {
            case .local(0, let slot): return .local(slot)
            case .global(let cell): return .global(cell, undefined: compileRead(name, expr.span))
            default: return .code(compile(expr))
            }
        default: return .code(compile(expr))
        }
    }

    /// A block as a `Leaf` when it is a single name or number (`if n < 2 { n }`).
    func leaf(_ block: [Expr]) -> Leaf {
        if block.count == 1 { return leaf(block[0]) }
        return .code(compileSequence(block))
    }
}

/// Whole numbers as Ints without `Int(exactly:)`, which calls `trunc` in libm on the baseline
/// x86-64 target: two conversions and a comparison instead.
extension Double {
    /// `Int(exactly: self)` for |self| < 2^53, and nil for everything else (the callers fall
    /// back to their general path, which gives the same answer for those).
    @inline(__always)
    var smallWholeNumber: Int? {
        guard abs(self) < 9_007_199_254_740_992 else { return nil }
        let n = Int(self)
        return Double(n) == self ? n : nil
    }
}
