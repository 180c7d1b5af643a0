import Foundation

/// The builtins several model families answer, each made once from the families' verbs: a call
/// finds its model argument and runs that model's family's own builtin, bound by that
/// builtin's signature, so `train(net, epochs: 10)` and `train(cnn, data, batch: 64)` check
/// their arguments the way their family declares them. A family that lacks the verb answers
/// with a message listing what it has.
enum ModelVerbs {
    /// What each shared verb does whatever the family; a verb not listed here takes its only
    /// family's doc, or its first family's doc line.
    static let summaries: [String: String] = [
        "train": "Trains a model with its dashboard live: q or Ctrl-C stops, keeping the weights; on a terminal each report is a frame, training waiting for it (fps: sets how many a second, 1 to 120; --no-live trains at full speed).",
        "predict": "A model's predictions for inputs.",
        "accuracy": "The fraction of examples a model classifies right.",
        "save": "Saves a model as safetensors (PyTorch-style names; written whole or not at all, through a symbolic link to its file; never over a device, FIFO or folder).",
        "architecture": "A model's structure drawn on its own.",
        "boundary": "The decision boundary over the input plane, with the points.",
        "features": "What a model's hidden units see, drawn over the data.",
        "curves": "The curves training recorded.",
    ]

    /// One builtin per verb name the families answer, in the order the names first appear; a
    /// verb several families answer is listed under "models" (`train` under "training"), one
    /// only one family answers under that family's area.
    static func builtins(for families: [ModelFamily]) -> [Builtin] {
        var names: [String] = []
        var tables: [String: [(family: String, builtin: Builtin)]] = [:]
        for family in families {
            for verb in family.verbs() {
                precondition(Builtin.firstParameter(of: verb.signature)?.name == "model",
                             "\(family.name) verb \(verb.name) must take the model as its first parameter")
                if tables[verb.name] == nil { names.append(verb.name) }
                tables[verb.name, default: []].append((family.name, verb))
            }
        }
        let makers = families.map(\.name)
        return names.map { name in
            let implementations = tables[name] ?? []
            return dispatcher(name, implementations, makers: makers)
        }
    }

    private static func dispatcher(_ name: String, _ implementations: [(family: String, builtin: Builtin)],
                                   makers: [String]) -> Builtin {
        let first = implementations[0].builtin
        let builtins = implementations.map(\.builtin)
        // Worked out when first read (help, the reference), not at every start.
        let signature = { builtins.count == 1 ? first.signature : union(name, builtins) }
        // Each family's own signature and doc are listed under it by help and the reference.
        let doc = implementations.count == 1 ? first.doc : summaries[name] ?? first.oneLine
        let area = implementations.count == 1 ? first.area : name == "train" ? "training" : "models"
        let owners = Dictionary(implementations.map { ($0.family, $0.builtin) }, uniquingKeysWith: { a, _ in a })
        return Builtin(name: name, signature: signature, area: area, doc: doc, example: first.example,
                       implementations: implementations) { values, labels in
            guard let index = labels.firstIndex(of: "model") ?? labels.firstIndex(where: { $0 == nil }),
                  index < values.count else {
                throw BuiltinError("\(name): missing argument 'model'")
            }
            let value = values[index]
            guard case .object(let object) = value, let model = object as? any ModelObject else {
                let kinds = makers.map { "\($0)(...)" }.joined(separator: ", ")
                throw BuiltinError("\(name): argument 'model' must be a model (from \(kinds) or load(...)), \(Arguments.got(value))",
                                   argumentIndex: index)
            }
            let family = type(of: model).family.name
            let a = "a\(article(family)) \(family) model"
            guard let builtin = owners[family] else {
                let has = type(of: model).family.verbs().map(\.name).joined(separator: ", ")
                let others = implementations.map(\.family)
                let whose = others.count == 1 ? " (it is for \(others[0]) models)" : ""
                throw BuiltinError("\(name) is not available for \(a)\(whose); it has: \(has)", argumentIndex: index)
            }
            // A label another family's builtin takes gets a message saying whose it is.
            for (position, label) in labels.enumerated() {
                guard let label, !builtin.parameters.contains(where: { $0.name == label }) else { continue }
                let takers = implementations.filter { $0.builtin.parameters.contains { $0.name == label } }.map(\.family)
                guard !takers.isEmpty else { continue }
                let takes = builtin.parameters.dropFirst().map(\.name).joined(separator: ", ")
                throw BuiltinError("\(name): argument '\(label)' is for \(listing(takers)) models; \(name) for \(a) takes \(takes.isEmpty ? "nothing more" : takes)",
                                   argumentIndex: position)
            }
            return builtin
        }
    }

    /// "xor", "xor and mlp", "xor, mlp and cnn".
    static func listing(_ names: [String]) -> String {
        names.count <= 2 ? names.joined(separator: " and ")
                         : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }

    /// "n" when "a" becomes "an" before the family's name: "an xor model", "an mlp model",
    /// "a cnn model", "an attention model". Names said letter by letter go by the letter's sound.
    static func article(_ family: String) -> String {
        guard let first = family.first else { return "" }
        let spelled: Set<String> = ["xor", "mlp", "cnn", "knn", "rnn"]
        if spelled.contains(family) { return "aefhilmnorsx".contains(first) ? "n" : "" }
        return "aeiou".contains(first) ? "n" : ""
    }

    /// The signature listing every family's parameters: `model` first; a parameter every
    /// family requires stays required, one written the same everywhere keeps its default, the
    /// rest become `name?`.
    static func union(_ name: String, _ builtins: [Builtin]) -> String {
        func parts(_ builtin: Builtin) -> [(name: String, text: String)] {
            builtin.signature.drop { $0 != "(" }.dropFirst().dropLast().split(separator: ",").map { part in
                // Spaces trimmed in Swift: Foundation's trimmingCharacters(in:) bridged through
                // NSString, a twentieth of every start-up (the table is built at each start).
                var trimmed = part
                while trimmed.first == " " { trimmed = trimmed.dropFirst() }
                while trimmed.last == " " { trimmed = trimmed.dropLast() }
                let text = String(trimmed)
                return (String(text.prefix { $0 != ":" && $0 != "?" && $0 != "." }), text)
            }
        }
        // The widest signature sets the order; parameters only others take follow.
        let widest = builtins.max { $0.parameters.count < $1.parameters.count }
        var order: [String] = []
        for builtin in [widest].compactMap({ $0 }) + builtins {
            for part in parts(builtin) where !order.contains(part.name) { order.append(part.name) }
        }
        var texts: [String: Set<String>] = [:]
        var required: [String: Int] = [:]
        for builtin in builtins {
            for part in parts(builtin) {
                texts[part.name, default: []].insert(part.text)
                if !part.text.contains(":") && !part.text.hasSuffix("?") && !part.text.hasSuffix("...") {
                    required[part.name, default: 0] += 1
                }
            }
        }
        let written = order.map { parameter -> String in
            if required[parameter] == builtins.count { return parameter }
            if let forms = texts[parameter], forms.count == 1, let only = forms.first,
               builtins.allSatisfy({ $0.parameters.contains { $0.name == parameter } }) {
                return only
            }
            return parameter + "?"
        }
        return "\(name)(\(written.joined(separator: ", ")))"
    }
}
