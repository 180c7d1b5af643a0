/// An operand that needs no closure of its own: a local of the running function, a global or
/// a number written in the code. Operators and `if` branches read it in place, which saves an
/// indirect call (two, with the context thunk) per operand. The hot shapes of a few more kinds
/// (`n - 1`, `i % 7`, `xs[k]`, `f(x)` of a global `f`, see Sites.swift) are a direct call of
/// their site's `run`; anything else is compiled code.
enum Leaf {
    case local(Int)
    /// A global; `undefined` is its ordinary compiled read, run only when the variable is
    /// unassigned, for the error it raises.
    case global(GlobalCell, undefined: Code)
    case constant(Value)
    case offset(OffsetSite)
    case remainder(RemainderSite)
    case index(IndexSite)
    case nestedIndex(NestedIndexSite)
    case call(CallSite)
    /// `+ - *`, each its own case so that the operator is not looked at again.
    case add(BinarySite)
    case subtract(BinarySite)
    case multiply(BinarySite)
    /// The other operators.
    case binary(BinarySite)
    case branch(BranchSite)
    case assign(AssignSite)
    case sequence(SequenceSite)
    /// Arithmetic that only reads, computed on Doubles first (see NumericSite.swift).
    case numeric(NumericSite)
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
            // A number is read without the outlined copy of a whole value.
            if let x = cell.number { return .number(x) }
            if let value = cell.value { return value }
            return try undefined(frame)
        case .constant(let value): return value
        case .offset(let site): return try site.run(frame)
        case .remainder(let site): return try site.run(frame)
        case .index(let site): return try site.run(frame)
        case .nestedIndex(let site): return try site.run(frame)
        case .call(let site): return try site.run(frame)
        case .add(let site): return try site.add(frame)
        case .subtract(let site): return try site.subtract(frame)
        case .multiply(let site): return try site.multiply(frame)
        case .binary(let site): return try site.run(frame)
        case .branch(let site): return try site.run(frame)
        case .assign(let site): return try site.run(frame)
        case .sequence(let site): return try site.run(frame)
        case .numeric(let site): return try site.run(frame)
        case .code(let code): return try code(frame)
        }
    }
}

extension Compiler {
    /// `expr` as a `Leaf`: compiled code unless it is a name, a number or one of the shapes
    /// that have a site.
    func leaf(_ expr: Expr) -> Leaf {
        switch expr.kind {
        case .number(let x): return .constant(.number(x))
        case .name(let name):
            switch resolve(name) {
            case .local(0, let slot): return .local(slot)
            case .global(let cell): return .global(cell, undefined: compileRead(name, expr.span))
            default: return .code(compile(expr))
            }
        case .binary(let op, let left, let right):
            if let site = arithmeticSite(op, left, right, expr.span) { return site }
            guard !Operators.isComparison(op) else { break }
            // Any other arithmetic: its operands are leaves too (`s + xs[i] * 2`).
            return numeric(BinarySite(op, leaf(left).plain, leaf(right).plain, expr.span, source).leaf)
        case .chain(let first, let links) where Compiler.isShortArithmetic(links):
            // As `compileChain` nests it: left to right.
            var value = leaf(first).plain
            for link in links {
                guard case .binary(let op) = link.op else { break }
                value = BinarySite(op, value, leaf(link.operand).plain, link.span, source).leaf
            }
            return numeric(value)
        case .index(let object, let index):
            if let site = indexSite(object, index, expr.span) { return .index(site) }
            if let site = nestedIndexSite(object, index, expr.span) { return .nestedIndex(site) }
        case .call(let callee, let arguments):
            if let site = callSite(callee, arguments, expr.span) { return .call(site) }
        case .assign(let target, let value):
            if let site = assignSite(target, value) { return .assign(site) }
        default: break
        }
        return .code(compile(expr))
    }

    /// An arithmetic leaf as a `NumericSite` when all of it is numeric (`Leaf.isNumeric`).
    func numeric(_ leaf: Leaf) -> Leaf {
        guard leaf.isNumeric, let site = NumericSite(leaf) else { return leaf }
        return .numeric(site)
    }

