import Foundation
import Testing
@testable import Runtime

/// `Parallel.pair` and the worker behind it.
@Suite("Parallel pair")
struct ParallelTests {
    /// Slots written by the two halves of a pair, each half its own (raw memory: two threads
    /// writing elements of one Swift array would race on its copy-on-write check).
    final class Slots: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Int>
        let count: Int
        init(count: Int = 8) {
            self.count = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
        }
        deinit { pointer.deallocate() }
        var values: [Int] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
        subscript(i: Int) -> Int {
            get { pointer[i] }
            set { pointer[i] = newValue }
        }
    }

    /// Both halves run, every time, and a pair asked for inside a half runs inline (the
    /// worker is taken) — still both of its halves.
    @Test func bothHalvesRunAndNestedPairsRunInline() {
        let slots = Slots()
        for round in 1...200 {
            Parallel.pair({
                slots[0] = round
                Parallel.pair({ slots[1] = round }, { slots[2] = round })
            }, {
                slots[4] = round
                Parallel.pair({ slots[5] = round }, { slots[6] = round })
            })
            #expect(slots.values == [round, round, round, 0, round, round, round, 0])
        }
    }

    /// The worker wakes from its sleep (after 200 µs without work) for the next pair.
    @Test func wakesAfterSleeping() {
        let slots = Slots()
        for round in 1...3 {
            usleep(2_000)
            Parallel.pair({ slots[0] = round }, { slots[1] = round })
            #expect(slots[0] == round && slots[1] == round)
        }
    }

    /// forEachSlice covers the range once, in two halves when the work is large.
    @Test(arguments: [(1, 10), (7, Parallel.threshold), (10, Parallel.threshold)])
    func slicesCoverTheRange(count: Int, work: Int) {
        let slots = Slots(count: count)
        Parallel.forEachSlice(count, work: work) { range, _ in
            for i in range { slots[i] += 1 }
        }
        #expect(slots.values == [Int](repeating: 1, count: count))
    }
}
