/// The sites of `xs[k]` and `xs[j][k]` (see Sites.swift for what a site is).

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

extension Compiler {
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
}
