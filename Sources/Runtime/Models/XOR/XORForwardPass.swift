/// Every value of one forward pass of an `XORNetwork` over the four truth-table rows, for the
/// architecture panel (each node shows its input sum, activation and bias).
public struct XORForwardPass: Sendable, Equatable {
    /// Number of hidden units.
    public var hidden: Int
    /// Hidden input sums z1 = x·w1 + b1, `[4, hidden]` row-major (row r is truth-table row r).
    public var hiddenSums: [Float]
    /// Hidden activations a1 = σ(z1), `[4, hidden]`.
    public var hiddenActivations: [Float]
    /// Hidden biases, `[hidden]`.
    public var hiddenBiases: [Float]
    /// Output input sums z2 = a1·w2 + b2, `[4]`.
    public var outputSums: [Float]
    /// Outputs ŷ = σ(z2), `[4]`.
    public var outputs: [Float]
    /// Output bias.
    public var outputBias: Float

    /// The hidden activations of truth-table row `row`, `[hidden]`.
    public func activations(row: Int) -> [Float] {
        Array(hiddenActivations[(row * hidden)..<((row + 1) * hidden)])
    }
}

/// Norms of the averaged loss's gradient with respect to each weight matrix at one step.
public struct XORGradientNorms: Sendable, Equatable {
    /// ‖∂L/∂w1‖ (Frobenius).
    public var w1: Float
    /// ‖∂L/∂w2‖.
    public var w2: Float

    /// Creates the pair.
    public init(w1: Float, w2: Float) { self.w1 = w1; self.w2 = w2 }
}
