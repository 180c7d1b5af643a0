/// Argument and literal values chosen to sit on the edges: limits of Int and Double, NaN and
/// infinities, empty and deep containers, strings carrying terminal control sequences.
/// Strings never hold '/' so a generated path stays inside the folder the input runs in.
enum EdgeValues {
    static let numbers: [String] = [
        "0", "1", "-1", "2", "3", "7", "10", "0.5", "-0.5", "-0.0", "1e-300", "0.1", "-3", "28", "255", "256",
        "1e3", "1e6", "1e9", "1e15", "1e18", "2147483648", "4294967296", "9007199254740992",
        "9007199254740993", "1.7e308", "-1.7e308", "99999999999999999999",
        "(1e308 * 10)", "(-1e308 * 10)", "sqrt(-1)", "(2 ^ 63)", "(-(2 ^ 63))", "(2 ^ 1024)", "30000",
    ]

    static let strings: [String] = [
        "\"\"", "\"a\"", "\"x.png\"", "\"m.safetensors\"", "\"d.csv\"", "\"c.json\"", "\"\\u{1b}[2J\"",
        "\"\\u{1b}]52;c;aGk=\\u{7}\"", "\"\\u{9b}31m\"", "\"\\0\"", "\"\\r\\n\"", "\"\\t\"",
        "\"\\u{10FFFF}\"", "\"é\"", "(\"x\" * 1000)", "(\"ab\" * 1e6)", "\"relu\"", "\"conv\"", "\"\\(1 / 0)\"",
        "\"nope.json\"",
    ]

    static let simple: [String] = [
        "nil", "true", "false", "[]", "[[]]", "[[[]]]", "[1, 2, 3]", "[[1, 2], [3, 4]]", "[[1], [2, 3]]",
        "[0, 1, 0, 1]", "(x: 1)", "(k: nil)", "(x: [1], y: \"s\")", "0..<3", "1...0", "0..<1e300",
        "9007199254740992..<9007199254740995", "tensor([[1, 2], [3, 4]])", "tensor([])", "randn(2, 3)",
        "randn(1, 1, 7, 7)", "zeros(3)", "fn (x) { x }", "fn () { nil }", "fn (a, b) { a + b }", "print",
        "[nil, true, \"s\"]", "list(0..<1000)", "[[0, 0], [1, 1]]", "[[0, 1], [1, 0], [1, 1], [0, 0]]",
        "[sqrt(-1), 1e308 * 10]",
    ]

    /// Values of nv's own kinds that builtins take: models, datasets, layers, optimizers, figures.
    static let objects: [String] = [
        "xor(hidden: 2)", "mlp(layers: [2, 3, 2])", "mlp()", "moons(n: 20)", "circle(n: 16)",
        "spiral(n: 12)", "gaussian(n: 10)", "quadrants(n: 8)", "cnn(input: 7, layers: [flatten(), dense(10), softmax()])",
        "cnn(input: 4, classes: 2, layers: [conv(2, size: 3, padding: 1), relu(), flatten(), dense(2), softmax()])",
        "mnist(size: 7, train_fraction: 0.01, test_fraction: 0.01)", "conv(2)", "dense(3)", "relu()", "flatten()",
        "softmax()", "maxpool(2)", "sgd()", "adam(lr: 1e9)", "plot([1, 2, 3])", "heatmap([[1, 2], [3, 4]])",
        "kmeans", "knn", "split(moons(n: 10))",
    ]

    /// Literals the parser refuses ("number 1e400 is too large"): rare, or they would stop most
    /// programs before they run.
    static let refused = ["1e400", "1.8e308", "-1.8e308"]

    static func number(_ random: inout FuzzRandom) -> String {
        random.chance(0.01) ? random.pick(refused) : random.pick(numbers)
    }

    static func any(_ random: inout FuzzRandom) -> String {
        switch random.weighted([4, 2, 4, 2]) {
        case 0: number(&random)
        case 1: random.pick(strings)
        case 2: random.pick(simple)
        default: random.pick(objects)
        }
    }
}
