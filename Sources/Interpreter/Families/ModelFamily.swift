import Runtime

/// A kind of model as the language knows it — xor, mlp, cnn, and the families later issues add.
///
/// A family brings its own table, as each type in Lua's `liolib.c` brings its own methods: the
/// builtins that make its models (`xor(...)`, `conv(...)`), and its verbs — the builtins whose
/// first argument is one of its models (`train`, `predict`, `surface`). A verb name several
/// families answer becomes one builtin that hands the call to the model's own family
/// (`ModelVerbs`); shared code never switches on a closed set of kinds. DESIGN.md, "Adding a
/// model family", lists the files a family brings.
struct ModelFamily: Sendable {
    /// How users know the family, in messages and help: "xor", "mlp", "cnn".
    let name: String
    /// Builtins that make its models or data, or take none of its models: `xor(...)`, `mnist(...)`.
    let builtins: @Sendable () -> [Builtin]
    /// What can be asked of its models: builtins whose first parameter is `model`, each with
    /// the family's own signature, doc and example (`train(model, epochs: 50000, ...)`).
    let verbs: @Sendable () -> [Builtin]
    /// How `load(path)` recognises and reads its checkpoints; nil when it has none.
    let checkpoint: Checkpoint?

    /// A family's safetensors checkpoints: `__metadata__["format"]` and the reader.
    struct Checkpoint: Sendable {
        /// The format name written in `__metadata__` ("nv-xor").
        let format: String
        /// Reads the model from `path` (already opened as `file`).
        let load: @Sendable (_ file: SafeTensorsFile, _ path: String) throws -> any ModelObject
    }

    init(name: String, builtins: @escaping @Sendable () -> [Builtin] = { [] },
         verbs: @escaping @Sendable () -> [Builtin], checkpoint: Checkpoint? = nil) {
        self.name = name
        self.builtins = builtins
        self.verbs = verbs
        self.checkpoint = checkpoint
    }
}

/// An nv value that is a model of some family: shared builtins find its verbs through
/// `family`.
protocol ModelObject: NVObject {
    /// The family its verbs come from.
    static var family: ModelFamily { get }
}

extension Arguments {
    /// The model argument `name` as the family's own type. A verb reached through its family's
    /// table always gets its own kind; a family's other builtins get a message naming it.
    func model<M: ModelObject>(_ name: String, as type: M.Type) throws -> M {
        let value = any(name)
        if case .object(let object) = value, let model = object as? M { return model }
        throw error(name, "must be a\(ModelVerbs.article(M.family.name)) \(M.family.name) model, \(Arguments.got(value))")
    }

    /// The `path` argument of `save`: needed and not empty (`example` shows a call with one).
    func savePath(example: String) throws -> String {
        guard has("path") else { throw error("path", "is needed: \(example)") }
        let path = try self.path("path")
        guard !path.isEmpty else { throw error("path", "is empty") }
        return path
    }
}
