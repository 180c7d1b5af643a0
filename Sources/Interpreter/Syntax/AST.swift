/// A node of the syntax tree. Everything in nv is an expression: statements such as `for`,
/// assignments and `fn` declarations are expressions whose value is nil.
struct Expr {
    var kind: ExprKind
    var span: SourceSpan
}

/// Binary operators, in the order of their precedence groups.
enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// The operator of one link of a flat chain (`ExprKind.chain`).
enum ChainOperator: Equatable {
    case binary(BinaryOperator)
    case and
    case or
}

/// One link of a chain `a + b - c`: the operator, its right operand, and the span of the
/// chain up to and including that operand (where an error in this step points).
struct ChainLink {
    var op: ChainOperator
    var operand: Expr
    var span: SourceSpan
}

/// A call argument: positional when `label` is nil.
struct Argument {
    var label: String?
    var labelSpan: SourceSpan?
    var value: Expr
}

/// A piece of an interpolated string literal.
enum InterpolationPiece {
    case text(String)
    case code(Expr)
}

/// A parameter of a user function.
struct Parameter {
    var name: String
    var span: SourceSpan
}

/// A `fn` literal or declaration. A class so the compiler can share it between closures.
final class FunctionDeclaration {
    /// The declared name; nil for an anonymous `fn (x) { ... }`.
    let name: String?
    let parameters: [Parameter]
    let body: [Expr]
    /// The span of `fn name(params)`, used for messages about the function itself.
    let headerSpan: SourceSpan

    init(name: String?, parameters: [Parameter], body: [Expr], headerSpan: SourceSpan) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.headerSpan = headerSpan
    }
}

/// The shapes an expression can take.
indirect enum ExprKind {
    case number(Double)
    case string(String)
    case interpolation([InterpolationPiece])
    case bool(Bool)
    case null
    case name(String)
    case list([Expr])
    /// `(x: 1, y: 2)`: fields in the order written.
    case record([(name: String, value: Expr)])
    case range(Expr, Expr, inclusive: Bool)
    case negate(Expr)
    case not(Expr)
    case binary(BinaryOperator, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    /// `a + b - c + ...`, `a and b and c ...`: three or more operands of one precedence level,
    /// joined left to right. Kept flat (not as nested `binary` nodes) so a long line is not a
    /// deep tree: a chain of 100,000 terms is one level of nesting, and compiling, running
    /// and freeing it use no stack per term.
    case chain(Expr, [ChainLink])
    case member(Expr, name: String, nameSpan: SourceSpan)
    case index(Expr, Expr)
    case call(Expr, [Argument])
    case function(FunctionDeclaration)
    case block([Expr])
    /// `if condition { then } else ...`; `otherwise` is a block or another `if`.
    case ifElse(condition: Expr, then: [Expr], otherwise: Expr?)
    case whileLoop(condition: Expr, body: [Expr])
    case forLoop(variable: String, variableSpan: SourceSpan, sequence: Expr, body: [Expr])
    /// `target = value`; the target is a name, member or index expression.
    case assign(target: Expr, value: Expr)
    /// `target op= value` on a member or index target (`a[f()] += 1`): the target's object and
    /// index are evaluated once. (`x += 1` on a plain name is parsed as `x = x + 1`.)
    case compoundAssign(BinaryOperator, target: Expr, value: Expr)
    case breakLoop
    case continueLoop
    case returnValue(Expr?)
    /// Stands in for a part that did not parse, so the parser can go on.
    case invalid
}
