extension Compiler {
    /// `xs[k]` where `xs` is a variable and `k` only reads and computes: the list is read in
    /// place, borrowed (see Borrowing.swift) instead of copied out of the variable, which would
    /// retain and release it. `k` runs first; as it cannot assign, `xs` still holds the list
    /// it held before, as when the list is read first. nil when the shape does not fit.
    func compileBorrowedIndex(_ object: Expr, _ index: Expr, _ span: SourceSpan) -> Code? {
        guard case .name(let name) = object.kind, Compiler.onlyReads(index) else { return nil }
        let indexCode = compile(index), source = self.source
        switch resolve(name) {
        case .local(0, let slot):
            return { frame throws(Unwind) in
                let key = try indexCode(frame)
                if let list = (frame.slots + slot).unretainedList, let element = list.borrow({ $0.fastElement(key) }) {
                    return element
                }
                return try Indexing.element(frame.slots[slot], key, span, source)
            }
        case .global(let cell):
            let globals = self.globals, nameSpan = object.span
            return { frame throws(Unwind) in
                // An undefined list is reported before anything the index says, as before.
                guard cell.value != nil else {
                    throw .error("undefined variable '\(name)'\(globals.suggestion(for: name))", nameSpan, source)
                }
                let key = try indexCode(frame)
                if let list = cell.unretainedList, let element = list.borrow({ $0.fastElement(key) }) {
                    return element
                }
                guard let container = cell.value else {
                    throw .error("undefined variable '\(name)'\(globals.suggestion(for: name))", nameSpan, source)
                }
                return try Indexing.element(container, key, span, source)
            }
        default:
            return nil
        }
    }

    /// True when evaluating `expr` runs no user code and assigns nothing: constants, names,
    /// arithmetic, comparisons and indexing of such. (Shallow expressions only: the check
    /// gives up past a small depth rather than recurse on a deeply nested one.)
    static func onlyReads(_ expr: Expr, depth: Int = 0) -> Bool {
        guard depth < 8 else { return false }
        switch expr.kind {
        case .number, .string, .bool, .null, .name: return true
        case .negate(let a): return onlyReads(a, depth: depth + 1)
        case .binary(_, let a, let b), .index(let a, let b):
            return onlyReads(a, depth: depth + 1) && onlyReads(b, depth: depth + 1)
        case .chain(let first, let links):
            return links.count <= 8 && onlyReads(first, depth: depth + 1)
                && links.allSatisfy { onlyReads($0.operand, depth: depth + 1) }
        default: return false
        }
    }
}
