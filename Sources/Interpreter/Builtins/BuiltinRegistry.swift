/// All builtins, by area. A later part of nv adds its builtins by appending one entry
/// (e.g. `("models", ModelBuiltins.all)`); each area is a list in its own file.
enum BuiltinRegistry {
    /// The areas in the order `help()` lists them.
    static let areas: [(name: String, builtins: @Sendable () -> [Builtin])] = [
        ("core", CoreBuiltins.all),
        ("math", MathBuiltins.all),
        ("lists", ListBuiltins.all),
        ("random", RandomBuiltins.all),
        ("plots", PlotBuiltins.all),
        ("models", ModelBuiltins.all),
        ("data", DataBuiltins.all),
        ("training", TrainingBuiltins.all),
        ("cnn", { CNNBuiltins.all() + CNNModelBuiltins.all() + CNNViewBuiltins.all() + LayerBuiltins.all() }),
    ]

    /// Every builtin, fresh (builtins are reference values owned by one session).
    static func all() -> [Builtin] {
        areas.flatMap { $0.builtins() }
    }
}
