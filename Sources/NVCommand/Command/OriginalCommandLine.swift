import ArgumentParser

/// The original project's command lines, with `python main.py` replaced by `nv`:
/// `nv --xor -hn 3 -ner 200 -e 40000`, `nv --mnist_digits -m train -uc`, `nv -md -m infer -um FILE`.
///
/// A pre-pass rewrites them into nv's own subcommands (`nv xor --hidden 3 --every 200 --epochs 40000`,
/// `nv mnist train --config config/user_cnn_params.json`, `nv mnist infer --model FILE`) before
/// swift-argument-parser sees them, so each flag has one meaning and one validation. The
/// original's flags also work after nv's own subcommand words (`nv xor -hn 3`). Without the
/// pre-pass, `-hn` would parse as `-h -n` and silently print the help; here an unknown
/// single-dash word such as `-hx` is a usage error that lists the flags there are.
enum OriginalCommandLine {
    /// The original's two networks (its mutually exclusive `--xor` / `--mnist_digits`).
    enum Family { case xor, mnist }

    /// One of the original's flags: its names, whether a value follows, and nv's meaning.
    struct Flag {
        var short: String, long: String
        var family: Family
        /// What the value is, for the "needs a value" message; nil for a switch.
        var value: String?
        var help: String
    }

    /// Every flag of the original's `main.py` (`--xor` and `--mnist_digits` pick the family).
    static let flags: [Flag] = [
        Flag(short: "-hn", long: "--hidden_neurons", family: .xor, value: "N", help: "hidden neurons (nv xor --hidden)"),
        Flag(short: "-ner", long: "--num_epochs_refresh_visualizer", family: .xor, value: "N",
             help: "epochs per dashboard refresh (nv xor --every)"),
        Flag(short: "-e", long: "--epochs", family: .xor, value: "N", help: "epochs to train (--epochs)"),
        Flag(short: "-m", long: "--mode", family: .mnist, value: "train|infer", help: "train (default) or infer"),
        Flag(short: "-uc", long: "--user_config", family: .mnist, value: nil,
             help: "train with config/user_cnn_params.json (nv mnist train --config)"),
        Flag(short: "-um", long: "--user_model", family: .mnist, value: "FILE",
             help: "infer with this saved model (nv mnist infer --model)"),
    ]

    /// The config `-uc` names, as in the original.
    static let userConfig = "config/user_cnn_params.json"

    static let xorSelectors: Set<String> = ["--xor"]
    /// `--mnist` is the original's earlier name for `--mnist_digits`.
    static let mnistSelectors: Set<String> = ["--mnist_digits", "-md", "--mnist"]

    /// A command line in the original's form that nv cannot mean, with the flag named.
    struct UsageError: Error, CustomStringConvertible {
        var description: String
        /// The nv command whose help lists the flags (`nv xor`).
        var command: String

        init(command: String, _ description: String) {
            self.command = command
            self.description = description
        }
    }

    /// `arguments` (without the program name) in nv's own form; unchanged when they are not
    /// the original's. Throws a `UsageError` naming the flag for a command line the original
    /// would also refuse, or one nv cannot mean.
    static func translate(_ arguments: [String]) throws -> [String] {
        guard let (family, mode, rest) = try split(arguments) else { return arguments }
        switch family {
        case .xor: return ["xor"] + (try rewrite(rest, family: .xor, mode: nil).arguments)
        case .mnist:
            let rewritten = try rewrite(rest, family: .mnist, mode: mode)
            return ["mnist", rewritten.mode ?? "train"] + rewritten.arguments
        }
    }

    /// The family, the mnist mode named by a subcommand word, and the arguments left to
    /// rewrite; nil for a command line that is nv's own.
    private static func split(_ arguments: [String]) throws -> (Family, String?, [String])? {
        if arguments.first == "xor" { return (.xor, nil, Array(arguments.dropFirst())) }
        if arguments.first == "mnist" {
            let rest = Array(arguments.dropFirst())
            if let word = rest.first, ["train", "infer"].contains(word) { return (.mnist, word, Array(rest.dropFirst())) }
            // `nv mnist -m infer`: only when an original flag is there (`nv mnist` alone is nv's help).
            let originals = rest.contains { word in flags.contains { $0.family == .mnist && $0.matches(word) } }
            return originals ? (.mnist, nil, rest) : nil
        }
        // A selector anywhere, as argparse allows, but not as the code of nv's own `-e CODE`.
        let selectors = arguments.indices.filter { i in
            (i == 0 || arguments[i - 1] != "-e") && (xorSelectors.contains(arguments[i]) || mnistSelectors.contains(arguments[i]))
        }
        guard !selectors.isEmpty else { return nil }
        let families = Set(selectors.map { xorSelectors.contains(arguments[$0]) ? Family.xor : Family.mnist })
        if families.count > 1 {
            throw UsageError(command: "nv", "--xor and --mnist_digits (-md) cannot be combined: pick one network")
        }
        var rest = arguments
        for i in selectors.reversed() { rest.remove(at: i) }
        return (families.first!, nil, rest)
    }

