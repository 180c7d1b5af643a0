extension AttentionModel {
    /// The token embedding table `[vocab, dim]`.
    public var tokenEmbeddings: [Float] {
        Array(values[layout.tokens..<(layout.tokens + config.vocab * config.dim)])
    }

    /// The token embeddings on their first two principal axes, `[vocab, 2]`, with the share of
    /// variance each axis explains.
    public var embeddingPCA: (points: [Double], explained: [Double]) {
        // The table always has finite values and 2 ≤ dim (the config checks), so `fit` succeeds.
        guard let pca = try? PCA.fit(points: tokenEmbeddings, featureCount: config.dim, components: min(2, config.dim)) else {
            return ([Double](repeating: 0, count: 2 * config.vocab), [0, 0])
        }
        return (pca.project(points: tokenEmbeddings).map(Double.init), pca.explainedRatio)
    }
}
