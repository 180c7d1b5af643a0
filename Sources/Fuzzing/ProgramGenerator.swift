/// Writes random nv programs that follow the grammar of `Sources/Interpreter/Syntax` (the
/// parser's rules: statements, `fn`, `if`/`else`, `for`, `while`, assignments, the operator
/// ladder, calls, indices, members, lists, records, ranges, interpolated strings), so most of
/// them get past the parser and exercise the evaluator and the builtins. Depth is bounded so a
/// program stays small; edge values come from `EdgeValues`.
struct ProgramGenerator {
    var random: FuzzRandom
    /// Names the program may read (assigned earlier, parameters, loop variables, builtins).
    var names: [String] = ["x", "y", "xs", "f", "m", "d"]
    let builtinNames: [String]
    private var depth = 0

    init(random: FuzzRandom, builtinNames: [String]) {
        self.random = random
        self.builtinNames = builtinNames
    }

    static let binaryOperators = ["+", "-", "*", "/", "%", "^", "==", "!=", "<", "<=", ">", ">=", "and", "or", "..<", "..."]
    static let members = ["x", "y", "shape", "loss", "layers", "weight", "bias", "config", "output", "input", "classes",
                          "params", "train", "test", "validation", "images", "labels", "history", "lr", "epoch",
                          "weights", "biases", "shapes", "accuracy", "n", "nope"]

    /// A whole program: a prelude binding the common names, then a few statements.
    mutating func program() -> String {
        var lines = ["x = \(EdgeValues.any(&random))", "xs = [\(expression()), \(expression())]"]
        if random.chance(0.3) { lines.append("m = \(random.pick(EdgeValues.objects))") }
        if random.chance(0.5) { lines.append("fn f(a, b) { \(block(statements: 2)) }") }
        for _ in 0..<random.int(1...6) { lines.append(statement()) }
        return lines.joined(separator: random.chance(0.1) ? "; " : "\n")
    }

    mutating func statement() -> String {
        depth += 1
        defer { depth -= 1 }
        if depth > 3 { return expression() }
        switch random.weighted([5, 2, 2, 2, 1, 2, 1, 1, 1, 4]) {
        case 0:
            let name = random.pick(["x", "y", "z", "xs", "f", "s"])
            names.append(name)
            return "\(name) = \(expression())"
        case 1: return "\(target()) \(random.pick(["+=", "-=", "*=", "/="])) \(expression())"
        case 2:
            let variable = random.pick(["i", "v", "x"])
            names.append(variable)
            return "for \(variable) in \(sequence()) { \(block(statements: 2)) }"
        case 3: return "if \(condition()) { \(block(statements: 2)) }\(random.chance(0.5) ? " else { \(block(statements: 1)) }" : "")"
        case 4: return "n = 0\nwhile n < \(random.pick(["3", "100", "1e5", "x"])) { n += 1; \(block(statements: 1)) }"
        case 5:
            let name = random.pick(["g", "h", "f"])
            names.append(name)
            return "fn \(name)(\(random.pick(["", "a", "a, b", "a, b, c"]))) { \(block(statements: 2)) }"
        case 6: return random.pick(["break", "continue", "return", "return \(expression())"])
        case 7: return "\(target()) = \(expression())"
        case 8: return "print(\(expression()))"
        default: return expression()
        }
    }

    mutating func block(statements: Int) -> String {
        (0..<random.int(1...statements)).map { _ in statement() }.joined(separator: "; ")
    }

    mutating func target() -> String {
        switch random.below(3) {
        case 0: random.pick(names)
        case 1: "\(random.pick(names))[\(expression())]"
        default: "\(random.pick(names)).\(random.pick(ProgramGenerator.members))"
        }
    }

    mutating func sequence() -> String {
        random.pick(["0..<3", "xs", "\"abc\"", "0..<\(random.pick(EdgeValues.numbers))", "tensor([[1, 2], [3, 4]])",
                     "9007199254740992..<9007199254740995", "1e300..<1e300 + 3", "[]", "range(5)", "x"])
    }

    mutating func condition() -> String {
        random.chance(0.7) ? "(\(expression())) \(random.pick(["<", "==", ">=", "!="])) (\(expression()))" : expression()
    }

    /// The expression rules, loosest first, collapsed into one weighted choice.
    mutating func expression() -> String {
        depth += 1
        defer { depth -= 1 }
        if depth > 5 { return atom() }
        switch random.weighted([6, 5, 1, 1, 2, 2, 3, 2, 4, 1, 1, 1]) {
        case 0: return atom()
        // Operands are parenthesized: comparisons and ranges do not chain, and `not` binds
        // looser than comparison, so a bare operand would often be a syntax error.
        case 1: return "(\(expression()) \(random.pick(ProgramGenerator.binaryOperators)) \(expression()))"
        case 2: return "-\(atom())"
        case 3: return "(not \(atom()))"
        case 4: return "(\(atom()))[\(expression())]"
        case 5: return "(\(atom())).\(random.pick(ProgramGenerator.members))"
        case 6: return call()
        case 7: return "[\((0..<random.int(0...3)).map { _ in expression() }.joined(separator: ", "))]"
        case 8: return "(\(expression()))"
        case 9: return "(\((0..<random.int(1...3)).map { "k\($0): \(expression())" }.joined(separator: ", ")))"
        case 10: return "fn (a) { \(block(statements: 2)) }"
        default: return "if \(condition()) { \(expression()) } else { \(expression()) }"
        }
    }

    mutating func call() -> String {
        let callee = random.chance(0.7) ? random.pick(builtinNames) : random.pick(names)
        let arguments = (0..<random.int(0...3)).map { _ in
            random.chance(0.3) ? "\(random.pick(["n", "size", "epochs", "lr", "hidden", "x", "path", "count", "seed"])): \(expression())" : expression()
        }
        return "\(callee)(\(arguments.joined(separator: ", ")))"
    }

    mutating func atom() -> String {
        switch random.weighted([3, 3, 2, 2, 1]) {
        case 0: return random.pick(names)
        case 1: return EdgeValues.number(&random)
        case 2: return random.pick(EdgeValues.simple)
        case 3: return random.chance(0.5) ? random.pick(EdgeValues.strings) : "\"v=\\(\(random.pick(names)))\""
        default: return random.pick(EdgeValues.objects)
        }
    }
}
