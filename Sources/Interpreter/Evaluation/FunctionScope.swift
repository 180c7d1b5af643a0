/// The resolver's view of one function while it is compiled: which names live in which slots.
final class FunctionScope {
    let parent: FunctionScope?
    private(set) var slots: [String: Int] = [:]
    private(set) var count = 0
    /// True when the body creates functions (`fn` directly inside it, not in a nested function).
    var definesClosures = false

    init(parent: FunctionScope?) { self.parent = parent }

    /// Gives `name` the next slot (parameters first, then assigned locals).
    @discardableResult
    func declare(_ name: String) -> Int {
        if let slot = slots[name] { return slot }
        slots[name] = count
        count += 1
        return count - 1
    }
}

/// Where a name lives once resolved.
enum Binding {
    /// A slot of the frame `depth` levels up the chain of defining functions.
    case local(depth: Int, slot: Int)
    case global(GlobalCell)
}

/// The names a function body assigns (plain `x = ...`, `for x in`, `fn x`), not looking
/// into nested functions, which have their own scopes.
enum AssignedNames {
    static func collect(_ body: [Expr]) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        var stack = body.reversed() as [Expr]
        func add(_ name: String) { if seen.insert(name).inserted { names.append(name) } }
        while let expr = stack.popLast() {
            switch expr.kind {
            case .assign(let target, let value):
                if case .name(let name) = target.kind { add(name) } else { stack.append(target) }
                stack.append(value)
            case .compoundAssign(_, let target, let value):
                stack.append(target)
                stack.append(value)
            case .forLoop(let variable, _, let sequence, let body):
                add(variable)
                stack.append(sequence)
                stack.append(contentsOf: body.reversed())
            case .function(let declaration):
                if let name = declaration.name { add(name) }
            case .block(let statements): stack.append(contentsOf: statements.reversed())
            case .ifElse(let condition, let then, let otherwise):
                stack.append(condition)
                stack.append(contentsOf: then.reversed())
                if let otherwise { stack.append(otherwise) }
            case .whileLoop(let condition, let body):
                stack.append(condition)
                stack.append(contentsOf: body.reversed())
            case .list(let elements): stack.append(contentsOf: elements)
            case .record(let fields): stack.append(contentsOf: fields.map(\.value))
            case .range(let a, let b, _), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b),
                 .index(let a, let b):
                stack.append(a)
                stack.append(b)
            case .chain(let first, let links):
                stack.append(contentsOf: links.reversed().map(\.operand))
                stack.append(first)
            case .negate(let a), .not(let a), .member(let a, _, _): stack.append(a)
            case .call(let callee, let arguments):
                stack.append(callee)
                stack.append(contentsOf: arguments.map(\.value))
            case .interpolation(let pieces):
                for case .code(let code) in pieces { stack.append(code) }
            case .returnValue(let value): if let value { stack.append(value) }
            case .number, .string, .bool, .null, .name, .breakLoop, .continueLoop, .invalid: break
            }
        }
        return names
    }
}
