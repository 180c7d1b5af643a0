/// Every model family nv knows, in the order help lists them. Adding a family is its folder
/// and one line here (DESIGN.md, "Adding a model family").
enum ModelFamilies {
    static let standard: [ModelFamily] = [
        XORFamily.family,
        MLPFamily.family,
        CNNFamily.family,
        KMeansFamily.family,
        KNNFamily.family,
        TreeFamily.family,
        ForestFamily.family,
        AttentionFamily.family,
    ]
}
