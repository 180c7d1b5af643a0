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
        } else if case .number = frame.slots[slot] {
            // A number owns nothing: stored over without the outlined destroy of the old value.
            (frame.slots + slot).initialize(to: value)
        } else {
            frame.slots[slot] = value
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
        if wholeDivisor > 0, let n = x.wholeIndex {
            if inverse != 0, n <= Int(UInt32.max) {
                let fraction = inverse &* UInt64(n)
                return .number(Double(fraction.multipliedFullWidth(by: UInt64(wholeDivisor)).high))
            }
            return .number(Double(n % wholeDivisor))
        }
        return .number(Operators.remainder(x, divisor))
    }
}

/// `xs[k]` where `xs` is a local or a global and `k` only reads (`Compiler.onlyReads`): `k` runs
/// first, and as it cannot assign, `xs` still holds the list it held before, which is read in
/// place, borrowed (see Borrowing.swift) instead of copied out of the variable.
final class IndexSite {
    /// The variable: `.local` or `.global`.
    let container: Leaf
    let key: Leaf
    let name: String
    let nameSpan: SourceSpan
    let span: SourceSpan
    let globals: Globals
    let source: SourceText

    init(container: Leaf, key: Leaf, name: String, nameSpan: SourceSpan, span: SourceSpan, globals: Globals,
         source: SourceText) {
        self.container = container
        self.key = key
        self.name = name
        self.nameSpan = nameSpan
        self.span = span
        self.globals = globals
        self.source = source
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        switch container {
        case .local(let slot):
            let key = try self.key.run(frame)
            if let list = (frame.slots + slot).unretainedList, let element = list.borrow({ $0.fastElement(key) }) {
                return element
            }
            return try Indexing.element(frame.slots[slot], key, span, source)
        case .global(let cell, _):
            // An undefined list is reported before anything the index says, as before.
            guard cell.value != nil else { throw undefined() }
            let key = try self.key.run(frame)
            if let list = cell.unretainedList, let element = list.borrow({ $0.fastElement(key) }) {
                return element
            }
            guard let container = cell.value else { throw undefined() }
            return try Indexing.element(container, key, span, source)
        default:
            preconditionFailure("an index site reads a local or a global")
        }
    }

    private func undefined() -> Unwind {
        .error("undefined variable '\(name)'\(globals.suggestion(for: name))", nameSpan, source)
    }

    /// The list the variable holds, unretained; nil when it holds something else.
    @inline(__always)
    func unretainedList(_ frame: Frame) -> Unmanaged<ListValue>? {
        switch container {
        case .local(let slot): return (frame.slots + slot).unretainedList
        case .global(let cell, _): return cell.unretainedList
        default: return nil
        }
    }
}

/// `xs[j][k]` (a row of a list of lists) where `xs[j]` has an `IndexSite` and `k` only reads:
/// the row is borrowed from the list that holds it, not copied out (a retain and a release).
/// As `k` cannot assign, the row stays in place while `k` runs.
final class NestedIndexSite {
    let row: IndexSite
    let key: Leaf
    let span: SourceSpan
    let source: SourceText

    init(row: IndexSite, key: Leaf, span: SourceSpan, source: SourceText) {
        self.row = row
        self.key = key
        self.span = span
        self.source = source
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        // A variable that holds a list is defined, so the general path's first check passes.
        if let outer = row.unretainedList(frame) {
            let j = try row.key.run(frame)
            if let inner = outer.borrow({ $0.unretainedList(at: j) }) {
                let k = try key.run(frame)
                if let element = inner.borrow({ $0.fastElement(k) }) { return element }
                return try Indexing.element(.list(inner.takeUnretainedValue()), k, span, source)
            }
        }
        // Anything else as the general path does it (`xs[j]` evaluated again: it only reads).
        let container = try row.run(frame)
        let k = try key.run(frame)
        if case .list(let list) = container, let element = list.fastElement(k) { return element }
        return try Indexing.element(container, k, span, source)
    }
}

/// `f()`, `f(a)` or `f(a, b)` without labels, `f` a global: the function is borrowed from the
/// variable for the call (see Borrowing.swift) and its frame filled in place.
final class CallSite {
    let cell: GlobalCell
    let name: String
    let count: Int
    let first: Leaf
    let second: Leaf
    let labels: [String?]
    let argumentSpans: [SourceSpan]
    let calleeSpan: SourceSpan
    let span: SourceSpan
    let machine: Machine
    let globals: Globals
    let source: SourceText

