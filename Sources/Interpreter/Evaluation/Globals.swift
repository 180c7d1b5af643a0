/// The session's global variables, by name. Compiled code holds the cells directly.
final class Globals {
    private(set) var cells: [String: GlobalCell] = [:]

    /// The cell for `name`, created (undefined) on first mention.
    func cell(_ name: String) -> GlobalCell {
        if let cell = cells[name] { return cell }
        let cell = GlobalCell(name: name)
        cells[name] = cell
        return cell
    }

    /// True when `name` has been assigned.
    func isDefined(_ name: String) -> Bool { cells[name]?.value != nil }

    /// The defined variables, sorted by name.
    var defined: [(name: String, value: Value)] {
        cells.compactMap { name, cell in cell.value.map { (name, $0) } }.sorted { $0.name < $1.name }
    }

    /// " (did you mean 'print'?)" when a defined name is a small typo away from `name`;
    /// otherwise empty. Only computed on the error path.
    func suggestion(for name: String) -> String {
        let allowed = max(1, name.count / 3)
        var best: (name: String, distance: Int)?
        for (candidate, cell) in cells where cell.value != nil && candidate != name {
            let distance = Globals.editDistance(name, candidate, limit: allowed)
            if distance <= allowed, distance < (best?.distance ?? Int.max) || (distance == best?.distance && candidate < (best?.name ?? "")) {
                best = (candidate, distance)
            }
        }
        return best.map { " (did you mean '\($0.name)'?)" } ?? ""
    }

    /// Edit distance where a swap of two neighbouring characters counts as one edit
    /// (optimal string alignment), giving up (returning limit + 1) once it must exceed `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            if (current.min() ?? 0) > limit { return limit + 1 }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }

    /// Forgets every variable. Code compiled earlier keeps its (now detached) cells.
    func removeAll() { cells = [:] }
}
