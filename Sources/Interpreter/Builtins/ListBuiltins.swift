/// min, max, sum, mean, append, map, filter.
enum ListBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("min(values...)", area: "lists", doc: "The smallest of the numbers given, or of one list of numbers.",
                    example: "min([3, 1, 2])") { args in
                try extreme(args, <)
            },
            Builtin("max(values...)", area: "lists", doc: "The largest of the numbers given, or of one list of numbers.",
                    example: "max(3, 1, 2)") { args in
                try extreme(args, >)
            },
            Builtin("sum(values)", area: "lists", doc: "The sum of a list, range or tensor of numbers.",
                    example: "sum([1, 2, 3])") { args in
                .number(try numbers(args, "values").reduce(0, +))
            },
            Builtin("mean(values)", area: "lists", doc: "The average of a non-empty list, range or tensor of numbers.",
                    example: "mean([1, 2, 3, 4])") { args in
                let values = try numbers(args, "values")
                guard !values.isEmpty else { throw args.error("values", "must not be empty") }
                return .number(values.reduce(0, +) / Double(values.count))
            },
            Builtin("append(list, value)", area: "lists",
                    doc: "Adds value at the end of the list (changing it) and returns the list.",
                    example: "xs = [1, 2]; append(xs, 3)") { args in
                let list = try args.list("list")
                list.elements.append(args.any("value"))
                return .list(list)
            },
            Builtin("map(values, function)", area: "lists",
                    doc: "A new list with the function applied to each element.",
                    example: "map([1, 2, 3], fn (x) { x * x })") { args in
                let function = try args.function("function")
                return .list(try args.sequence("values").map { try args.context.call(function, [$0]) })
            },
            Builtin("filter(values, function)", area: "lists",
                    doc: "A new list of the elements for which the function returns true.",
                    example: "filter(0..<10, fn (x) { x % 2 == 0 })") { args in
                let function = try args.function("function")
                return .list(try args.sequence("values").filter { element in
                    let keep = try args.context.call(function, [element])
                    guard case .bool(let truth) = keep else {
                        throw args.error("function", "must return true or false, returned \(keep.typeName) \(Indexing.shortDescription(keep))")
                    }
                    return truth
                })
            },
        ]
    }

    /// The numbers of a list, range or tensor argument.
    static func numbers(_ args: Arguments, _ name: String) throws -> [Double] {
        if case .tensor(let tensor) = args.any(name) { return tensor.tensor.data.map(Double.init) }
        if case .range(let range) = args.any(name) {
            guard range.count <= 10_000_000 else { throw args.error(name, "is too long a range") }
        }
        return try args.sequence(name).map { element in
            guard case .number(let x) = element else {
                throw args.error(name, "must hold numbers only, found \(element.typeName) \(Indexing.shortDescription(element))")
            }
            return x
        }
    }

    static func extreme(_ args: Arguments, _ better: (Double, Double) -> Bool) throws -> Value {
        var candidates = args.rest
        if candidates.count == 1 {
            switch candidates[0] {
            case .list(let list): candidates = list.elements
            case .tensor(let tensor): candidates = tensor.tensor.data.map { .number(Double($0)) }
            case .range(let range) where range.count > 0:
                let values = [range.lower, range.element(range.count - 1)]
                return .number(better(values[0], values[1]) ? values[0] : values[1])
            default: break
            }
        }
        guard !candidates.isEmpty else {
            throw BuiltinError("\(args.function): expected numbers or a non-empty list, got nothing")
        }
        var best = -Double.infinity
        for (position, candidate) in candidates.enumerated() {
            guard case .number(let x) = candidate else {
                throw args.restError(args.rest.count == 1 ? 0 : position,
                                     "must be a number, \(Arguments.got(candidate))")
            }
            if position == 0 || better(x, best) { best = x }
        }
        return .number(best)
    }
}
