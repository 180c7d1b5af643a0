import Foundation

/// Elementwise math functions: they take a number, or a list or tensor of numbers.
enum MathBuiltins {
    static func all() -> [Builtin] {
        [
            unary("abs", "The absolute value.", "abs(-3)", Swift.abs),
            unary("sqrt", "The square root.", "sqrt(2)", Foundation.sqrt),
            unary("exp", "e raised to x.", "exp(1)", Foundation.exp),
            unary("log", "The natural logarithm.", "log(10)", Foundation.log),
            unary("sin", "The sine (x in radians).", "sin(3.14159 / 2)", Foundation.sin),
            unary("cos", "The cosine (x in radians).", "cos(0)", Foundation.cos),
            // tanh is also a CNN layer: without x it is the layer for cnn(layers:).
            Builtin("tanh(x?)", area: "math",
                    doc: "The hyperbolic tangent, squashing x into (-1, 1); tanh() with no argument is the tanh layer for cnn(layers:).",
                    example: "tanh(0.5)") { args in
                guard args.has("x") else { return .object(CNNLayerObject(.tanh)) }
                return try elementwise(args, "x", Foundation.tanh)
            },
            unary("floor", "The largest whole number not above x.", "floor(2.7)") { $0.rounded(.down) },
            Builtin("round(x, digits: 0)", area: "math",
                    doc: "x rounded to the nearest whole number, or to some decimal digits (halves away from zero).",
                    example: "round(3.14159, digits: 2)") { args in
                let digits = try args.integer("digits", default: 0)
                guard (0...15).contains(digits) else { throw args.error("digits", "must be between 0 and 15, got \(digits)") }
                let scale = Foundation.pow(10.0, Double(digits))
                return try elementwise(args, "x") { ($0 * scale).rounded() / scale }
            },
        ]
    }

    /// A one-argument math builtin applied to numbers, lists (deeply) and tensors.
    static func unary(_ name: String, _ doc: String, _ example: String,
                      _ function: @escaping (Double) -> Double) -> Builtin {
        Builtin("\(name)(x)", area: "math", doc: doc, example: example) { args in
            try elementwise(args, "x", function)
        }
    }

    static func elementwise(_ args: Arguments, _ name: String, _ function: (Double) -> Double) throws -> Value {
        func apply(_ value: Value, depth: Int) throws -> Value {
            switch value {
            case .number(let x): return .number(function(x))
            case .list(let list) where depth < Value.maxPrintDepth:
                return .list(try list.elements.map { try apply($0, depth: depth + 1) })
            case .tensor(let tensor):
                var out = tensor.tensor
                for i in 0..<out.data.count { out.data[i] = Float(function(Double(out.data[i]))) }
                return .tensor(TensorValue(out))
            default:
                throw args.error(name, "must be a number, or a list or tensor of numbers, \(Arguments.got(args.any(name)))")
            }
        }
        return try apply(args.any(name), depth: 0)
    }
}
