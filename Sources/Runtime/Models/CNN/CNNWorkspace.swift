/// The activation and gradient buffers of one CNN, allocated once for the largest batch seen
/// and reused by every step, so training allocates nothing per step.
///
/// `activations[0]` is the input batch, `activations[i + 1]` the output of layer i.
/// A workspace is scratch: its contents mean nothing between calls. A model value that is
/// copied gets a fresh workspace the first time it runs (`CNN.ensureWorkspace`), so two copies
/// never write the same buffers.
final class CNNWorkspace: @unchecked Sendable {
    /// Per-sample size of the input and of every layer's output.
    let sizes: [Int]
    /// Batch capacity of the buffers.
    private(set) var capacity = 0
    /// activations[i] holds `capacity × sizes[i]` floats.
    private(set) var activations: [UnsafeMutablePointer<Float>] = []
    /// Two gradient buffers of the largest activation, used in turn by the backward pass.
    private(set) var gradients: [UnsafeMutablePointer<Float>] = []
    /// Probabilities `[capacity, classes]` when the network does not end in softmax.
    private(set) var probabilities: UnsafeMutablePointer<Float>?
    /// The copy of the network that runs the second half of split batches (made on first use).
    var replica: CNNReplica?
    /// The second core's half of adding the replica's gradients to this network's.
    let sumJob = RangeJob<GradientSum>()
    /// Per-sample predicted classes of the last `trainStep`, kept to reuse its storage.
    var predictions: [Int] = []

    init(sizes: [Int]) { self.sizes = sizes }

    /// Grows the buffers to hold `batch` samples (no-op when they already do).
    func reserve(batch: Int, classes: Int) {
        guard batch > capacity else { return }
        release()
        capacity = batch
        activations = sizes.map { allocate(batch * $0) }
        let largest = sizes.max() ?? 0
        gradients = [allocate(batch * largest), allocate(batch * largest)]
        probabilities = allocate(batch * classes)
    }

    private func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        return p
    }

    private func release() {
        for p in activations { p.deallocate() }
        for p in gradients { p.deallocate() }
        probabilities?.deallocate()
        activations = []
        gradients = []
        probabilities = nil
    }

    deinit { release() }
}
