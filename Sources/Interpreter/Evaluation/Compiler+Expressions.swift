extension Compiler {
    /// Compiles any expression.
    func compile(_ expr: Expr) -> Code {
        let span = expr.span, source = self.source
        switch expr.kind {
        case .number(let value): return { _ throws(Unwind) in .number(value) }
        case .string(let text): return { _ throws(Unwind) in .string(text) }
        case .bool(let value): return { _ throws(Unwind) in .bool(value) }
        case .null, .invalid: return { _ throws(Unwind) in .null }
        case .interpolation(let pieces): return compileInterpolation(pieces, span)
        case .name(let name): return compileRead(name, span)
        case .list(let elements):
            let codes = elements.map { Compiled(run: compile($0)) }
            return { frame throws(Unwind) in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(try code.run(frame)) }
                return .list(ListValue(values))
            }
        case .record(let fields):
            let names = fields.map(\.name), codes = fields.map { Compiled(run: compile($0.value)) }
            return { frame throws(Unwind) in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(try code.run(frame)) }
                return .record(RecordValue(names: names, values: values))
            }
        case .range(let lower, let upper, let inclusive):
            let lowerCode = compileRangeBound(lower, "the start of the range")
            let upperCode = compileRangeBound(upper, "the end of the range")
            return { frame throws(Unwind) in
                .range(RangeValue(lower: try lowerCode(frame), upper: try upperCode(frame), inclusive: inclusive))
            }
        case .negate(let operand):
            let code = compile(operand)
            return { frame throws(Unwind) in
                let value = try code(frame)
                if case .number(let x) = value { return .number(-x) }
                return try Operators.negate(value, span, source)
            }
        case .not, .and, .or:
            let test = compileCondition(expr, "not")
            return { frame throws(Unwind) in .bool(try test(frame)) }
        case .binary(let op, let left, let right):
            if Operators.isComparison(op) {
                let test = compileCondition(expr, "comparison")
                return { frame throws(Unwind) in .bool(try test(frame)) }
            }
            return compileArithmetic(op, left, right, span)
        case .chain(let first, let links):
            if links.contains(where: { $0.op == .and || $0.op == .or }) {
                let test = compileCondition(expr, "and")
                return { frame throws(Unwind) in .bool(try test(frame)) }
            }
            return compileChain(first, links)
        case .member(let object, let name, let nameSpan):
            let code = compile(object)
            return { frame throws(Unwind) in try Indexing.member(try code(frame), name, nameSpan, source) }
        case .index(let object, let index):
            if let site = indexSite(object, index, span) { return { frame throws(Unwind) in try site.run(frame) } }
            if let site = nestedIndexSite(object, index, span) { return { frame throws(Unwind) in try site.run(frame) } }
            let objectCode = compile(object), indexCode = compile(index)
            return { frame throws(Unwind) in
                let container = try objectCode(frame)
                let key = try indexCode(frame)
                if case .list(let list) = container, case .number(let x) = key,
                   let i = x.smallWholeNumber, i >= 0, i < list.elements.count {
                    return list.elements[i]
                }
                return try Indexing.element(container, key, span, source)
            }
        case .call(let callee, let arguments): return compileCall(callee, arguments, span)
        case .function(let declaration): return compileFunction(declaration)
        case .block(let statements): return compileSequence(statements)
        case .ifElse(let condition, let then, let otherwise): return compileIf(condition, then, otherwise)
        case .whileLoop(let condition, let body): return compileWhile(condition, body, span)
        case .forLoop(let variable, _, let sequence, let body): return compileFor(variable, sequence, body, span)
        case .assign(let target, let value): return compileAssignment(target, value)
        case .compoundAssign(let op, let target, let value): return compileCompoundAssignment(op, target, value)
        case .breakLoop: return compileJump(.breakLoop, "break", span)
        case .continueLoop: return compileJump(.continueLoop, "continue", span)
        case .returnValue(let value): return compileReturn(value, span)
        }
    }

    /// Compiles an expression whose value must be a number (range bounds).
    func compileNumber(_ expr: Expr, _ what: String) -> (Frame) throws(Unwind) -> Double {
        let code = compile(expr), span = expr.span, source = self.source
        return { frame throws(Unwind) in
            let value = try code(frame)
            guard case .number(let x) = value else {
                throw .error("\(what) must be a number, got \(value.typeName)", span, source)
            }
            return x
        }
    }

    /// Compiles a range bound: a number no further from 0 than 2^53, where counting by 1 is
    /// still exact (above it `i + 1 == i`, and a loop over the range would never end).
    /// An infinite end is allowed (a loop that runs until it breaks).
    func compileRangeBound(_ expr: Expr, _ what: String) -> (Frame) throws(Unwind) -> Double {
        let code = compileNumber(expr, what), span = expr.span, source = self.source
        return { frame throws(Unwind) in
            let x = try code(frame)
            if x.isFinite, abs(x) > RangeValue.maxExactInteger {
                throw .error("\(what) must lie between -2^53 and 2^53 (\(Value.format(RangeValue.maxExactInteger))), "
                             + "where counting by 1 is exact, got \(Value.format(x))", span, source)
            }
            return x
        }
    }

    /// Compiles a condition straight to a Swift Bool, so `if n < 2` never builds a Value.
    func compileCondition(_ expr: Expr, _ context: String) -> (Frame) throws(Unwind) -> Bool {
        let span = expr.span, source = self.source
        switch expr.kind {
        case .bool(let value): return { _ throws(Unwind) in value }
        case .not(let operand):
            let test = compileCondition(operand, "not")
            return { frame throws(Unwind) in try !test(frame) }
        case .and(let left, let right):
            let l = compileCondition(left, "and"), r = compileCondition(right, "and")
            return { frame throws(Unwind) in try l(frame) ? try r(frame) : false }
        case .or(let left, let right):
            let l = compileCondition(left, "or"), r = compileCondition(right, "or")
            return { frame throws(Unwind) in try l(frame) ? true : try r(frame) }
        case .chain(let first, let links) where links.allSatisfy({ $0.op == .and || $0.op == .or }):
            // One level of `and` or `or` (mixed levels are nested chains): stops at the first
            // operand that decides the result.
            let isAnd = links[0].op == .and, context = isAnd ? "and" : "or"
            let tests = [compileCondition(first, context)] + links.map { compileCondition($0.operand, context) }
            return { frame throws(Unwind) in
                for test in tests where try test(frame) != isAnd { return !isAnd }
                return isAnd
            }
        case .binary(let op, let left, let right) where Operators.isComparison(op):
            if case .number(let constant) = right.kind, let slot = localSlot(left), op == .less || op == .greater {
                return { frame throws(Unwind) in
                    if case .number(let x) = frame.slots[slot] { return op == .less ? x < constant : x > constant }
                    return try Operators.compare(op, frame.slots[slot], .number(constant), span, source)
                }
            }
            let l = leaf(left)
            if case .number(let constant) = right.kind {
                switch op {
                case .less: return { frame throws(Unwind) in
                    let a = try l.run(frame)
                    if case .number(let x) = a { return x < constant }
                    return try Operators.compare(op, a, .number(constant), span, source)
                }
                case .greater: return { frame throws(Unwind) in
                    let a = try l.run(frame)
                    if case .number(let x) = a { return x > constant }
                    return try Operators.compare(op, a, .number(constant), span, source)
                }
                default: break
                }
            }
            let r = leaf(right)
            return { frame throws(Unwind) in
                let a = try l.run(frame), b = try r.run(frame)
                if case .number(let x) = a, case .number(let y) = b {
                    switch op {
                    case .less: return x < y
                    case .lessEqual: return x <= y
                    case .greater: return x > y
                    case .greaterEqual: return x >= y
                    case .equal: return x == y
                    case .notEqual: return x != y
                    default: break
                    }
                }
                return try Operators.compare(op, a, b, span, source)
            }
        default:
            let code = compile(expr)
            return { frame throws(Unwind) in
                let value = try code(frame)
                guard case .bool(let truth) = value else {
                    let shown = context == "not" || context == "and" || context == "or"
                        ? "the operand of '\(context)'" : "the condition of '\(context)'"
                    throw .error("\(shown) must be true or false, got \(value.typeName) \(Indexing.shortDescription(value))",
                                 span, source)
                }
                return truth
            }
        }
    }

    /// The slot of `expr` when it names a local of the function being compiled.
    func localSlot(_ expr: Expr) -> Int? {
        guard case .name(let name) = expr.kind, case .local(0, let slot) = resolve(name) else { return nil }
        return slot
    }

    func compileArithmetic(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ span: SourceSpan) -> Code {
        let source = self.source
        if let site = arithmeticSite(op, left, right, span) { return site.code }
        let l = leaf(left)
        if case .number(let c) = right.kind {
            let site = BinarySite(op, l, .constant(.number(c)), span, source, constant: c)
            switch op {
            case .add: return { frame throws(Unwind) in
                let a = try site.l.run(frame)
                if case .number(let x) = a { return .number(x + site.constant) }
                return try site.slow(a, .number(site.constant))
            }
            case .subtract: return { frame throws(Unwind) in
                let a = try site.l.run(frame)
                if case .number(let x) = a { return .number(x - site.constant) }
                return try site.slow(a, .number(site.constant))
            }
            case .multiply: return { frame throws(Unwind) in
                let a = try site.l.run(frame)
                if case .number(let x) = a { return .number(x * site.constant) }
                return try site.slow(a, .number(site.constant))
            }
            case .remainder where c != 0: return { frame throws(Unwind) in
                let a = try site.l.run(frame)
                if case .number(let x) = a { return .number(Operators.remainder(x, site.constant)) }
                return try site.slow(a, .number(site.constant))
            }
            default: break
            }
        }
        return binaryCode(op, l, leaf(right), span)
    }

    /// `l op r`: two numbers are combined here (no call for `+ - * / %`), everything else by
    /// `Operators.arithmetic`, whose errors it keeps (division by zero too).
    func binaryCode(_ op: BinaryOperator, _ l: Leaf, _ r: Leaf, _ span: SourceSpan) -> Code {
        let site = BinarySite(op, l, r, span, source)
        switch op {
        case .add: return { frame throws(Unwind) in
            let a = try site.l.run(frame), b = try site.r.run(frame)
            if case .number(let x) = a, case .number(let y) = b { return .number(x + y) }
            return try site.slow(a, b)
        }
        case .subtract: return { frame throws(Unwind) in
            let a = try site.l.run(frame), b = try site.r.run(frame)
            if case .number(let x) = a, case .number(let y) = b { return .number(x - y) }
            return try site.slow(a, b)
        }
        case .multiply: return { frame throws(Unwind) in
            let a = try site.l.run(frame), b = try site.r.run(frame)
            if case .number(let x) = a, case .number(let y) = b { return .number(x * y) }
            return try site.slow(a, b)
        }
        case .divide: return { frame throws(Unwind) in
            let a = try site.l.run(frame), b = try site.r.run(frame)
            if case .number(let x) = a, case .number(let y) = b, y != 0 { return .number(x / y) }
            return try site.slow(a, b)
        }
        case .remainder: return { frame throws(Unwind) in
            let a = try site.l.run(frame), b = try site.r.run(frame)
            if case .number(let x) = a, case .number(let y) = b, y != 0 { return .number(Operators.remainder(x, y)) }
            return try site.slow(a, b)
        }
        default: return { frame throws(Unwind) in
            try site.slow(try site.l.run(frame), try site.r.run(frame))
        }
        }
    }

    /// A flat chain `a + b - c ...` (see `ExprKind.chain`): one loop over the operands.
    func compileChain(_ first: Expr, _ links: [ChainLink]) -> Code {
        let source = self.source
        // A short chain of arithmetic (`s + xs[i] * 2 - i % 7`) compiles to nested binary
        // operations, left to right: the same steps, spans and errors as the loop below, but
        // numbers are combined without a call per step. (Long chains keep the loop: nesting
        // thousands of closures would recurse that deep when run.)
        if Compiler.isShortArithmetic(links) {
            // The inner operations are sites, the outermost a closure of its own operator.
            var value = leaf(first)
            for link in links.dropLast() {
                guard case .binary(let op) = link.op else { break }
                value = BinarySite(op, value, leaf(link.operand), link.span, source).leaf
            }
            guard let last = links.last, case .binary(let op) = last.op else { return value.code }
            return binaryCode(op, value, leaf(last.operand), last.span)
        }
        let firstCode = compile(first)
        let steps = links.map { link -> (op: BinaryOperator, operand: Compiled, span: SourceSpan) in
            guard case .binary(let op) = link.op else { preconditionFailure("and/or chains compile as conditions") }
            return (op, Compiled(run: compile(link.operand)), link.span)
        }
        return { frame throws(Unwind) in
            var value = try firstCode(frame)
            for step in steps {
                let operand = try step.operand.run(frame)
                if Operators.isComparison(step.op) {
                    value = .bool(try Operators.compare(step.op, value, operand, step.span, source))
                } else if case .number(let x) = value, case .number(let y) = operand {
                    do throws(ValueError) {
                        value = .number(try Operators.number(step.op, x, y))
                    } catch {
                        throw .error(error.message, step.span, source)
                    }
                } else {
                    value = try Operators.arithmetic(step.op, value, operand, step.span, source)
                }
            }
            return value
        }
    }

    /// True for the links of a short chain of arithmetic, which compiles to nested operations.
    static func isShortArithmetic(_ links: [ChainLink]) -> Bool {
        links.count <= 8 && links.allSatisfy { if case .binary(let op) = $0.op { !Operators.isComparison(op) } else { false } }
    }

    func compileInterpolation(_ pieces: [InterpolationPiece], _ span: SourceSpan) -> Code {
        var texts: [String] = []
        var codes: [Code?] = []
        for piece in pieces {
            switch piece {
            case .text(let text):
                texts.append(text)
                codes.append(nil)
            case .code(let expr):
                texts.append("")
                codes.append(compile(expr))
            }
        }
        let source = self.source
        return { frame throws(Unwind) in
            var text = ""
            for (index, code) in codes.enumerated() {
                var piece = texts[index]
                if let code {
                    let value = try code(frame)
                    do throws(ValueError) { piece = try value.printedText() } catch { throw .error(error.message, span, source) }
                }
                guard text.utf8.count + piece.utf8.count <= Operators.maxStringBytes else {
                    throw .error(Value.tooLong("the interpolated string").message, span, source)
                }
                text += piece
            }
            return .string(text)
        }
    }
}