    init(cell: GlobalCell, name: String, arguments: [Leaf], argumentSpans: [SourceSpan], calleeSpan: SourceSpan,
         span: SourceSpan, machine: Machine, globals: Globals, source: SourceText) {
        self.cell = cell
        self.name = name
        self.count = arguments.count
        self.first = arguments.count > 0 ? arguments[0] : .constant(.null)
        self.second = arguments.count > 1 ? arguments[1] : .constant(.null)
        self.labels = arguments.map { _ in nil }
        self.argumentSpans = argumentSpans
        self.calleeSpan = calleeSpan
        self.span = span
        self.machine = machine
        self.globals = globals
        self.source = source
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        guard let borrowed = cell.unretainedFunction, borrowed.borrow({ $0.arity }) == count else {
            guard let function = cell.value else {
                throw .error("undefined variable '\(name)'\(globals.suggestion(for: name))", calleeSpan, source)
            }
            var values: [Value] = []
            if count > 0 { values.append(try first.run(frame)) }
            if count > 1 { values.append(try second.run(frame)) }
            return try Calls.call(function, values, labels, argumentSpans, machine, span, source)
        }
        return try borrowed.borrow { (user: UserFunction) throws(Unwind) -> Value in
            // Borrowed from the global without a retain, from before the arguments run
            // (they may reassign it) to the end of the call (see Borrowing.swift).
            user.borrowedCalls &+= 1
            defer { user.endBorrowedCall() }
            let callee = user.makeFrame()
            let slots = callee.slots
            if count > 0 {
                // The slots hold nil, which owns nothing, so initializing over them leaks nothing.
                do throws(Unwind) {
                    slots.initialize(to: try first.run(frame))
                    if count > 1 { (slots + 1).initialize(to: try second.run(frame)) }
                } catch {
                    user.recycle(callee)
                    throw error
                }
            }
            return try Calls.invoke(user, callee, machine, span, source)
        }
    }
}

extension Compiler {
    /// The site of `name = value` when `name` is a local of the running function or a global.
    func assignSite(_ target: Expr, _ value: Expr) -> AssignSite? {
        guard case .name(let name) = target.kind else { return nil }
        switch resolve(name) {
        case .local(0, let slot): return AssignSite(slot: slot, cell: nil, value: leaf(value))
        case .global(let cell): return AssignSite(slot: 0, cell: cell, value: leaf(value))
        default: return nil
        }
    }

    /// The site of `xs[j][k]` when `xs[j]` has an index site and `k` only reads.
    func nestedIndexSite(_ object: Expr, _ index: Expr, _ span: SourceSpan) -> NestedIndexSite? {
        guard case .index(let rows, let j) = object.kind, Compiler.onlyReads(index),
              let row = indexSite(rows, j, object.span) else { return nil }
        return NestedIndexSite(row: row, key: leaf(index), span: span, source: source)
    }

    /// The site of `xs[k]` when `xs` is a local or a global and `k` only reads.
    func indexSite(_ object: Expr, _ index: Expr, _ span: SourceSpan) -> IndexSite? {
        guard case .name(let name) = object.kind, Compiler.onlyReads(index) else { return nil }
        let container: Leaf
        switch resolve(name) {
        case .local(0, let slot): container = .local(slot)
        case .global(let cell): container = .global(cell, undefined: compileRead(name, object.span))
        default: return nil
        }
        return IndexSite(container: container, key: leaf(index), name: name, nameSpan: object.span, span: span,
                         globals: globals, source: source)
    }

    /// The site of a call of a global with at most two arguments, none labelled.
    func callSite(_ callee: Expr, _ arguments: [Argument], _ span: SourceSpan) -> CallSite? {
        guard case .name(let name) = callee.kind, arguments.count <= 2, arguments.allSatisfy({ $0.label == nil }),
              case .global(let cell) = resolve(name) else { return nil }
        return CallSite(cell: cell, name: name, arguments: arguments.map { leaf($0.value) },
                        argumentSpans: arguments.map(\.value.span), calleeSpan: callee.span, span: span,
                        machine: machine, globals: globals, source: source)
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
