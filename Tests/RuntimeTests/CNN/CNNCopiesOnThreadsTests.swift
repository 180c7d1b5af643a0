import Foundation
import Testing
@testable import Runtime

/// Copies of one model (values that still share its workspace and the replica that runs the
/// second half of a split batch) predict on several threads at once and every one gets the
/// single-threaded answer: a copy takes a workspace of its own before it touches a replica.
@Suite struct CNNCopiesOnThreadsTests {
    @Test func copiesPredictAloneOnManyThreads() throws {
        let data = try CNNShardTests.data(count: 64, seed: 9)
        var model = try CNN(layers: CNNShardTests.specs, inputShape: [1, 10, 10], classes: 5, seed: 3)
        var predictions: [Int] = []
        _ = model.computeGradients(data, indices: Array(0..<32)[...], predictions: &predictions, shards: 2)
        #expect(model.workspace.replica != nil)
        var reference = model
        let expected = try reference.predict(data).data

        let attempts = 64
        let results = ResultSlots(count: attempts)
        let shared = model
        DispatchQueue.concurrentPerform(iterations: attempts) { attempt in
            var copy = shared
            results.set(attempt, (try? copy.predict(data).data) ?? [])
        }
        for attempt in 0..<attempts {
            #expect(results.get(attempt) == expected, "attempt \(attempt) differs")
        }
    }
}

/// One result per attempt, written from many threads.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Float]]
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [Float]) { lock.withLock { slots[index] = value } }
    func get(_ index: Int) -> [Float] { lock.withLock { slots[index] } }
}
