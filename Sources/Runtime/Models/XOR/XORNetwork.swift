import CKernels
import Foundation

/// The XOR network of the original Network-Visualizers visualizer: 2 inputs, `hidden` sigmoid
/// units, 1 sigmoid output, trained by full-batch gradient descent on the XOR truth table.
///
/// The maths follows the original NumPy code exactly: weights from a standard normal, biases zero,
/// loss ½(ŷ − y)² averaged over the four rows, gradients of the summed loss divided by the batch
/// size, learning rate 0.1. Weights keep the original's layout: `w1` is `[2, hidden]` (input-major,
/// so `w1[0, 1]` is the weight from input 1 to hidden unit 2, as the original indexes it) and `w2`
/// is `[hidden, 1]`. Values are Double, like NumPy's float64, so that a run started from the
/// original's weights (`init(hidden:numpySeed:)`) follows the original's to about 1e-12.
public struct XORNetwork: Sendable {
    /// Number of hidden units (at least 1).
    public let hidden: Int
    /// Input-to-hidden weights, `[2, hidden]` row-major: `w1[i * hidden + j]` joins input i to unit j.
    public var w1: [Double]
    /// Hidden biases, `[hidden]`.
    public var b1: [Double]
    /// Hidden-to-output weights, `[hidden]` (the original's `(hidden, 1)`).
    public var w2: [Double]
    /// Output bias.
    public var b2: Double
    /// Step size of gradient descent.
    public var learningRate: Double
    /// Epochs trained so far (one epoch is one full-batch step).
    public private(set) var epoch: Int = 0
    /// Loss before each step, one per epoch trained so far.
    public private(set) var losses: [Double] = []
    /// Trajectory points recorded by `train`'s reports (see `trajectory`).
    var history: [XORTrajectoryPoint] = []

    /// The XOR truth table, `[4, 2]` row-major: (0,0), (0,1), (1,0), (1,1).
    public static let inputs: [Double] = [0, 0, 0, 1, 1, 0, 1, 1]
    /// The XOR targets for `inputs`, `[4]`.
    public static let targets: [Double] = [0, 1, 1, 0]
    /// Rows in the data set.
    public static let batch = 4
    /// The largest hidden layer accepted (far more than a dashboard can show).
    public static let maximumHidden = 4096

    // Scratch for `step()`, kept so that a step allocates nothing.
    var scratch: Scratch
    /// How the steps are computed (tests compare the paths; all give the same bits).
    var stepPath = XORStepPath.best

