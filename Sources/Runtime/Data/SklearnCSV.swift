/// The CSV layout of the tables scikit-learn ships (iris.csv, wine_data.csv): a first line
/// `rows,features,class name 0,class name 1,...`, then one row per line, the features and then
/// the class index. The headerless variant (digits.csv.gz) has only the rows.
enum SklearnCSV {
    /// Reads a file with the `rows,features,names...` first line, checking every count it declares.
    /// - Throws: `RuntimeError` naming the line of a bad row, or a count that disagrees.
    static func read(path: String, featureNames: [String], name: String) throws -> Dataset {
        let lines = try lines(path: path)
        guard let first = lines.first, first.cells.count >= 4,
              let rows = Int(first.cells[0]), let features = Int(first.cells[1]) else {
            throw RuntimeError("\(visible(path, limit: 200)) line 1: expected 'rows,features,class names...'")
        }
        guard features == featureNames.count else {
            throw RuntimeError("\(visible(path, limit: 200)) line 1: \(features) features, expected \(featureNames.count)")
        }
        let data = try rowsOf(Array(lines.dropFirst()), path: path, featureNames: featureNames,
                              classNames: Array(first.cells[2...]), name: name)
        guard data.count == rows else {
            throw RuntimeError("\(visible(path, limit: 200)): \(data.count) rows, but line 1 declares \(rows)")
        }
        return data
    }

    /// Reads a file of rows only (features, then the class index).
    static func readHeaderless(path: String, featureNames: [String], classNames: [String], name: String) throws -> Dataset {
        try rowsOf(try lines(path: path), path: path, featureNames: featureNames, classNames: classNames, name: name)
    }

    static func lines(path: String) throws -> [CSVLines.Line] {
        let bytes = try CompressedFile.read(path, what: "load", limit: 64 << 20)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw RuntimeError("\(visible(path, limit: 200)) is not UTF-8 text")
        }
        return try CSVLines.split(text, source: visible(path, limit: 200))
    }

    static func rowsOf(_ lines: [CSVLines.Line], path: String, featureNames: [String], classNames: [String],
                       name: String) throws -> Dataset {
        let d = featureNames.count
        var points: [Float] = [], labels: [Int] = []
        points.reserveCapacity(lines.count * d)
        for line in lines {
            guard line.cells.count == d + 1 else {
                throw RuntimeError("\(visible(path, limit: 200)) line \(line.number): \(line.cells.count) cells, expected \(d) features and a class")
            }
            for cell in line.cells.prefix(d) {
                guard let v = Float(cell), v.isFinite else {
                    throw RuntimeError("\(visible(path, limit: 200)) line \(line.number): '\(visible(cell, limit: 40))' is not a number")
                }
                points.append(v)
            }
            guard let label = Int(line.cells[d]), label >= 0, label < classNames.count else {
                throw RuntimeError("\(visible(path, limit: 200)) line \(line.number): class '\(visible(line.cells[d], limit: 40))' is not in 0...\(classNames.count - 1)")
            }
            labels.append(label)
        }
        return try Dataset(points: points, labels: labels, featureNames: featureNames, classNames: classNames, name: name)
    }
}
