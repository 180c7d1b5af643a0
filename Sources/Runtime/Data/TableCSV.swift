import Foundation

/// Reads a table from CSV: a header line naming the columns, then one row per line (see
/// `CSVLines` for quoting, comments and line ends). One column is what rows are labelled with;
/// the feature columns (all the others, or the ones chosen) must be numeric.
///
/// - Class labels may be names ("setosa") or numbers ("0", "2"). Classes are numbered in
///   sorted order: numerically when every label is a number (so 0/1 labels stay classes 0 and
///   1), else alphabetically by name (as scikit-learn's `LabelEncoder` does).
/// - A regression target (`Target.value`) must be numeric.
/// - Missing values are an empty cell or `NA`, `N/A`, `NaN`, `null`, `?` (any case). By default
///   a missing value is an error naming its line and column; with `Missing.drop` the rows with a
///   missing value in a column that is used are left out and their line numbers reported.
///
/// Every error names the file, and the line and column where it can: a text cell in a feature
/// column, a row with a different number of cells from the header, an empty file, a label
/// column that does not exist, a label column with one class only.
public enum TableCSV {
    /// What a missing value does.
    public enum Missing: String, Sendable, CaseIterable {
        /// Stop with a message naming the line and column.
        case error
        /// Leave the row out (`Result.dropped` lists its line).
        case drop
    }

    /// The column rows are labelled with, and how it is read.
    public enum Target: Sendable, Equatable {
        /// A class label (names or numbers).
        case label(String)
        /// A continuous value to regress on.
        case value(String)

        var column: String {
            switch self { case .label(let c), .value(let c): return c }
        }
    }

    /// A table read from CSV.
    public struct Result: Sendable, Equatable {
        /// The rows kept.
        public var data: Dataset
        /// The file line numbers of rows left out for a missing value (`Missing.drop`).
        public var dropped: [Int]
    }

    /// The most classes a label column may have: more is almost surely a continuous column.
    public static let maxClasses = 1000

    /// Text that means "no value here".
    static let missingMarks: Set<String> = ["", "na", "n/a", "nan", "null", "?"]

    /// Parses CSV text; `source` names it in messages and becomes the data set's name.
    /// - Parameters:
    ///   - target: the label (or regression) column, by its header name.
    ///   - features: the feature columns by header name, in this order; nil takes every column
    ///     but the target, in file order.
    /// - Throws: `RuntimeError` naming the line and column of the first bad cell.
    public static func parse(_ text: String, source: String, target: Target, features: [String]? = nil,
                             missing: Missing = .error) throws -> Result {
        let lines = try CSVLines.split(text, source: source)
        guard let header = lines.first else {
            throw RuntimeError("\(source) is empty: a table needs a header line naming its columns, then rows")
        }
        let names = header.cells
        try checkHeader(names, line: header.number, source: source)
        let targetColumn = try column(target.column, in: names, source: source)
        let featureColumns = try chooseFeatures(features, names: names, target: targetColumn, source: source)
        guard lines.count > 1 else { throw RuntimeError("\(source) has a header but no rows") }

        var points: [Float] = [], targetCells: [(text: String, line: Int)] = [], dropped: [Int] = []
        points.reserveCapacity((lines.count - 1) * featureColumns.count)
        rows: for line in lines.dropFirst() {
            guard line.cells.count == names.count else {
                throw RuntimeError("\(source) line \(line.number): \(line.cells.count) cell\(line.cells.count == 1 ? "" : "s"), but the header has \(names.count) columns")
            }
            var row: [Float] = []
            for c in featureColumns + [targetColumn] {
                let cell = line.cells[c]
                if missingMarks.contains(cell.lowercased()) {
                    if missing == .drop { dropped.append(line.number); continue rows }
                    throw RuntimeError("\(place(source, line.number, c, names)): missing value\(cell.isEmpty ? "" : " '\(visible(cell, limit: 40))'")")
                }
                guard c != targetColumn else { continue }
                guard let v = Float(cell), v.isFinite else {
                    throw RuntimeError("\(place(source, line.number, c, names)): '\(visible(cell, limit: 40))' is not a number; feature columns must be numeric")
                }
                row.append(v)
            }
            points += row
            targetCells.append((line.cells[targetColumn], line.number))
        }
        guard !targetCells.isEmpty else {
            throw RuntimeError("\(source): every one of its \(lines.count - 1) rows has a missing value")
        }
        let featureNames = featureColumns.map { names[$0] }
        let data: Dataset
        switch target {
        case .value:
            var values: [Float] = []
            for (cell, line) in targetCells {
                guard let v = Float(cell), v.isFinite else {
                    throw RuntimeError("\(place(source, line, targetColumn, names)): '\(visible(cell, limit: 40))' is not a number; a regression target must be numeric")
                }
                values.append(v)
            }
            data = try Dataset(points: points, targets: values, featureNames: featureNames,
                               targetName: names[targetColumn], name: source)
        case .label:
            let (labels, classNames) = try encodeClasses(targetCells.map(\.text), column: names[targetColumn], source: source)
            data = try Dataset(points: points, labels: labels, featureNames: featureNames, classNames: classNames, name: source)
        }
        return Result(data: data, dropped: dropped)
    }

