/// Prints a syntax tree as an S-expression, one top-level statement per line. Used by the
/// parser snapshot tests, and handy when debugging the grammar.
enum ASTPrinter {
    /// The S-expression text of a whole program.
    static func print(_ program: [Expr]) -> String {
        program.map { print($0) }.joined(separator: "\n")
    }

    /// The S-expression text of one expression.
    static func print(_ expr: Expr) -> String {
        switch expr.kind {
        case .number(let value): return Value.number(value).description
        case .string(let text): return Value.string(text).description
        case .interpolation(let pieces):
            let parts = pieces.map { piece -> String in
                switch piece {
                case .text(let text): return Value.string(text).description
                case .code(let code): return print(code)
                }
            }
            return "(interpolate \(parts.joined(separator: " ")))"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "nil"
        case .name(let name): return name
        case .list(let elements): return "(list\(joined(elements)))"
        case .record(let fields):
            return "(record" + fields.map { " \($0.name): \(print($0.value))" }.joined() + ")"
        case .range(let lower, let upper, let inclusive):
            return "(\(inclusive ? "..." : "..<") \(print(lower)) \(print(upper)))"
        case .negate(let operand): return "(- \(print(operand)))"
        case .not(let operand): return "(not \(print(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(print(left)) \(print(right)))"
        case .and(let left, let right): return "(and \(print(left)) \(print(right)))"
        case .or(let left, let right): return "(or \(print(left)) \(print(right)))"
        case .chain(let first, let links):
            var text = print(first)
            for link in links {
                let name: String
                switch link.op {
                case .binary(let op): name = op.rawValue
                case .and: name = "and"
                case .or: name = "or"
                }
                text = "(\(name) \(text) \(print(link.operand)))"
            }
            return text
        case .member(let object, let name, _): return "(. \(print(object)) \(name))"
        case .index(let object, let index): return "(index \(print(object)) \(print(index)))"
        case .call(let callee, let arguments):
            let args = arguments.map { " " + ($0.label.map { "\($0): " } ?? "") + print($0.value) }.joined()
            return "(call \(print(callee))\(args))"
        case .function(let declaration):
            let params = declaration.parameters.map(\.name).joined(separator: " ")
            return "(fn \(declaration.name ?? "_") (\(params))\(joined(declaration.body)))"
        case .block(let statements): return "(block\(joined(statements)))"
        case .ifElse(let condition, let then, let otherwise):
            let elsePart = otherwise.map { " " + print($0) } ?? ""
            return "(if \(print(condition)) (block\(joined(then)))\(elsePart))"
        case .whileLoop(let condition, let body): return "(while \(print(condition))\(joined(body)))"
        case .forLoop(let variable, _, let sequence, let body):
            return "(for \(variable) \(print(sequence))\(joined(body)))"
        case .assign(let target, let value): return "(= \(print(target)) \(print(value)))"
        case .compoundAssign(let op, let target, let value):
            return "(\(op.rawValue)= \(print(target)) \(print(value)))"
        case .breakLoop: return "(break)"
        case .continueLoop: return "(continue)"
        case .returnValue(let value): return value.map { "(return \(print($0)))" } ?? "(return)"
        case .invalid: return "<invalid>"
        }
    }

    private static func joined(_ exprs: [Expr]) -> String {
        exprs.map { " " + print($0) }.joined()
    }
}
