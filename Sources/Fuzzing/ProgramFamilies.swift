import Interpreter

/// Makes program input number `index`: one family is chosen by weight, then filled in.
/// Families: the grammar generator, calls of every builtin in the table with edge arguments,
/// self-checking invariants, deep nesting and growth (memory), long flat inputs (parser time),
/// token soup, and mutations of the repository's own scripts, lessons and golden tests.
public struct ProgramFamilies {
    let builtins: [Builtin]
    let corpus: Corpus
    /// When set, every input is of this family (`--family`).
    let only: String?

    public init(builtins: [Builtin], corpus: Corpus, only: String? = nil) {
        self.builtins = builtins
        self.corpus = corpus
        self.only = only
    }

    public static let names = ["grammar", "builtins", "invariants", "growth", "long", "tokens", "corpus"]
    static let weights = [64, 64, 12, 6, 1, 16, 37]

    public func input(seed: UInt64, index: Int) -> FuzzInput {
        var random = FuzzRandom(seed: seed, kind: .program, index: index)
        var family = ProgramFamilies.names[random.weighted(ProgramFamilies.weights)]
        if let only { family = only }
        var expectation = FuzzInput.Expectation.anything
        let program: String
        switch family {
        case "grammar":
            var generator = ProgramGenerator(random: random, builtinNames: builtins.map(\.name))
            program = generator.program()
        case "builtins": program = builtinCalls(&random)
        case "invariants":
            program = Invariants.program(&random)
            expectation = .echoesTrue
        case "growth": program = growth(&random)
        case "long": program = long(&random)
        case "tokens": program = tokenSoup(&random)
        default: program = corpus.isEmpty ? tokenSoup(&random) : ByteMutator.mutateProgram(corpus.pick(&random), &random)
        }
        return FuzzInput(kind: .program, family: family, program: program, expectation: expectation)
    }

    /// One to three calls of builtins from the table, each argument an edge value; required
    /// parameters are sometimes left out, labels sometimes wrong, extra arguments sometimes added.
    func builtinCalls(_ random: inout FuzzRandom) -> String {
        var lines: [String] = []
        for _ in 0..<random.int(1...3) {
            let builtin = random.pick(builtins)
            var arguments: [String] = []
            for parameter in builtin.parameters {
                switch parameter.kind {
                case .required where !random.chance(0.05):
                    arguments.append(random.chance(0.15) ? "\(parameter.name): \(EdgeValues.any(&random))" : EdgeValues.any(&random))
                case .optional where random.chance(0.4):
                    arguments.append("\(parameter.name): \(EdgeValues.any(&random))")
                case .variadic:
                    arguments += (0..<random.int(0...3)).map { _ in EdgeValues.any(&random) }
                default: break
                }
            }
            if random.chance(0.05) { arguments.append("bogus: 1") }
            if random.chance(0.05) { arguments.append(EdgeValues.any(&random)) }
            if random.chance(0.1) { arguments.shuffle(using: &random.generator) }
            let call = "\(builtin.name)(\(arguments.joined(separator: ", ")))"
            lines.append(random.chance(0.3) ? "v = \(call)\nv" : call)
        }
        return lines.joined(separator: "\n")
    }

