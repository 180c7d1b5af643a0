import Foundation
import Runtime

/// The slow paths of the operators: everything that is not number-with-number.
/// Lists and tensors combine elementwise, with a scalar broadcast to every element.
enum Operators {
    /// Strings built by `+` and `*` stay below this size, so a doubling loop ends in an error
    /// instead of exhausting memory.
    static let maxStringBytes = 1 << 26

    static func isComparison(_ op: BinaryOperator) -> Bool {
        switch op {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }

    private static let verbs: [BinaryOperator: String] = [
        .add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide",
        .remainder: "take the remainder of", .power: "raise",
    ]

    static func negate(_ value: Value, _ span: SourceSpan, _ source: SourceText) throws(Unwind) -> Value {
        try arithmetic(.multiply, value, .number(-1), span, source)
    }

    /// `+ - * / % ^` on any operands.
    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, _ span: SourceSpan,
                           _ source: SourceText) throws(Unwind) -> Value {
        do {
            return try combine(op, a, b, depth: 0)
        } catch {
            throw .error(error.message, span, source)
        }
    }

    private static func combine(_ op: BinaryOperator, _ a: Value, _ b: Value, depth: Int) throws(ValueError) -> Value {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return .number(try number(op, x, y))
        case (.string(let x), .string(let y)) where op == .add:
            guard x.utf8.count + y.utf8.count <= maxStringBytes else {
                throw Value.tooLong("the joined string (\(x.utf8.count) + \(y.utf8.count) bytes)")
            }
            return .string(x + y)
        case (.string(let x), .number(let n)) where op == .multiply:
            guard n >= 0, n == n.rounded() else {
                throw ValueError("a string can be repeated a whole number of times (0 or more), got \(Value.format(n))")
            }
            if x.isEmpty { return .string("") }
            guard n <= Double(maxStringBytes), let count = Int(exactly: n),
                  count <= maxStringBytes / max(x.utf8.count, 1) else {
                throw Value.tooLong("the string repeated \(Value.format(n)) times (\(x.utf8.count) bytes each)")
            }
            return .string(String(repeating: x, count: count))
        case (.list(let x), .list(let y)):
            guard x.elements.count == y.elements.count else {
                throw ValueError("cannot \(verbs[op] ?? "combine") lists of different lengths (\(x.elements.count) and \(y.elements.count)) elementwise")
            }
            guard depth < Value.maxPrintDepth else { throw ValueError("lists nested too deeply") }
            var out: [Value] = []
            out.reserveCapacity(x.elements.count)
            for (p, q) in zip(x.elements, y.elements) { out.append(try combine(op, p, q, depth: depth + 1)) }
            return .list(ListValue(out))
        case (.list(let x), .number), (.list(let x), .bool):
            guard depth < Value.maxPrintDepth else { throw ValueError("lists nested too deeply") }
            return .list(ListValue(try x.elements.map { (p: Value) throws(ValueError) -> Value in try combine(op, p, b, depth: depth + 1) }))
        case (.number, .list(let y)):
            guard depth < Value.maxPrintDepth else { throw ValueError("lists nested too deeply") }
            return .list(ListValue(try y.elements.map { (q: Value) throws(ValueError) -> Value in try combine(op, a, q, depth: depth + 1) }))
        case (.tensor(let x), .tensor(let y)):
            guard x.tensor.shape == y.tensor.shape else {
                throw ValueError("cannot \(verbs[op] ?? "combine") tensors of shapes \(x.tensor.shape) and \(y.tensor.shape) elementwise")
            }
            var out = x.tensor
            for i in 0..<out.data.count { out.data[i] = Float(floatNumber(op, Double(out.data[i]), Double(y.tensor.data[i]))) }
            return .tensor(TensorValue(out))
        case (.tensor(let x), .number(let s)):
            var out = x.tensor
            for i in 0..<out.data.count { out.data[i] = Float(floatNumber(op, Double(out.data[i]), s)) }
            return .tensor(TensorValue(out))
        case (.number(let s), .tensor(let y)):
            var out = y.tensor
            for i in 0..<out.data.count { out.data[i] = Float(floatNumber(op, s, Double(out.data[i]))) }
            return .tensor(TensorValue(out))
        case (.range(let x), _):
            return try combine(op, try numbers(of: x), b, depth: depth)
        case (_, .range(let y)):
            return try combine(op, a, try numbers(of: y), depth: depth)
        case (.tensor(let x), .list), (.list, .tensor(let x)):
            let other = { if case .tensor = a { return b } else { return a } }()
            guard let converted = try? Conversions.tensor(from: other) else {
                throw ValueError("cannot \(verbs[op] ?? "combine") a tensor and a list that is not numeric")
            }
            let left: Value = { if case .tensor = a { return .tensor(x) } else { return .tensor(TensorValue(converted)) } }()
            let right: Value = { if case .tensor = a { return .tensor(TensorValue(converted)) } else { return .tensor(x) } }()
            return try combine(op, left, right, depth: depth)
        default:
            if op == .add, case .string = a {
                throw ValueError("cannot add string and \(b.typeName) (use \"\\(value)\" to put a value into a string)")
            }
            throw ValueError("cannot \(verbs[op] ?? "combine") \(a.typeName) and \(b.typeName)")
        }
    }

    /// Ranges in arithmetic stand for the list of their numbers (`(0..<3) * 2` is `[0, 2, 4]`)
    /// up to this many numbers; longer ones are an error rather than a huge allocation.
    static let maxRangeElements = 10_000_000

    /// The numbers of `range` as a list, for elementwise arithmetic.
    static func numbers(of range: RangeValue) throws(ValueError) -> Value {
        let count = range.count
        guard count <= maxRangeElements else {
            throw ValueError("range too long for arithmetic (more than \(maxRangeElements) numbers)")
        }
        var elements: [Value] = []
        elements.reserveCapacity(count)
        for index in 0..<count { elements.append(.number(range.element(index))) }
        return .list(ListValue(elements))
    }

    /// One arithmetic step on numbers; division and remainder by zero are errors (a learner's
    /// bug far more often than a wish for infinity).
    static func number(_ op: BinaryOperator, _ x: Double, _ y: Double) throws(ValueError) -> Double {
        switch op {
        case .divide:
            if y == 0 { throw ValueError("division by zero") }
            return x / y
        case .remainder:
            if y == 0 { throw ValueError("remainder of division by zero") }
            return floatNumber(op, x, y)
        default: return floatNumber(op, x, y)
        }
    }

    /// `x % y` for y != 0, as `floatNumber` computes it. Loop counters and indices are whole
    /// and non-negative: their remainder is an integer one, exact, and several times cheaper
    /// than `fmod`. (-0.0 is left to `fmod`, whose result keeps its sign.)
    @inline(__always)
    static func remainder(_ x: Double, _ y: Double) -> Double {
        if x.sign == .plus, y > 0, let a = x.smallWholeNumber, let b = y.smallWholeNumber { return Double(a % b) }
        return floatNumber(.remainder, x, y)
    }

    /// IEEE arithmetic, used for tensors (where 1/0 is inf as in NumPy). `%` takes the sign
    /// of the divisor, as in Python.
    static func floatNumber(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        case .remainder:
            let r = x.truncatingRemainder(dividingBy: y)
            return r != 0 && (r < 0) != (y < 0) ? r + y : r
        case .power: return pow(x, y)
        default: return .nan
        }
    }

    /// Comparisons: `==` and `!=` on any values (deep for lists and records); order only
    /// between two numbers or two strings.
    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value, _ span: SourceSpan,
                        _ source: SourceText) throws(Unwind) -> Bool {
        switch op {
        case .equal: return equal(a, b)
        case .notEqual: return !equal(a, b)
        default: break
        }
        let order: Int
        switch (a, b) {
        case (.number(let x), .number(let y)):
            switch op {
            case .less: return x < y
            case .lessEqual: return x <= y
            case .greater: return x > y
            default: return x >= y
            }
        case (.string(let x), .string(let y)): order = x < y ? -1 : x == y ? 0 : 1
        default:
            throw .error("cannot compare \(a.typeName) and \(b.typeName) with '\(op.rawValue)'", span, source)
        }
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// Structural equality; functions and objects compare by identity. Iterative, so lists
    /// nested to any depth compare without using the stack; a pair of lists or records met
    /// again while comparing is taken as equal, so lists that hold themselves compare too
    /// (two such values are equal when no path through them tells them apart).
    static func equal(_ a: Value, _ b: Value) -> Bool {
        var pending: [(Value, Value)] = [(a, b)]
        var seen: Set<PairKey> = []
        while let (x, y) = pending.popLast() {
            switch (x, y) {
            case (.list(let p), .list(let q)):
                if p === q { continue }
                guard p.elements.count == q.elements.count else { return false }
                guard seen.insert(PairKey(p, q)).inserted else { continue }
                for (u, v) in zip(p.elements, q.elements).reversed() {
                    guard shallowEqual(u, v) else { return false }
                    if ValueRelease.mayHoldValues(u) { pending.append((u, v)) }
                }
            case (.record(let p), .record(let q)):
                if p === q { continue }
                guard p.names == q.names else { return false }
                guard seen.insert(PairKey(p, q)).inserted else { continue }
                for (u, v) in zip(p.values, q.values).reversed() {
                    guard shallowEqual(u, v) else { return false }
                    if ValueRelease.mayHoldValues(u) { pending.append((u, v)) }
                }
            default:
                guard shallowEqual(x, y) else { return false }
            }
        }
        return true
    }

    /// Two containers being compared, by identity.
    private struct PairKey: Hashable {
        let left: ObjectIdentifier
        let right: ObjectIdentifier
        init(_ left: AnyObject, _ right: AnyObject) {
            self.left = ObjectIdentifier(left)
            self.right = ObjectIdentifier(right)
        }
    }

    /// Equality of everything but the contents of lists and records: those only need the
    /// same kind here (`equal` compares their contents).
    private static func shallowEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.null, .null): return true
        case (.list, .list), (.record, .record): return true
        case (.range(let x), .range(let y)):
            return x.lower == y.lower && x.upper == y.upper && x.inclusive == y.inclusive
        case (.tensor(let x), .tensor(let y)): return x.tensor == y.tensor
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.figure(let x), .figure(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }
}
