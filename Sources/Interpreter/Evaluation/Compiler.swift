/// Turns a syntax tree into closures ("closure compilation"): names are resolved to frame slots
/// or global cells once, here, so running the code never looks a name up in a dictionary, and
/// numbers flow through as unboxed `Value.number`s.
final class Compiler {
    let globals: Globals
    let machine: Machine
    let source: SourceText
    /// Names assigned at the top level of the chunk being compiled: functions in the same
    /// chunk treat them as globals even before the assignment has run.
    let topLevelNames: Set<String>
    var scope: FunctionScope?
    var loopDepth = 0
    var issues: [SyntaxIssue] = []

    init(globals: Globals, machine: Machine, source: SourceText, program: [Expr]) {
        self.globals = globals
        self.machine = machine
        self.source = source
        self.topLevelNames = Set(AssignedNames.collect(program))
    }

    /// Compiles a whole chunk; its value is the value of its last statement.
    func compileProgram(_ program: [Expr]) -> Code {
        compileSequence(program)
    }

    // MARK: - Names

    func resolve(_ name: String) -> Binding {
        var current = scope
        var depth = 0
        while let function = current {
            if let slot = function.slots[name] { return .local(depth: depth, slot: slot) }
            current = function.parent
            depth += 1
        }
        return .global(globals.cell(name))
    }

    /// True when an assignment inside a function should reach an existing outer variable
    /// rather than create a local.
    func isOuterVariable(_ name: String) -> Bool {
        var current = scope?.parent
        while let function = current {
            if function.slots[name] != nil { return true }
            current = function.parent
        }
        return globals.isDefined(name) || topLevelNames.contains(name)
    }

    func compileRead(_ name: String, _ span: SourceSpan) -> Code {
        let source = self.source
        switch resolve(name) {
        case .local(0, let slot):
            return { frame throws(Unwind) in frame.slots[slot] }
        case .local(let depth, let slot):
            return { frame throws(Unwind) in frame.ancestor(depth).slots[slot] }
        case .global(let cell):
            let globals = self.globals
            return { _ throws(Unwind) in
                guard let value = cell.value else {
                    throw .error("undefined variable '\(name)'\(globals.suggestion(for: name))", span, source)
                }
                return value
            }
        }
    }

    /// A closure that stores into the variable `name`.
    func compileWrite(_ name: String) -> (Frame, Value) -> Void {
        switch resolve(name) {
        case .local(0, let slot): return { frame, value in frame.slots[slot] = value }
        case .local(let depth, let slot): return { frame, value in frame.ancestor(depth).slots[slot] = value }
        case .global(let cell): return { _, value in cell.value = value }
        }
    }

    // MARK: - Statements and blocks

    func compileSequence(_ statements: [Expr]) -> Code {
        switch statements.count {
        case 0: return { _ throws(Unwind) in .null }
        case 1: return compile(statements[0])
        default:
            let block = SequenceSite.leaf(statements.map { leaf($0) }[...])
            return { frame throws(Unwind) in try block.run(frame) }
        }
    }

    /// A loop's body, as a leaf: a body of one assignment runs without a closure call.
    func compileLoopBody(_ body: [Expr]) -> Leaf {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return leaf(body)
    }

    func compileWhile(_ condition: Expr, _ body: [Expr], _ span: SourceSpan) -> Code {
        let test = compileCondition(condition, "while")
        let body = compileLoopBody(body)
        let machine = self.machine, source = self.source
        return { frame throws(Unwind) in
            while try test(frame) {
                do throws(Unwind) {
                    _ = try body.run(frame)
                } catch {
                    switch error {
                    case .breakLoop: return .null
                    case .continueLoop: break
                    default: throw error
                    }
                }
                try machine.tick(span, source)
            }
            return .null
        }
    }