    /// Values that grow: nesting by a loop (freed at the end or on reassignment), strings and
    /// lists that double, deep literals, big models.
    func growth(_ random: inout FuzzRandom) -> String {
        let count = random.pick(["100", "1000", "20000", "100000", "300000", "1000000", "3000000"])
        switch random.below(8) {
        case 7:
            // A model and data that disagree: class count, image size, channels.
            let classes = random.pick(["2", "5", "9", "11", "1"])
            let use = random.pick(["evaluate", "accuracy", "infer", "mistakes", "train", "saliency"])
            let data = use == "saliency" ? "d.test[0]" : "d"
            return "m = cnn(input: \(random.pick(["7", "14"])), classes: \(classes), layers: [flatten(), dense(\(classes)), softmax()])\n"
                + "d = mnist(size: \(random.pick(["7", "14"])), train_fraction: 0.02, test_fraction: 0.01)\n\(use)(m, \(data))"
        case 0:
            let wrap = random.pick(["[x]", "(a: x)", "[x, 1]", "fn () { x }", "[1, x, \"s\"]"])
            let after = random.pick(["print(\"built\")", "x = 0", "x == x", "str(x)", "len(x)", "y = x; x = nil", "nil"])
            return "x = [1]\nfor i in 0..<\(count) { x = \(wrap) }\n\(after)"
        case 1:
            let start = random.pick(["\"a\"", "\"a\" * 1000", "\"a\" * 67108864", "\"ab\" * 1e7", "[1]", "[\"ab\"]"])
            let step = random.pick(["\"\\(s)\\(s)\"", "s + s", "[s, s]", "str([s, s])", "s * 2", "\"\\(s)\" + \"\\(s)\""])
            return "s = \(start)\nfor i in 0..<\(random.int(1...40)) { s = \(step) }\nlen(s)"
        case 2:
            let depth = random.pick([10, 100, 199, 200, 201, 1000, 5000])
            let (open, close) = random.pick([("[", "]"), ("(", ")"), ("-(", ")"), ("f(", ")"), ("{", "}"), ("\"\\(", ")\"")])
            return "fn f(a) { a }\n" + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
        case 3:
            let width = random.pick(["4096", "1e5", "1e9", "2147483648"])
            let depth = random.pick([2, 10, 300])
            // A literal list: `[w] * n` would multiply the element, not repeat it.
            return "m = mlp(layers: [2, \(Array(repeating: width, count: depth).joined(separator: ", ")), 1])\nm"
        case 4:
            let size = random.pick(["1e18", "1e15", "2147483648", "30000", "1e9", "65536"])
            return random.pick([
                "m = cnn(input: 7, layers: [conv(\(size), size: 2), flatten(), dense(10), softmax()])\nm",
                "m = cnn(input: 7, layers: [conv(1, size: 3, padding: \(size)), flatten(), dense(10), softmax()])\nm",
                "m = cnn(input: \(size), layers: [flatten(), dense(10), softmax()])\nm",
                "m = cnn(input: 7, channels: \(size), layers: [flatten(), dense(10), softmax()])\nm",
                "m = cnn(input: 7, layers: [flatten(), dense(\(size)), dense(10), softmax()])\nm",
                "m = cnn(input: 7, classes: \(size), layers: [flatten(), dense(\(size)), softmax()])\nm",
            ])
        case 5:
            return "xs = list(0..<\(count))\nys = map(xs, fn (v) { [v] })\nlen(str(ys))"
        default:
            return "r = (a: 1)\nfor i in 0..<\(count) { r = (a: r, b: i) }\nr = 0"
        }
    }

    /// Long flat inputs: many parameters, arguments, record fields or list elements, a long
    /// operator chain — their parse time must stay near linear.
    func long(_ random: inout FuzzRandom) -> String {
        let count = random.pick([1_000, 10_000, 40_000, 80_000])
        switch random.below(6) {
        case 0: return "fn f(\((0..<count).map { "p\($0)" }.joined(separator: ", "))) { p0 }\nf(1)"
        case 1: return "r = (\((0..<count).map { "k\($0): \($0)" }.joined(separator: ", ")))\nr.k0"
        case 2: return "xs = [\((0..<count).map(String.init).joined(separator: ", "))]\nlen(xs)"
        case 3: return "print(\((0..<count).map(String.init).joined(separator: ", ")))"
        case 4: return Array(repeating: "1", count: count).joined(separator: " + ")
        default: return (0..<min(count, 50_000)).map { "v\($0) = \($0)" }.joined(separator: "\n") + "\nv0"
        }
    }

    static let vocabulary: [String] = [
        "x", "y", "f", "xs", "print", "len", "range", "map", "filter", "sqrt", "tensor", "rand", "append", "help",
        "fn", "if", "else", "for", "in", "while", "break", "continue", "return", "true", "false", "nil",
        "and", "or", "not", "0", "1", "-1", "2.5", "1e400", "99999999999999999999", "1e-400", "0.0",
        "\"s\"", "\"a\\(x)b\"", "\"\\(\"", "\"\\u{110000}\"", "\"\\q\"", "+", "-", "*", "/", "%", "^",
        "=", "+=", "==", "!=", "<", "<=", ">", ">=", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".",
        "..<", "...", "\n", "#c\n", "x:", "!", "&&", "'", "é", "\t", "\u{1b}", "\u{0}", "\r",
    ]

    /// Random tokens of the language, joined with or without spaces: mostly syntax errors, which
    /// must all be reported, never crash the parser.
    func tokenSoup(_ random: inout FuzzRandom) -> String {
        let tokens = (0..<random.int(1...40)).map { _ in random.pick(ProgramFamilies.vocabulary) }
        return tokens.joined(separator: random.chance(0.3) ? "" : " ")
    }
}
