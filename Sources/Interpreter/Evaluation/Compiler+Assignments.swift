extension Compiler {
    /// target = value, for a name, a member (`a.b = v`) or an index (`a[i] = v`, also
    /// `t[i][j] = v` on a tensor, which writes into the tensor in place).
    func compileAssignment(_ target: Expr, _ value: Expr) -> Code {
        let source = self.source
        if let site = assignSite(target, value) { return { frame throws(Unwind) in try site.run(frame) } }
        if case .name(let name) = target.kind {
            // The value is a leaf: computed in place when it is one of their shapes.
            let value = leaf(value)
            switch resolve(name) {
            case .local(0, let slot):
                return { frame throws(Unwind) in frame.slots[slot] = try value.run(frame); return .null }
            case .global(let cell):
                return { frame throws(Unwind) in cell.value = try value.run(frame); return .null }
            default:
                let store = compileWrite(name)
                return { frame throws(Unwind) in store(frame, try value.run(frame)); return .null }
            }
        }
        let valueCode = compile(value)
        switch target.kind {
        case .member(let object, let name, let nameSpan):
            let objectCode = compile(object)
            return { frame throws(Unwind) in
                let container = try objectCode(frame)
                try Indexing.setMember(container, name, try valueCode(frame), nameSpan, source)
                return .null
            }
        case .index:
            return compileIndexAssignment(target, valueCode, combining: nil)
        default:
            return { _ throws(Unwind) in .null }
        }
    }

    /// `target op= value` on a member or an index: the object (and the index) are evaluated
    /// once, so `a[f()] += 1` calls `f` once.
    func compileCompoundAssignment(_ op: BinaryOperator, _ target: Expr, _ value: Expr) -> Code {
        let source = self.source, span = target.span
        switch target.kind {
        case .member(let object, let name, let nameSpan):
            let objectCode = compile(object), valueCode = compile(value)
            return { frame throws(Unwind) in
                let container = try objectCode(frame)
                let current = try Indexing.member(container, name, nameSpan, source)
                let result = try Operators.arithmetic(op, current, try valueCode(frame), span, source)
                try Indexing.setMember(container, name, result, nameSpan, source)
                return .null
            }
        case .index:
            return compileIndexAssignment(target, compile(value), combining: op)
        default:
            return compileAssignment(target, Expr(kind: .binary(op, target, value), span: span))
        }
    }

    /// `a[i] = v`, `a[i][j] = v` (into a tensor in place when the chain reaches one), and with
    /// `combining` set, `a[i] op= v`: the base and every index are evaluated once.
    func compileIndexAssignment(_ target: Expr, _ valueCode: @escaping Code, combining op: BinaryOperator?) -> Code {
        let source = self.source
        var indexExprs: [Expr] = []
        var base = target
        while case .index(let object, let index) = base.kind {
            indexExprs.append(index)
            base = object
        }
        indexExprs.reverse()
        let baseCode = compile(base)
        let indexCodes = indexExprs.map { Compiled(run: compile($0)) }
        let indexSpans = indexExprs.map(\.span)
        let span = target.span
        return { frame throws(Unwind) in
            var container = try baseCode(frame)
            var keys: [Value] = []
            keys.reserveCapacity(indexCodes.count)
            for code in indexCodes { keys.append(try code.run(frame)) }
            var newValue: Value
            if let op {
                var current = container
                for position in keys.indices {
                    current = try Indexing.element(current, keys[position], position == keys.count - 1 ? span : indexSpans[position], source)
                }
                newValue = try Operators.arithmetic(op, current, try valueCode(frame), span, source)
            } else {
                newValue = try valueCode(frame)
            }
            if case .tensor(let tensor) = container {
                try Indexing.setTensorElement(tensor, keys, newValue, span, source)
                return .null
            }
            for position in 0..<(keys.count - 1) {
                container = try Indexing.element(container, keys[position], indexSpans[position], source)
                if case .tensor(let tensor) = container {
                    try Indexing.setTensorElement(tensor, Array(keys[(position + 1)...]), newValue, span, source)
                    return .null
                }
            }
            try Indexing.setElement(container, keys[keys.count - 1], newValue, span, source)
            return .null
        }
    }
}