    /// A block as a `Leaf` when it is a single name or number (`if n < 2 { n }`).
    func leaf(_ block: [Expr]) -> Leaf {
        if block.count == 1 { return leaf(block[0]) }
        if block.count >= 2 { return SequenceSite.leaf(block.map { leaf($0) }[...]) }
        return .code(compileSequence(block))
    }

    /// A function's body as a `Leaf`: the call runs it in place when it is one `if` of the
    /// shape `BranchSite` takes (fib's), or another leaf.
    func functionBody(_ block: [Expr]) -> Leaf {
        if block.count == 1, case .ifElse(let condition, let then, let otherwise) = block[0].kind,
           let site = branchSite(condition, then, otherwise) {
            return .branch(site)
        }
        return leaf(block)
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

/// The operands and error context of one arithmetic operation, in one object: the closure
/// compiled for the operation captures only it, so the closure is called without a thunk
/// that copies each captured value into an argument (a dozen of them, for a call site).
final class BinarySite {
    let op: BinaryOperator
    let l: Leaf
    let r: Leaf
    let span: SourceSpan
    let source: SourceText
    /// `r`'s number when it is one written in the code (`x * 2`), read without a switch.
    let constant: Double

    init(_ op: BinaryOperator, _ l: Leaf, _ r: Leaf, _ span: SourceSpan, _ source: SourceText, constant: Double = 0) {
        self.op = op
        self.l = l
        self.r = r
        self.span = span
        self.source = source
        self.constant = constant
    }

    /// Everything but two numbers (and the errors), as `Operators.arithmetic` does it.
    func slow(_ a: Value, _ b: Value) throws(Unwind) -> Value {
        try Operators.arithmetic(op, a, b, span, source)
    }

    /// The site as a leaf, of its operator's case.
    var leaf: Leaf {
        switch op {
        case .add: return .add(self)
        case .subtract: return .subtract(self)
        case .multiply: return .multiply(self)
        default: return .binary(self)
        }
    }

    func add(_ frame: Frame) throws(Unwind) -> Value {
        let a = try l.run(frame), b = try r.run(frame)
        if case .number(let x) = a, case .number(let y) = b { return .number(x + y) }
        return try slow(a, b)
    }

    func subtract(_ frame: Frame) throws(Unwind) -> Value {
        let a = try l.run(frame), b = try r.run(frame)
        if case .number(let x) = a, case .number(let y) = b { return .number(x - y) }
        return try slow(a, b)
    }

    func multiply(_ frame: Frame) throws(Unwind) -> Value {
        let a = try l.run(frame), b = try r.run(frame)
        if case .number(let x) = a, case .number(let y) = b { return .number(x * y) }
        return try slow(a, b)
    }

    /// `l op r` as a leaf (see `Compiler.binaryCode`, which does the same per operator).
    func run(_ frame: Frame) throws(Unwind) -> Value {
        let a = try l.run(frame), b = try r.run(frame)
        if case .number(let x) = a, case .number(let y) = b {
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide where y != 0: return .number(x / y)
            case .remainder where y != 0: return .number(Operators.remainder(x, y))
            default: break
            }
        }
        return try slow(a, b)
    }
}

/// `if local < number { ... } else { ... }` (or `>`), in one object for the same reason as
/// `BinarySite`: fib's base-case test runs once per call.
final class BranchSite {
    let slot: Int
    let op: BinaryOperator
    let constant: Double
    let then: Leaf
    let otherwise: Leaf
    let span: SourceSpan
    let source: SourceText

    init(slot: Int, op: BinaryOperator, constant: Double, then: Leaf, otherwise: Leaf, span: SourceSpan,
         source: SourceText) {
        self.slot = slot
        self.op = op
        self.constant = constant
        self.then = then
        self.otherwise = otherwise
        self.span = span
        self.source = source
    }

    /// The test when the local is not a number (an error, or a comparison of other kinds).
    func compare(_ frame: Frame) throws(Unwind) -> Bool {
        try Operators.compare(op, frame.slots[slot], .number(constant), span, source)
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        let truth: Bool
        if case .number(let x) = frame.slots[slot] {
            truth = op == .less ? x < constant : x > constant
        } else {
            truth = try compare(frame)
        }
        return truth ? try then.run(frame) : try otherwise.run(frame)
    }
}
