extension Compiler {
    /// target = value, for a name, a member (`a.b = v`) or an index (`a[i] = v`, also
    /// `t[i][j] = v` on a tensor, which writes into the tensor in place).
    func compileAssignment(_ target: Expr, _ value: Expr) -> Code {
        let valueCode = compile(value)
        let source = self.source
        switch target.kind {
        case .name(let name):
            switch resolve(name) {
            case .local(0, let slot):
                return { frame throws(Unwind) in frame.slots[slot] = try valueCode(frame); return .null }
            case .global(let cell):
                return { frame throws(Unwind) in cell.value = try valueCode(frame); return .null }
            default:
                let store = compileWrite(name)
                return { frame throws(Unwind) in store(frame, try valueCode(frame)); return .null }
            }
        case .member(let object, let name, let nameSpan):
            let objectCode = compile(object)
            return { frame throws(Unwind) in
                let container = try objectCode(frame)
                try Indexing.setMember(container, name, try valueCode(frame), nameSpan, source)
                return .null
            }
        case .index:
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
                for code in indexCodes { keys.append(try code.run(frame)) }
                let newValue = try valueCode(frame)
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
        default:
            return { _ throws(Unwind) in .null }
        }
    }
}
