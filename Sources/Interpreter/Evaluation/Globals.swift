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

    /// Forgets every variable. Code compiled earlier keeps its (now detached) cells.
    func removeAll() { cells = [:] }
}