    /// Rewrites the original's flags of `family` into nv's (as `--name=value`, so a value such
    /// as `-5` reaches nv's check instead of reading as a flag); nv's own flags pass through.
    private static func rewrite(_ arguments: [String], family: Family, mode given: String?) throws
        -> (arguments: [String], mode: String?)
    {
        let command = family == .xor ? "nv xor" : "nv mnist"
        var out: [String] = []
        var mode = given
        var wantsUserConfig = false, userModel: String?, epochs: String?
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            i += 1
            // `--name=value` for the original's long names.
            let (name, inline) = word.hasPrefix("--") && word.contains("=")
                ? (String(word.prefix { $0 != "=" }), String(word.drop { $0 != "=" }.dropFirst()))
                : (word, nil as String?)
            guard let flag = flags.first(where: { $0.matches(name) && ($0.family == family || $0.short == "-e") }) else {
                if let other = flags.first(where: { $0.matches(name) }) {
                    let owner = other.family == .xor ? "--xor (nv xor)" : "--mnist_digits (nv mnist)"
                    throw UsageError(command: command, "\(other.short) (\(other.long)) is an option of \(owner), not of \(command)")
                }
                if isUnknownSingleDashWord(word) {
                    throw UsageError(command: command, "unknown option '\(word)' for \(command); the original's options here are \(list(family))")
                }
                out.append(word)
                continue
            }
            var value: String?
            if let kind = flag.value {
                if let inline {
                    value = inline
                } else if i < arguments.count {
                    value = arguments[i]
                    i += 1
                } else {
                    throw UsageError(command: command, "\(flag.short) (\(flag.long)) needs a value: \(kind), \(flag.help)")
                }
            }
            switch flag.short {
            case "-hn": out.append("--hidden=\(value!)")
            case "-ner": out.append("--every=\(value!)")
            case "-e": epochs = value
            case "-m":
                guard value == "train" || value == "infer" else {
                    throw UsageError(command: command, "-m (--mode) must be train or infer, got '\(value!)'")
                }
                if let given, given != value {
                    throw UsageError(command: command, "-m \(value!) contradicts 'nv mnist \(given)'")
                }
                mode = value
            case "-uc": wantsUserConfig = true
            default: userModel = value
            }
        }
        if let epochs { out.append("--epochs=\(epochs)") }
        guard family == .mnist else { return (out, nil) }
        switch mode ?? "train" {
        case "train":
            if userModel != nil {
                throw UsageError(command: command, "-um (--user_model) is for -m infer; -m train makes a new model")
            }
            if wantsUserConfig { out.append("--config=\(Self.userConfig)") }
        default:
            if wantsUserConfig {
                throw UsageError(command: command, "-uc (--user_config) is for -m train; to infer with your own model use -um FILE")
            }
            if epochs != nil { throw UsageError(command: command, "-e (--epochs) is for -m train, not -m infer") }
            if let userModel { out.append("--model=\(userModel)") }
        }
        return (out, mode)
    }

    /// A single-dash word of two or more letters (`-hx`) that is not a negative number: the
    /// parser would read it as grouped short flags, and `-h` among them prints the help.
    private static func isUnknownSingleDashWord(_ word: String) -> Bool {
        guard word.hasPrefix("-"), !word.hasPrefix("--"), word.count > 2 else { return false }
        return Double(word) == nil
    }

    /// `-hn N, -ner N, -e N` for the family's flags.
    private static func list(_ family: Family) -> String {
        flags.filter { $0.family == family || $0.short == "-e" }
            .map { flag in flag.value.map { "\(flag.short) \($0)" } ?? flag.short }
            .joined(separator: ", ")
    }
}

extension OriginalCommandLine.Flag {
    /// True for either of the flag's names.
    func matches(_ word: String) -> Bool { word == short || word == long }
}
