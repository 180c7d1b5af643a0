/// Every value of one forward pass of an `XORNetwork` over the four truth-table rows, for the
/// architecture panel (each node shows its input sum, activation and bias).
public struct XORForwardPass: Sendable, Equatable {
    /// Number of hidden units.
    public var hidden: Int
    /// Hidden input sums z1 = x·w1 + b1, `[4, hidden]` row-major (row r is truth-table row r).
    public var hiddenSums: [Double]
    /// Hidden activations a1 = σ(z1), `[4, hidden]`.
    public var hiddenActivations: [Double]
    /// Hidden biases, `[hidden]`.
    public var hiddenBiases: [Double]
    /// Output input sums z2 = a1·w2 + b2, `[4]`.
    public var outputSums: [Double]
    /// Outputs ŷ = σ(z2), `[4]`.
    public var outputs: [Double]
    /// Output bias.
    public var outputBias: Double

    /// The hidden activations of truth-table row `row`, `[hidden]`.
    public func activations(row: Int) -> [Double] {
        Array(hiddenActivations[(row * hidden)..<((row + 1) * hidden)])
    }
}

/// Norms of the averaged loss's gradient with respect to each weight matrix at one step.
public struct XORGradientNorms: Sendable, Equatable {
    /// ‖∂L/∂w1‖ (Frobenius).
    public var w1: Double
    /// ‖∂L/∂w2‖.
    public var w2: Double

    /// Creates the pair.
    public init(w1: Double, w2: Double) { self.w1 = w1; self.w2 = w2 }
}
