import Foundation
import Runtime

/// The small real tables of the reference check, read from their CSV files (scikit-learn's
/// layout for iris and wine; penguins with a header, rows with NA dropped).
enum TabularFiles {
    struct Table {
        var points: [Float]   // points: [n, d]
        var labels: [Int]     // labels: [n]
        var features: Int
        var classes: Int
    }

    /// iris.csv / wine_data.csv: a first line `rows,features,names...`, then features and the class.
    static func sklearnLayout(_ path: String) throws -> Table {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ","), header.count >= 3, let d = Int(header[1]) else {
            throw RuntimeError("\(path): no scikit-learn header")
        }
        var table = Table(points: [], labels: [], features: d, classes: header.count - 2)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == d + 1, let label = Int(fields[d]) else { throw RuntimeError("\(path): bad row '\(line)'") }
            table.points += try fields.prefix(d).map { field in
                guard let v = Float(field) else { throw RuntimeError("\(path): bad value '\(field)'") }
                return v
            }
            table.labels.append(label)
        }
        return table
    }

    /// penguins.csv: bill length, bill depth, flipper length, body mass; species as the class.
    static func penguins(_ path: String) throws -> Table {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        let species = ["Adelie", "Chinstrap", "Gentoo"]
        var table = Table(points: [], labels: [], features: 4, classes: 3)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 6, let label = species.firstIndex(of: fields[0]) else { continue }
            let values = fields[2...5].compactMap(Float.init)
            guard values.count == 4 else { continue }   // NA
            table.points += values
            table.labels.append(label)
        }
        return table
    }
}