    /// A network with weights drawn from a standard normal (w1 row by row, then w2, as NumPy's
    /// `randn(2, h)` then `randn(h, 1)`) and zero biases.
    /// - Throws: `RuntimeError` when `hidden` is not in 1...`maximumHidden` or the learning rate
    ///   is not a positive number.
    public init(hidden: Int, learningRate: Double = 0.1, rng: inout SeededGenerator) throws {
        guard hidden >= 1, hidden <= Self.maximumHidden else {
            throw RuntimeError("the hidden layer needs 1 to \(Self.maximumHidden) units, got \(hidden)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw RuntimeError("the learning rate must be a positive number, got \(learningRate)")
        }
        self.hidden = hidden
        self.learningRate = learningRate
        w1 = (0..<(2 * hidden)).map { _ in rng.normal() }
        b1 = Array(repeating: 0, count: hidden)
        w2 = (0..<hidden).map { _ in rng.normal() }
        b2 = 0
        scratch = Scratch(hidden: hidden)
    }

    /// A network starting from exactly the weights the original NumPy code draws after
    /// `np.random.seed(numpySeed)`: `w1 = randn(2, h)`, then `w2 = randn(h, 1)`, biases zero.
    /// For one-to-one comparisons with the original; `init(hidden:rng:)` is nv's own way.
    /// - Throws: `RuntimeError` as `init(hidden:learningRate:rng:)`.
    public init(hidden: Int, learningRate: Double = 0.1, numpySeed: UInt32) throws {
        var unused = SeededGenerator(seed: 0)
        try self.init(hidden: hidden, learningRate: learningRate, rng: &unused)
        var numpy = NumPyRandomState(seed: numpySeed)
        w1 = (0..<(2 * hidden)).map { _ in numpy.gauss() }
        w2 = (0..<hidden).map { _ in numpy.gauss() }
    }

    /// The loss ½ mean (ŷ − y)² of the current weights on the truth table (no update).
    public var loss: Double { Self.loss(of: forward()) }

    /// One full-batch gradient-descent step; returns the loss before the update (as the original
    /// records it) and keeps the weight-gradient norms of this step in `lastGradientNorms`.
    @discardableResult
    public mutating func step() -> Double {
        _ = runSteps(1, stop: nil)
        return losses[losses.count - 1]
    }

    /// Up to `count` steps, each loss appended to `losses`: stops before a step when `stop` is
    /// raised, and after a step whose loss is not finite. Returns the steps run and why it
    /// stopped early. The weights are borrowed once for all the steps (not once a step), and
    /// `b2` stays in a register between them. Up to `kernelMaximumHidden` units the steps run in
    /// the C kernel (`runKernelSteps`: the same bits, the flag looked at every
    /// `stopCheckInterval` steps).
    mutating func runSteps(_ count: Int, stop: StopFlag?) -> (run: Int, stopped: Bool, diverged: Bool) {
        if hidden <= Self.kernelMaximumHidden, let isa = stepPath.isa {
            var history = losses             // moved out and back, so growing it never copies it
            losses = []
            let result = runKernelSteps(count, stop: stop, isa: isa, history: &history)
            losses = history
            epoch += result.run
            return result
        }
        let h = hidden, scale = learningRate / Double(Self.batch)
        var history = losses                 // moved out and back, so appending never copies it
        losses = []
        var b2 = self.b2
        // Squared norms of the last step's weight gradients; their square roots are taken once,
        // after the loop (a square root each step held up the divisions of the sigmoids).
        var w1Squares = 0.0, w2Squares = 0.0
        var run = 0, stopped = false, diverged = false
        scratch.a1.withUnsafeMutableBufferPointer { a1 in   // a1: [h] of [4]
        w1.withUnsafeMutableBufferPointer { w1 in           // w1: [2, h]
        w2.withUnsafeMutableBufferPointer { w2 in           // w2: [h]
        b1.withUnsafeMutableBufferPointer { b1 in           // b1: [h]
            let (a1, w1, w2, b1) = (a1.baseAddress!, w1.baseAddress!, w2.baseAddress!, b1.baseAddress!)
            while run < count {
                if let stop, stop.isRaised { stopped = true; break }
                let loss = Self.step(hidden: h, scale: scale, w1: w1, b1: b1, w2: w2, b2: &b2, a1: a1,
                                     w1Squares: &w1Squares, w2Squares: &w2Squares)
                history.append(loss)
                run += 1
                if !loss.isFinite { diverged = true; break }
            }
        }}}}
        losses = history
        self.b2 = b2
        if run > 0 {
            let m = Double(Self.batch)
            scratch.norms = XORGradientNorms(w1: w1Squares.squareRoot() / m, w2: w2Squares.squareRoot() / m)
        }
        epoch += run
        return (run, stopped, diverged)
    }

    /// Room in `losses` for `epochs` more: one allocation for a whole run, not a copy of the
    /// history each time it outgrows its buffer.
    mutating func reserveLosses(_ epochs: Int) {
        if losses.capacity - losses.count < epochs { losses.reserveCapacity(losses.count + epochs) }
    }

    /// One full-batch step on raw buffers; returns the loss before the update and sets the
    /// squared norms of the summed loss's weight gradients.
    ///
    /// The four truth-table rows travel together as the lanes of a `SIMD4<Double>`; each hidden
    /// unit's gradient is complete once the output's is known, so it is applied at once and no
    /// gradient buffer is needed.
    @inline(__always)
    static func step(hidden h: Int, scale: Double, w1: UnsafeMutablePointer<Double>, b1: UnsafeMutablePointer<Double>,
                     w2: UnsafeMutablePointer<Double>, b2: inout Double, a1: UnsafeMutablePointer<SIMD4<Double>>,
                     w1Squares: inout Double, w2Squares: inout Double) -> Double {
        // lanes = truth-table rows: x0, x1, y are [4]
        let x0 = SIMD4<Double>(0, 0, 1, 1), x1 = SIMD4<Double>(0, 1, 0, 1), y = SIMD4<Double>(0, 1, 1, 0)
        var w1Norm = 0.0, w2Norm = 0.0
        // forward: z1_j = x0 w1[0,j] + x1 w1[1,j] + b1_j, a1_j = σ(z1_j); z2 = Σ_j a1_j w2_j + b2
        var z2 = SIMD4<Double>(repeating: b2)
        for j in 0..<h {
            let a = sigmoid4(x0 * w1[j] + x1 * w1[h + j] + b1[j])
            a1[j] = a
            z2 += a * w2[j]
        }
        // Kept whole so that the output's 1 / (1 + e) stays one 4-wide division (the compiler
        // otherwise splits it into four scalar divisions, later on the chain of dependent steps).
        let yHat = nv_whole_vector4(sigmoid4(z2))
        let err = yHat - y
        let loss = 0.5 * (err * err).sum() / Double(batch)
        // backward: dz2 = (ŷ − y) σ'(z2) [4]; ∂w2_j = Σ a1_j dz2; dz1_j = dz2 w2_j σ'(z1_j) [4]
        let dz2 = err * yHat * (1 - yHat)
        let b2Gradient = dz2.sum()
        for j in 0..<h {
            let a = a1[j]
            let dz1 = dz2 * w2[j] * a * (1 - a)
            let gw2 = (a * dz2).sum(), gb1 = dz1.sum()
            let gw10 = (x0 * dz1).sum(), gw11 = (x1 * dz1).sum()
            w2Norm += gw2 * gw2
            w1Norm += gw10 * gw10 + gw11 * gw11
            // Gradients of the summed loss divided by the batch size, as the original does.
            w2[j] -= scale * gw2
            b1[j] -= scale * gb1
            w1[j] -= scale * gw10
            w1[h + j] -= scale * gw11
        }
        b2 -= scale * b2Gradient
        (w1Squares, w2Squares) = (w1Norm, w2Norm)
        return loss
    }

    /// Norms of the loss gradient with respect to `w1` and `w2` at the last step (zero before
    /// the first step). These are the gradients of the averaged loss, i.e. the original's summed
    /// gradients divided by the batch size.
    public var lastGradientNorms: XORGradientNorms { scratch.norms }

    /// The forward pass on the truth table with every intermediate value the dashboard shows.
    public func forward() -> XORForwardPass { forward(w1: w1) }

    /// The forward pass with a replacement `w1` (same layout), other weights held.
    func forward(w1 w1Override: [Double]) -> XORForwardPass {
        let h = hidden
        var z1 = [Double](repeating: 0, count: Self.batch * h)
        var a1 = z1
        var z2 = [Double](repeating: 0, count: Self.batch)
        var a2 = z2
        for r in 0..<Self.batch {
            let x0 = Self.inputs[2 * r], x1 = Self.inputs[2 * r + 1]
            var sum = b2
            for j in 0..<h {
                let z = x0 * w1Override[j] + x1 * w1Override[h + j] + b1[j]
                z1[r * h + j] = z
                a1[r * h + j] = sigmoid(z)
                sum += a1[r * h + j] * w2[j]
            }
            z2[r] = sum
            a2[r] = sigmoid(sum)
        }
        return XORForwardPass(hidden: h, hiddenSums: z1, hiddenActivations: a1,
                              hiddenBiases: b1, outputSums: z2, outputs: a2, outputBias: b2)
    }

    /// Output probabilities for arbitrary points, `points`: `[n, 2]` row-major → `[n]`.
    public func predict(points: [Double]) -> [Double] {
        let n = points.count / 2
        var out = [Double](repeating: 0, count: n)
        for r in 0..<n {
            let x0 = points[2 * r], x1 = points[2 * r + 1]
            var sum = b2
            for j in 0..<hidden {
                sum += sigmoid(x0 * w1[j] + x1 * w1[hidden + j] + b1[j]) * w2[j]
            }
            out[r] = sigmoid(sum)
        }
        return out
    }

    /// True when all four outputs are on the right side of 0.5.
    public var solvesXOR: Bool {
        zip(forward().outputs, Self.targets).allSatisfy { ($0 >= 0.5) == ($1 >= 0.5) }
    }

    /// ½ mean (ŷ − y)² of a forward pass against the XOR targets.
    static func loss(of pass: XORForwardPass) -> Double {
        var sum: Double = 0
        for r in 0..<batch {
            let e = pass.outputs[r] - targets[r]
            sum += e * e
        }
        return 0.5 * sum / Double(batch)
    }

    /// Per-step buffers: hidden activations `a1` `[h]` of 4 lanes (one per truth-table row).
    struct Scratch: Sendable {
        var a1: [SIMD4<Double>]
        var norms = XORGradientNorms(w1: 0, w2: 0)
        init(hidden h: Int) { a1 = Array(repeating: .zero, count: h) }
    }
}

/// The logistic sigmoid 1 / (1 + e^−z).
@inline(__always) func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

/// The sigmoid of each lane: the same bits as `sigmoid` of each (`VectorExp` is glibc's `exp`
/// four lanes at a time).
@inline(__always) func sigmoid4(_ z: SIMD4<Double>) -> SIMD4<Double> {
    1 / (1 + VectorExp.exp(-z))
}