    /// Reads and parses the file at `path` (gzip-compressed or plain).
    /// - Throws: `RuntimeError` when the file cannot be read or is not UTF-8, or as `parse`.
    public static func read(path: String, target: Target, features: [String]? = nil, missing: Missing = .error) throws -> Result {
        let bytes = try CompressedFile.read(path, what: "csv", limit: 256 << 20)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw RuntimeError("csv: '\(visible(path, limit: 200))' is not UTF-8 text")
        }
        return try parse(text, source: visible(path, limit: 200), target: target, features: features, missing: missing)
    }

    /// "p.csv line 4, column 2 'sepal_width'": where a cell is, for messages.
    static func place(_ source: String, _ line: Int, _ column: Int, _ names: [String]) -> String {
        "\(source) line \(line), column \(column + 1) '\(visible(names[column], limit: 40))'"
    }

    static func checkHeader(_ names: [String], line: Int, source: String) throws {
        var seen = Set<String>()
        for (i, name) in names.enumerated() {
            guard !name.isEmpty else { throw RuntimeError("\(source) line \(line): column \(i + 1) of the header has no name") }
            guard seen.insert(name).inserted else {
                throw RuntimeError("\(source) line \(line): the column name '\(visible(name, limit: 40))' is used twice")
            }
        }
    }

    /// The index of the column called `name`.
    static func column(_ name: String, in names: [String], source: String) throws -> Int {
        if let i = names.firstIndex(of: name) { return i }
        let shown = names.prefix(20).map { visible($0, limit: 40) }.joined(separator: ", ")
        throw RuntimeError("\(source) has no column '\(visible(name, limit: 40))'; its columns are: \(shown)\(names.count > 20 ? ", …" : "")")
    }

    static func chooseFeatures(_ chosen: [String]?, names: [String], target: Int, source: String) throws -> [Int] {
        guard let chosen else {
            guard names.count > 1 else {
                throw RuntimeError("\(source) has only the column '\(visible(names[target], limit: 40))', no feature columns")
            }
            return names.indices.filter { $0 != target }
        }
        guard !chosen.isEmpty else { throw RuntimeError("\(source): no feature columns chosen") }
        var columns: [Int] = []
        for name in chosen {
            let c = try column(name, in: names, source: source)
            guard c != target else {
                throw RuntimeError("\(source): the column '\(visible(name, limit: 40))' is the label; it cannot be a feature too")
            }
            guard !columns.contains(c) else {
                throw RuntimeError("\(source): the feature column '\(visible(name, limit: 40))' is chosen twice")
            }
            columns.append(c)
        }
        return columns
    }

    /// Class indices and names for label cells: sorted numerically when all are numbers, else
    /// by name.
    static func encodeClasses(_ cells: [String], column: String, source: String) throws -> (labels: [Int], names: [String]) {
        let numbers = cells.map { Double($0) }
        var classNames: [String]
        var index: [String: Int] = [:]
        if numbers.allSatisfy({ $0 != nil && $0!.isFinite }) {
            // "1" and "1.0" are one class; it is named as first written.
            var firstText: [Double: String] = [:]
            for (cell, v) in zip(cells, numbers) where firstText[v!] == nil { firstText[v!] = cell }
            let values = firstText.keys.sorted()
            classNames = values.map { firstText[$0]! }
            let rank = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            for (cell, v) in zip(cells, numbers) { index[cell] = rank[v!] }
        } else {
            classNames = Set(cells).sorted()
            for (i, name) in classNames.enumerated() { index[name] = i }
        }
        guard classNames.count >= 2 else {
            throw RuntimeError("\(source): the label column '\(visible(column, limit: 40))' has one class only ('\(visible(classNames.first ?? "", limit: 40))'); a classifier needs at least two")
        }
        guard classNames.count <= maxClasses else {
            throw RuntimeError("\(source): the label column '\(visible(column, limit: 40))' has \(classNames.count) different values, more than the \(maxClasses) classes nv takes; is it a continuous value to regress on?")
        }
        return (cells.map { index[$0]! }, classNames)
    }
}