    func compileFor(_ variable: String, _ sequence: Expr, _ body: [Expr], _ span: SourceSpan) -> Code {
        let store = compileWrite(variable)
        let machine = self.machine, source = self.source
        let body = compileLoopBody(body)
        /// Runs the body once; false when it asked to break.
        @inline(__always) func runBody(_ frame: Frame) throws(Unwind) -> Bool {
            do throws(Unwind) {
                _ = try body.run(frame)
            } catch {
                switch error {
                case .breakLoop: return false
                case .continueLoop: break
                default: throw error
                }
            }
            try machine.tick(span, source)
            return true
        }
        if case .range(let lowerExpr, let upperExpr, let inclusive) = sequence.kind {
            let lower = compileRangeBound(lowerExpr, "the start of the range")
            let upper = compileRangeBound(upperExpr, "the end of the range")
            // The counter is stored in place, without the call through `store`, when it is a
            // local or a global (a loop at the top level).
            let target = leaf(Expr(kind: .name(variable), span: span))
            return { frame throws(Unwind) in
                var i = try lower(frame)
                let end = try upper(frame)
                // The bounds are within 2^53, so `i += 1` is exact up to the end. At 2^53
                // itself `i + 1 == i`: the loop stops there (an end of 2^53 + 1 rounds to
                // 2^53, and an infinite end would otherwise count for ever on one number).
                while inclusive ? i <= end : i < end {
                    switch target {
                    case .local(let slot): (frame.slots + slot).store(.number(i))
                    case .global(let cell, _): cell.value = .number(i)
                    default: store(frame, .number(i))
                    }
                    if try !runBody(frame) { break }
                    if i >= RangeValue.maxExactInteger { break }
                    i += 1
                }
                return .null
            }
        }
        let sequenceCode = compile(sequence)
        let sequenceSpan = sequence.span
        return { frame throws(Unwind) in
            let value = try sequenceCode(frame)
            switch value {
            case .list(let list):
                let elements = list.elements
                for element in elements {
                    store(frame, element)
                    if try !runBody(frame) { break }
                }
            case .range(let range):
                for index in 0..<range.count {
                    store(frame, .number(range.element(index)))
                    if try !runBody(frame) { break }
                }
            case .string(let text):
                for character in text {
                    store(frame, .string(String(character)))
                    if try !runBody(frame) { break }
                }
            case .tensor(let tensor):
                let count = tensor.tensor.shape.first ?? 0
                for index in 0..<count {
                    store(frame, Indexing.tensorRow(tensor.tensor, index))
                    if try !runBody(frame) { break }
                }
            default:
                let hint = value.typeName == "number" ? " (write a range such as 0..<n)" : ""
                throw .error("cannot loop over a \(value.typeName)\(hint)", sequenceSpan, source)
            }
            return .null
        }
    }

    func compileIf(_ condition: Expr, _ then: [Expr], _ otherwise: Expr?) -> Code {
        // `if n < 2 { ... }` on a local and a constant: the test is done here, one closure
        // call less per `if` (fib's base case test runs once per call).
        if let site = branchSite(condition, then, otherwise) {
            return { frame throws(Unwind) in try site.run(frame) }
        }
        let test = compileCondition(condition, "if")
        let thenCode = compileSequence(then)
        guard let otherwise else {
            return { frame throws(Unwind) in try test(frame) ? try thenCode(frame) : .null }
        }
        let elseCode = compile(otherwise)
        return { frame throws(Unwind) in try test(frame) ? try thenCode(frame) : try elseCode(frame) }
    }

    /// The site of `if local < number { ... } else { ... }` (or `>`); nil for other shapes.
    func branchSite(_ condition: Expr, _ then: [Expr], _ otherwise: Expr?) -> BranchSite? {
        guard case .binary(let op, let left, let right) = condition.kind, op == .less || op == .greater,
              case .number(let constant) = right.kind, let slot = localSlot(left) else { return nil }
        // A branch that is a name or a number (fib's `{ n }`) is read in place.
        let thenLeaf = leaf(then)
        let elseLeaf: Leaf
        if let otherwise {
            if case .block(let statements) = otherwise.kind { elseLeaf = leaf(statements) } else { elseLeaf = leaf(otherwise) }
        } else {
            elseLeaf = .constant(.null)
        }
        // One object captured (see `BranchSite`), and one closure per comparison.
        return BranchSite(slot: slot, op: op, constant: constant, then: thenLeaf, otherwise: elseLeaf,
                          span: condition.span, source: source)
    }

    // MARK: - Functions

    func compileFunction(_ declaration: FunctionDeclaration) -> Code {
        let enclosing = scope
        enclosing?.definesClosures = true
        let function = FunctionScope(parent: enclosing)
        let store = declaration.name.map { compileWrite($0) }
        for parameter in declaration.parameters { function.declare(parameter.name) }
        scope = function
        for name in AssignedNames.collect(declaration.body) where function.slots[name] == nil {
            if !isOuterVariable(name) { function.declare(name) }
        }
        let savedLoopDepth = loopDepth
        loopDepth = 0
        let body = functionBody(declaration.body)
        loopDepth = savedLoopDepth
        scope = enclosing
        let name = declaration.name ?? "anonymous"
        let parameterNames = declaration.parameters.map(\.name)
        let slotCount = function.count
        let source = self.source
        let atTopLevel = enclosing == nil
        let definesClosures = function.definesClosures
        return { frame throws(Unwind) in
            let value = UserFunction(name: name, parameterNames: parameterNames, slotCount: slotCount, body: body,
                                     captured: atTopLevel ? nil : frame, source: source,
                                     definesClosures: definesClosures)
            if let store {
                store(frame, .function(value))
                return .null
            }
            return .function(value)
        }
    }

    func compileReturn(_ value: Expr?, _ span: SourceSpan) -> Code {
        if scope == nil {
            issues.append(SyntaxIssue(message: "'return' outside a function", span: span, atEndOfInput: false))
        }
        guard let value else { return { _ throws(Unwind) in throw .returning(.null) } }
        let code = compile(value)
        return { frame throws(Unwind) in throw .returning(try code(frame)) }
    }

    func compileJump(_ jump: Unwind, _ keyword: String, _ span: SourceSpan) -> Code {
        if loopDepth == 0 {
            issues.append(SyntaxIssue(message: "'\(keyword)' outside a loop", span: span, atEndOfInput: false))
        }
        return { _ throws(Unwind) in throw jump }
    }
}
