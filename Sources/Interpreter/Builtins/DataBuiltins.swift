import Runtime

/// Data sets: TensorFlow Playground's 2D generators (seeded by the session's generator unless
/// given `seed:`), the shipped tables and a user's CSV file (`TableBuiltins`), and a train/test
/// split for any of them.
enum DataBuiltins {
    static func all() -> [Builtin] {
        // A switch, not a dictionary keyed by the kind: the dictionary's type was made at every
        // start, a thirtieth of the start-up.
        func doc(_ kind: PlaygroundData.Kind) -> String {
            switch kind {
            case .circle: "Points inside a circle (class 1) and in a ring around it (class 0)."
            case .gaussian: "Two Gaussian blobs, one per class."
            case .spiral: "Two interleaved spirals."
            case .moons: "Two interleaving half circles (scikit-learn's make_moons, scaled)."
            case .quadrants: "The playground's noisy XOR: the class is the sign of x·y."
            }
        }
        let generators = PlaygroundData.Kind.allCases.map { kind in
            Builtin("\(kind.rawValue)(n: 200, noise: 0.1, seed?)", area: "data",
                    doc: doc(kind) + " Returns a dataset.",
                    example: "data = \(kind.rawValue)(n: 400, noise: 0.1)") { args in
                try generate(kind, &args)
            }
        }
        return generators + TableBuiltins.all() + [
            Builtin("csv(path, label?, features?, target?, missing: \"error\")", area: "data",
                    doc: "Reads a table. Without label: your own 2D points, lines of x, y, label (0 or 1), an optional header. With label: a header line, then rows; label names the class column (names or numbers), features the numeric feature columns (default: all the others); target instead of label names a number to regress on. A missing value (empty, NA) is an error naming its line and column, or with missing: \"drop\" its row is left out.",
                    example: "data = csv(\"examples/points.csv\")") { args in
                let path = try args.inputPath("path")
                if args.has("label") || args.has("target") { return try TableBuiltins.table(&args, path: path) }
                for name in ["features", "missing"] where args.has(name) {
                    throw args.error(name, "needs a table read with label: (or target:), e.g. csv(path, label: \"species\")")
                }
                return .object(DatasetObject(try args.runtime { try CSVPoints.read(path: path) }))
            },
            Builtin("split(data, fraction: 0.8, seed?)", area: "data",
                    doc: "Shuffles a dataset and cuts it into .train (that fraction) and .test parts; train(m, data) then uses both.",
                    example: "data = split(spiral(n: 400), 0.8)") { args in
                let object = try args.dataset("data")
                let data = object.data
                let fraction = try args.has("fraction") ? args.number("fraction") : 0.8
                guard fraction > 0, fraction < 1 else {
                    throw args.error("fraction", "must be between 0 and 1 (the training share), got \(Value.format(fraction))")
                }
                let parts = try args.withGenerator { rng in try data.split(trainFraction: fraction, rng: &rng) }
                guard parts.train.count > 0, parts.test.count > 0 else {
                    throw args.error("fraction", "leaves an empty part of \(data.count) points; use more points or a fraction nearer 0.5")
                }
                return .object(DatasetObject(data, train: parts.train, test: parts.test, note: object.note))
            },
        ]
    }

    static func generate(_ kind: PlaygroundData.Kind, _ args: inout Arguments) throws -> Value {
        let n = try args.has("n") ? args.positiveInteger("n") : 200
        let noise = try args.has("noise") ? args.nonNegativeNumber("noise") : 0.1
        let limit = 1_000_000
        guard n <= limit else { throw args.error("n", "must be at most \(limit), got \(n)") }
        guard n >= 2 else { throw args.error("n", "must be at least 2 (one point of each class), got \(n)") }
        guard noise <= 1 else { throw args.error("noise", "must be from 0 to 1, got \(Value.format(noise))") }
        var data = try args.withGenerator { rng in try PlaygroundData.make(kind, n: n, noise: noise, rng: &rng) }
        data.name = "\(kind.rawValue)(n: \(n), noise: \(Value.format(noise)))"
        return .object(DatasetObject(data))
    }
}
