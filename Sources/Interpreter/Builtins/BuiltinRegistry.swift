/// All builtins, by area: the general areas, then each model family's own builtins, then the
/// verbs the families answer (`train`, `predict`, ...; see `ModelVerbs`). Each area is a list
/// in its own file; a model family is one line in `ModelFamilies`.
enum BuiltinRegistry {
    /// The general areas in the order `help()` lists them.
    static let areas: [(name: String, builtins: @Sendable () -> [Builtin])] = [
        ("core", CoreBuiltins.all),
        ("math", MathBuiltins.all),
        ("lists", ListBuiltins.all),
        ("random", RandomBuiltins.all),
        ("plots", PlotBuiltins.all),
        ("data", DataBuiltins.all),
    ]

    /// Every builtin of a session with `families`, fresh (builtins are reference values owned
    /// by one session).
    static func all(families: [ModelFamily] = ModelFamilies.standard) -> [Builtin] {
        areas.flatMap { $0.builtins() }
            + families.flatMap { $0.builtins() }
            + ModelBuiltins.all(families: families)
            + ModelVerbs.builtins(for: families)
    }
}
