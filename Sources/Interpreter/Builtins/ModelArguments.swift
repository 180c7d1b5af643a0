import Runtime

/// Argument readers shared by the model, data and training builtins, so their messages have
/// the one shape (`mlp: argument 'activation' must be one of "tanh", "relu", ..., got "tan"`).
extension Arguments {
    /// Runs Runtime code, turning its `RuntimeError` into this builtin's message (Runtime
    /// messages already name the builtin or file where they can).
    func runtime<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RuntimeError {
            let message = error.message.hasPrefix("\(function):") ? error.message : "\(function): \(error.message)"
            throw BuiltinError(message)
        }
    }

    /// Images from `mnist(...)` (or one of its parts).
    func images(_ name: String) throws -> ImageDataObject {
        let value = any(name)
        if case .object(let object) = value, let data = object as? ImageDataObject { return data }
        throw error(name, "must be images from mnist(...) or one of its parts (data.train, data.test), \(Arguments.got(value))")
    }

    /// A data set made by `circle(...)`, `csv(...)`, `split(...)`, ...
    func dataset(_ name: String) throws -> DatasetObject {
        let value = any(name)
        if case .object(let object) = value, let data = object as? DatasetObject { return data }
        throw error(name, "must be a dataset (from circle, gaussian, spiral, moons, quadrants, iris, wine, penguins, digits, csv or split), \(Arguments.got(value))")
    }

    /// One of a fixed set of strings; `fallback` when not given.
    func choice(_ name: String, among options: [String], default fallback: String) throws -> String {
        guard has(name) else { return fallback }
        let value = any(name)
        let list = options.map { "\"\($0)\"" }.joined(separator: ", ")
        guard case .string(let text) = value, options.contains(text) else {
            throw error(name, "must be one of \(list), \(Arguments.got(value))")
        }
        return text
    }

    /// A finite number above zero; `fallback` when not given.
    func positiveNumber(_ name: String, default fallback: Double) throws -> Double {
        guard has(name) else { return fallback }
        let value = any(name)
        guard case .number(let x) = value, x.isFinite, x > 0 else {
            throw error(name, "must be a positive number, \(Arguments.got(value))")
        }
        return x
    }

    /// A finite number of zero or more.
    func nonNegativeNumber(_ name: String) throws -> Double {
        let value = any(name)
        guard case .number(let x) = value, x.isFinite, x >= 0 else {
            throw error(name, "must be a number of 0 or more, \(Arguments.got(value))")
        }
        return x
    }

    /// A positive integer no larger than `limit`; `fallback` when not given.
    func count(_ name: String, default fallback: Int, limit: Int) throws -> Int {
        guard has(name) else { return fallback }
        let n = try positiveInteger(name)
        guard n <= limit else { throw error(name, "must be at most \(limit), got \(n)") }
        return n
    }

    /// Runs Runtime code that draws random numbers: from a generator of its own when the
    /// builtin was given `seed:`, else from the session's (which then moves on).
    func withGenerator<T>(_ body: (inout SeededGenerator) throws -> T) throws -> T {
        if has("seed") {
            let value = any("seed")
            guard case .number(let x) = value, let seed = UInt64(exactly: x) else {
                throw error("seed", "must be a whole number of 0 or more, \(Arguments.got(value))")
            }
            var own = SeededGenerator(seed: seed)
            return try runtime { try body(&own) }
        }
        let session = context.session
        var rng = session.generator
        let result = try runtime { try body(&rng) }
        session.generator = rng
        return result
    }

    /// A path to read from: the string argument `name`, found as `InputPath` describes.
    func inputPath(_ name: String) throws -> String {
        InputPath.resolve(try path(name), sourceDirectory: context.session.sourceDirectory)
    }

    /// Runs a model builder's draws of its starting weights: from `seed:` when given, else from
    /// the session's seed (`--seed N`, `seed(n)`, 42 by default) — never from the running
    /// generator, so the same line builds the same network whatever the session drew before
    /// (typed after a few `randn` lines, the README's `xor(hidden: 2)` used to start elsewhere
    /// and get stuck). Also returns the seed used.
    func withModelGenerator<T>(_ body: (inout SeededGenerator) throws -> T) throws -> (value: T, seed: UInt64) {
        var seed = context.session.seed
        if has("seed") {
            let value = any("seed")
            guard case .number(let x) = value, let given = UInt64(exactly: x) else {
                throw error("seed", "must be a whole number of 0 or more, \(Arguments.got(value))")
            }
            seed = given
        }
        var own = SeededGenerator(seed: seed)
        return (try runtime { try body(&own) }, seed)
    }

    /// 2D points `[n, 2]` row-major from a list of [x, y] pairs, a tensor, one pair, or a
    /// dataset; `single` is true for one bare pair (the caller returns one number).
    func points(_ name: String) throws -> (points: [Double], single: Bool) {
        let value = any(name)
        if case .object(let object) = value, let data = object as? DatasetObject {
            return (data.data.points.map(Double.init), false)
        }
        let tensor: Tensor
        do {
            tensor = try Conversions.tensor(from: value)
        } catch {
            throw self.error(name, "must be points as [x, y] pairs: \(error.message)")
        }
        if tensor.shape == [2] { return (tensor.data.map(Double.init), true) }
        guard tensor.rank == 2, tensor.shape[1] == 2 else {
            throw self.error(name, "must be points as [x, y] pairs (shape [n, 2]), got shape \(tensor.shape)")
        }
        guard tensor.data.allSatisfy(\.isFinite) else { throw self.error(name, "must hold finite numbers") }
        return (tensor.data.map(Double.init), false)
    }
}
