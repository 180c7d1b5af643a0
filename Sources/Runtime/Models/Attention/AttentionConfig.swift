import Foundation

/// The shape of a tiny transformer: token and positional embeddings of width `dim`, `layers`
/// pre-norm blocks (multi-head self-attention, then optionally an MLP of width 4·dim, each
/// around a residual), a final layer norm and a linear head over the vocabulary.
public struct AttentionConfig: Sendable, Equatable, Codable {
    /// Tokens in the vocabulary (the head's outputs).
    public var vocab: Int
    /// Width of the residual stream (d_model).
    public var dim: Int
    /// Attention heads per layer; each has dim / heads dimensions.
    public var heads: Int
    /// Transformer blocks.
    public var layers: Int
    /// Longest sequence the positional embedding covers.
    public var context: Int
    /// Whether a position may attend only to itself and earlier positions.
    public var causal: Bool
    /// Whether each block has an MLP (Linear dim→4·dim, ReLU, Linear 4·dim→dim) after attention.
    public var mlp: Bool

    /// At most this many parameters, so a config from a file cannot ask for gigabytes.
    public static let maximumParameters = 20_000_000
    /// At most this long a context (the attention maps are context², per head and sample).
    public static let maximumContext = 1024

    public init(vocab: Int, dim: Int = 32, heads: Int = 2, layers: Int = 1, context: Int = 16,
                causal: Bool = false, mlp: Bool = true) {
        self.vocab = vocab
        self.dim = dim
        self.heads = heads
        self.layers = layers
        self.context = context
        self.causal = causal
        self.mlp = mlp
    }

    /// Dimensions per head.
    public var headDim: Int { dim / heads }
    /// Width of the MLP's hidden layer.
    public var hidden: Int { 4 * dim }

    /// Throws when the shape is impossible or too large, naming the argument.
    public func validate() throws {
        func positive(_ value: Int, _ name: String) throws {
            guard value > 0 else { throw RuntimeError("attention: '\(name)' must be a positive integer, got \(value)") }
        }
        try positive(dim, "dim")
        try positive(heads, "heads")
        try positive(layers, "layers")
        try positive(context, "context")
        guard vocab >= 2 else { throw RuntimeError("attention: the vocabulary needs at least 2 tokens, got \(vocab)") }
        guard dim % heads == 0 else {
            throw RuntimeError("attention: 'heads' (\(heads)) must divide 'dim' (\(dim)); try heads: \(Self.divisorNear(heads, of: dim))")
        }
        guard context <= Self.maximumContext else {
            throw RuntimeError("attention: 'context' is \(context); at most \(Self.maximumContext) positions are supported")
        }
        guard dim <= 4096, layers <= 64, vocab <= 1_000_000, parameterCount <= Self.maximumParameters else {
            throw RuntimeError("attention: dim \(dim), \(layers) layers and \(vocab) tokens make more than \(Self.maximumParameters) parameters")
        }
    }

    /// The divisor of `dim` closest to `heads`, for the message.
    public static func divisorNear(_ heads: Int, of dim: Int) -> Int {
        (1...max(1, dim)).filter { dim % $0 == 0 }.min { abs($0 - heads) < abs($1 - heads) } ?? 1
    }

    /// Trainable values, counted from the layout.
    public var parameterCount: Int { AttentionLayout(self).total }
}
