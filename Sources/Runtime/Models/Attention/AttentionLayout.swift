/// Where each parameter lives in the model's one flat buffer, with the PyTorch state-dict name
/// and shape it is saved under (see `AttentionModel+Checkpoint`).
///
/// One buffer for all values (and one for all gradients) lets Adam run one loop over the whole
/// model and `zeroGradients` be one fill.
public struct AttentionLayout: Sendable, Equatable {
    /// One parameter: its name, shape, and offset into the flat buffer.
    public struct Slot: Sendable, Equatable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
    }

    /// Offsets of one block's parameters.
    public struct Block: Sendable, Equatable {
        public var ln1Weight = 0, ln1Bias = 0
        /// in_proj [3·dim, dim] (rows: query, key, value), its bias [3·dim].
        public var inWeight = 0, inBias = 0
        /// out_proj [dim, dim], bias [dim].
        public var outWeight = 0, outBias = 0
        public var ln2Weight = 0, ln2Bias = 0
        /// mlp.0 [hidden, dim] and [hidden]; mlp.2 [dim, hidden] and [dim].
        public var fc1Weight = 0, fc1Bias = 0, fc2Weight = 0, fc2Bias = 0
    }

    public private(set) var slots: [Slot] = []
    /// tok_emb.weight [vocab, dim], pos_emb.weight [context, dim].
    public private(set) var tokens = 0, positions = 0
    public private(set) var blocks: [Block] = []
    /// ln_f [dim] ×2, head.weight [vocab, dim], head.bias [vocab].
    public private(set) var lnfWeight = 0, lnfBias = 0, headWeight = 0, headBias = 0
    /// Values in the flat buffer.
    public private(set) var total = 0

    public init(_ c: AttentionConfig) {
        let (d, v) = (c.dim, c.vocab)
        tokens = add("tok_emb.weight", [v, d])
        positions = add("pos_emb.weight", [c.context, d])
        for l in 0..<c.layers {
            let p = "blocks.\(l)."
            var b = Block()
            b.ln1Weight = add(p + "ln1.weight", [d])
            b.ln1Bias = add(p + "ln1.bias", [d])
            b.inWeight = add(p + "attn.in_proj_weight", [3 * d, d])
            b.inBias = add(p + "attn.in_proj_bias", [3 * d])
            b.outWeight = add(p + "attn.out_proj.weight", [d, d])
            b.outBias = add(p + "attn.out_proj.bias", [d])
            if c.mlp {
                b.ln2Weight = add(p + "ln2.weight", [d])
                b.ln2Bias = add(p + "ln2.bias", [d])
                b.fc1Weight = add(p + "mlp.0.weight", [c.hidden, d])
                b.fc1Bias = add(p + "mlp.0.bias", [c.hidden])
                b.fc2Weight = add(p + "mlp.2.weight", [d, c.hidden])
                b.fc2Bias = add(p + "mlp.2.bias", [d])
            }
            blocks.append(b)
        }
        lnfWeight = add("ln_f.weight", [d])
        lnfBias = add("ln_f.bias", [d])
        headWeight = add("head.weight", [v, d])
        headBias = add("head.bias", [v])
    }

    private mutating func add(_ name: String, _ shape: [Int]) -> Int {
        let offset = total
        slots.append(Slot(name: name, shape: shape, offset: offset))
        total += shape.reduce(1, *)
        return offset
    }
}
