extension Compiler {
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
