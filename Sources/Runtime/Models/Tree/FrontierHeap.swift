/// The open nodes of best-first growth, a max-heap on gain kept exactly as libstdc++'s
/// `push_heap` / `pop_heap` keep scikit-learn's frontier, so nodes of equal gain are expanded
/// in the same order as there.
struct FrontierHeap: Sendable {
    struct Entry: Sendable {
        var node: Int
        var gain: Double
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        siftUp(hole: entries.count - 1, top: 0, value: entry)
    }

    mutating func pop() -> Entry? {
        guard !entries.isEmpty else { return nil }
        let count = entries.count
        if count > 1 {
            // __pop_heap: the last element's value goes through the hole left by the first.
            let value = entries[count - 1]
            entries[count - 1] = entries[0]
            adjust(hole: 0, length: count - 1, value: value)
        }
        return entries.removeLast()
    }

    private mutating func siftUp(hole start: Int, top: Int, value: Entry) {
        var hole = start
        var parent = (hole - 1) / 2
        while hole > top && entries[parent].gain < value.gain {
            entries[hole] = entries[parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        entries[hole] = value
    }

    private mutating func adjust(hole start: Int, length: Int, value: Entry) {
        var hole = start
        var child = start
        while child < (length - 1) / 2 {
            child = 2 * (child + 1)
            if entries[child].gain < entries[child - 1].gain { child -= 1 }
            entries[hole] = entries[child]
            hole = child
        }
        if length & 1 == 0 && child == (length - 2) / 2 {
            child = 2 * (child + 1)
            entries[hole] = entries[child - 1]
            hole = child - 1
        }
        siftUp(hole: hole, top: start, value: value)
    }
}
