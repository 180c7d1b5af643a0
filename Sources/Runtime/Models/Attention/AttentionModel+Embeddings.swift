extension AttentionModel {
    /// The token embedding table `[vocab, dim]`.
    public var tokenEmbeddings: [Float] {
        Array(values[layout.tokens..<(layout.tokens + config.vocab * config.dim)])
    }

    /// The token embeddings on their first two principal axes, `[vocab, 2]`, with the share of
    /// variance each axis explains.
    public var embeddingPCA: (points: [Double], explained: [Double]) {
        PCA.project(tokenEmbeddings, count: config.vocab, dim: config.dim, components: 2)
    }
}
