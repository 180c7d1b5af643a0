import Runtime

/// Real tables with any number of features and classes: the four shipped with nv
/// (data/tabular/README.md) and a user's CSV with a header and a label column.
enum TableBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("iris()", area: "data",
                    doc: "Fisher's iris: 150 flowers, 4 measurements in cm (sepal_length, sepal_width, petal_length, petal_width), 3 species. Returns a dataset.",
                    example: "show(iris(), features: [2, 3])") { args in
                .object(DatasetObject(try args.runtime { try TabularData.iris() }))
            },
            Builtin("wine()", area: "data",
                    doc: "UCI wine recognition: 178 wines, 13 chemical measurements in their own units (proline up to 1,680, hue near 1), 3 cultivars. Returns a dataset.",
                    example: "show(wine())") { args in
                .object(DatasetObject(try args.runtime { try TabularData.wine() }))
            },
            Builtin("penguins(missing: \"drop\")", area: "data",
                    doc: "Palmer penguins: the species (Adelie, Chinstrap, Gentoo) from bill length, bill depth, flipper length and body mass. Two of the 344 rows have no measurements: \"drop\" leaves them out (342 rows), \"error\" stops at the first.",
                    example: "show(penguins())") { args in
                let missing = try missingChoice(args, default: .drop)
                let result = try args.runtime { try TabularData.penguins(missing: missing) }
                return .object(DatasetObject(result.data, note: droppedNote(result.dropped)))
            },
            Builtin("digits()", area: "data",
                    doc: "The 8x8 handwritten digits (UCI, as scikit-learn ships them): 1,797 images as 64 pixel features with values 0 to 16, 10 classes. Returns a dataset.",
                    example: "show(digits())") { args in
                .object(DatasetObject(try args.runtime { try TabularData.digits() }))
            },
        ]
    }

    /// The `csv(path, label:, ...)` form: a table with a header. `features` names the feature
    /// columns (default: all but the label); `target` instead of `label` reads a number to regress on.
    static func table(_ args: inout Arguments, path: String) throws -> Value {
        guard !(args.has("label") && args.has("target")) else {
            throw args.error("target", "cannot be combined with label: a column is either classes (label) or a number to regress on (target)")
        }
        let target: TableCSV.Target = args.has("label") ? .label(try args.string("label")) : .value(try args.string("target"))
        var features: [String]?
        if args.has("features") {
            let value = args.any("features")
            guard case .list(let list) = value, !list.elements.isEmpty else {
                throw args.error("features", "must be a list of column names, like [\"a\", \"b\"], \(Arguments.got(value))")
            }
            features = try list.elements.map { element in
                guard case .string(let name) = element else {
                    throw args.error("features", "must be a list of column names, like [\"a\", \"b\"], \(Arguments.got(element))")
                }
                return name
            }
        }
        let missing = try missingChoice(args, default: .error)
        let result: TableCSV.Result
        do {
            result = try TableCSV.read(path: path, target: target, features: features, missing: missing)
        } catch let error as RuntimeError {
            var message = error.message.hasPrefix("csv:") ? error.message : "csv: " + error.message
            if message.contains(": missing value") {
                message += "; missing: \"drop\" leaves out the rows with one"
            } else if message.hasSuffix("feature columns must be numeric") && features == nil {
                message += "; choose the numeric columns with features: [\"...\"]"
            }
            throw BuiltinError(message)
        }
        return .object(DatasetObject(result.data, note: droppedNote(result.dropped)))
    }

    static func missingChoice(_ args: Arguments, default fallback: TableCSV.Missing) throws -> TableCSV.Missing {
        let text = try args.choice("missing", among: TableCSV.Missing.allCases.map(\.rawValue), default: fallback.rawValue)
        return TableCSV.Missing(rawValue: text) ?? .error
    }

    /// "2 rows with a missing value left out (lines 5, 273)", or nil when none was.
    static func droppedNote(_ lines: [Int]) -> String? {
        guard !lines.isEmpty else { return nil }
        let shown = lines.prefix(5).map(String.init).joined(separator: ", ") + (lines.count > 5 ? ", …" : "")
        return "\(lines.count) row\(lines.count == 1 ? "" : "s") with a missing value left out (line\(lines.count == 1 ? "" : "s") \(shown))"
    }
}
