import Runtime

/// rand and randn, drawing from the session's seeded generator (reseeded by `seed(n)`).
///
/// With no argument they return one number; with one, a list of that many numbers; with two
/// or more, a tensor of that shape (`randn(2, 3)` is a 2x3 tensor).
enum RandomBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("rand(shape...)", area: "random",
                    doc: "Uniform random numbers in [0, 1): one number, a list of n, or a tensor of a shape.",
                    example: "rand(3)") { args in
                try draw(args) { $0.uniform() }
            },
            Builtin("randn(shape...)", area: "random",
                    doc: "Standard normal random numbers (mean 0, deviation 1): one, a list of n, or a tensor.",
                    example: "randn(2, 3)") { args in
                try draw(args) { $0.normal() }
            },
        ]
    }

    static func draw(_ args: Arguments, _ sample: (inout SeededGenerator) -> Double) throws -> Value {
        var shape: [Int] = []
        for (position, value) in args.rest.enumerated() {
            guard case .number(let x) = value, let n = Int(exactly: x), n >= 0 else {
                throw args.restError(position, "must be a whole number of 0 or more, \(Arguments.got(value))")
            }
            shape.append(n)
        }
        var total = 1
        for extent in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= 1 << 24 else {
                throw BuiltinError("\(args.function): shape \(shape) is too large")
            }
            total = product
        }
        let session = args.context.session
        switch shape.count {
        case 0: return .number(sample(&session.generator))
        case 1: return .list((0..<total).map { _ in .number(sample(&session.generator)) })
        default:
            let data = (0..<total).map { _ in Float(sample(&session.generator)) }
            return .tensor(TensorValue(Tensor(shape: shape, data: data)))
        }
    }
}
