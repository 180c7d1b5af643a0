import Foundation
import Runtime

/// Convolutional networks: the layer builtins (`conv`, `maxpool`, `dense`, ...), `cnn(...)`
/// from a config file or a layer list, and `mnist(...)`, the digit images they learn from.
///
/// The elementwise layers need no argument, so `cnn(layers:)` also takes the bare names
/// `relu`, `sigmoid`, `tanh`, `flatten` and `softmax`. `tanh` is also the math function:
/// `tanh(0.5)` is a number, `tanh()` (no argument) the layer.
enum CNNBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("conv(filters, size: 3, stride: 1, padding: 0)", area: "cnn",
                    doc: "A 2D convolution layer for cnn(layers:): `filters` output channels, size x size kernels.",
                    example: "conv(8, size: 3)") { args in
                let padding = try args.has("padding") ? args.nonNegativeInteger("padding") : 0
                guard padding <= CNNLayerSpec.maximumSide else {
                    throw args.error("padding", "must be at most \(CNNLayerSpec.maximumSide), got \(padding)")
                }
                return layer(.conv(filters: try args.count("filters", default: 1, limit: CNNLayerSpec.maximumChannels),
                                   size: try positive(args, "size", 3), stride: try positive(args, "stride", 1), padding: padding))
            },
            Builtin("maxpool(size: 2, stride?)", area: "cnn",
                    doc: "Max pooling over size x size windows (stride defaults to size), for cnn(layers:).",
                    example: "maxpool(2)") { args in
                let size = try positive(args, "size", 2)
                return layer(.maxpool(size: size, stride: try positive(args, "stride", size)))
            },
            Builtin("avgpool(size: 2, stride?)", area: "cnn",
                    doc: "Average pooling over size x size windows (stride defaults to size), for cnn(layers:).",
                    example: "avgpool(2)") { args in
                let size = try positive(args, "size", 2)
                return layer(.avgpool(size: size, stride: try positive(args, "stride", size)))
            },
            Builtin("dense(units)", area: "cnn", doc: "A fully connected layer with `units` outputs, for cnn(layers:).",
                    example: "dense(128)") { args in
                layer(.dense(outputs: try args.count("units", default: 1, limit: CNNLayerSpec.maximumFeatures)))
            },
            Builtin("dropout(rate: 0.5)", area: "cnn",
                    doc: "Zeroes a fraction `rate` of the values while training (inverted dropout), for cnn(layers:).",
                    example: "dropout(0.25)") { args in
                let rate = try args.number("rate", default: 0.5)
                guard rate >= 0, rate < 1 else { throw args.error("rate", "must be from 0 to below 1, got \(Value.format(rate))") }
                return layer(.dropout(rate: Float(rate)))
            },
            Builtin("flatten()", area: "cnn", doc: "Turns [channels, height, width] into one flat vector (C, H, W order), for cnn(layers:).",
                    example: "flatten()") { _ in layer(.flatten) },
            Builtin("relu()", area: "cnn", doc: "The max(0, x) layer, for cnn(layers:).",
                    example: "relu()") { _ in layer(.relu) },
            Builtin("sigmoid()", area: "cnn", doc: "The 1 / (1 + e^-x) layer, for cnn(layers:).",
                    example: "sigmoid()") { _ in layer(.sigmoid) },
            Builtin("softmax()", area: "cnn", doc: "Turns the last layer's scores into class probabilities; only as the last layer.",
                    example: "softmax()") { _ in layer(.softmax) },
            Builtin("cnn(config?, input: 14, layers?, classes: 10, channels: 1, seed?)", area: "cnn",
                    doc: "A convolutional network from a config file in the original's JSON format, or from a layer list (without one, the original's default layers); shapes between layers are computed and checked. Without seed: it starts from the session's seed.",
                    example: "m = cnn(input: 14, layers: [conv(8, size: 3), relu(), maxpool(2), flatten(), dense(10), softmax()])",
                    body: cnn),
            Builtin("mnist(size: 14, path?, train_fraction: 1, validation: 0.2, test_fraction: 1, seed?)", area: "cnn",
                    doc: "Digit images (the shipped 5,000 training and 10,000 test digits, or any IDX directory at path), mean-pooled to size x size, split into .train / .validation / .test.",
                    example: "data = mnist(size: 14, test_fraction: 0.1)", body: mnist),
        ]
    }

    private static func layer(_ spec: CNNLayerSpec) -> Value { .object(CNNLayerObject(spec)) }

    private static func positive(_ args: Arguments, _ name: String, _ fallback: Int) throws -> Int {
        try args.count(name, default: fallback, limit: CNNLayerSpec.maximumSide)
    }

    /// The elementwise layers a bare builtin name stands for in a layer list.
    static let bareLayers: [String: CNNLayerSpec] = [
        "relu": .relu, "sigmoid": .sigmoid, "tanh": .tanh, "flatten": .flatten, "softmax": .softmax,
    ]

    static func cnn(_ args: inout Arguments) throws -> Value {
        let seed: UInt64 = try args.withModelGenerator { rng in rng.next() }.value
        if args.has("config") {
            for other in ["layers", "input", "classes", "channels"] where args.has(other) {
                throw args.error(other, "cannot be combined with a config file; the config sets it")
            }
            let path = try args.inputPath("config")
            return try args.runtime {
                .object(CNNModel(try CNN(config: try CNNConfig.load(path: path), seed: seed)))
            }
        }
        let items = args.has("layers") ? try args.sequence("layers") : []
        var specs: [CNNLayerSpec] = try items.enumerated().map { index, item in
            switch item {
            case .object(let object as CNNLayerObject): return object.spec
            case .builtin(let builtin) where bareLayers[builtin.name] != nil: return bareLayers[builtin.name]!
            default:
                throw args.error("layers", "item \(index + 1) must be a layer such as conv(8, size: 3), relu(), maxpool(2), flatten(), dense(10), \(Arguments.got(item))")
            }
        }
        let input = try positive(args, "input", 14)
        let classes = try args.count("classes", default: 10, limit: CNNLayerSpec.maximumClasses)
        guard classes >= 2 else { throw args.error("classes", "must be at least 2, got \(classes)") }
        let channels = try args.count("channels", default: 1, limit: CNNLayerSpec.maximumChannels)
        if !args.has("layers") {
            // The original's default network, its last dense layer sized to the classes.
            specs = CNNConfig.defaultLayers
            specs[specs.count - 2] = .dense(outputs: classes)
        }
        guard !specs.isEmpty else { throw args.error("layers", "is empty; list layers such as conv(8, size: 3), relu(), flatten(), dense(10)") }
        return try args.runtime {
            .object(CNNModel(try CNN(layers: specs, inputShape: [channels, input, input], classes: classes, seed: seed)))
        }
    }

    static func mnist(_ args: inout Arguments) throws -> Value {
        let size = try positive(args, "size", 14)
        let trainFraction = try fraction(args, "train_fraction", 1, allowOne: true)
        let validation = try fraction(args, "validation", 0.2, allowOne: false)
        let testFraction = try fraction(args, "test_fraction", 1, allowOne: true)
        let path: String? = args.has("path") ? try args.inputPath("path") : nil
        let seed: UInt64 = try args.withGenerator { rng in rng.next() }
        return try args.runtime {
            let directory = try MNIST.locateDirectory(explicit: path)
            let splits = try MNIST.load(directory: directory, size: size, trainFraction: trainFraction,
                                        validationFraction: validation, testFraction: testFraction, seed: seed)
            guard splits.train.count > 0 else {
                throw RuntimeError("mnist: train_fraction \(Value.format(trainFraction)) with validation \(Value.format(validation)) leaves no training images; use a larger train_fraction")
            }
            return .object(ImageDataObject(splits: splits))
        }
    }

    /// A fraction in (0, 1], or (0, 1) when `allowOne` is false; `fallback` when not given.
    private static func fraction(_ args: Arguments, _ name: String, _ fallback: Double, allowOne: Bool) throws -> Double {
        guard args.has(name) else { return fallback }
        let x = try args.number(name)
        guard x > 0, allowOne ? x <= 1 : x < 1 else {
            throw args.error(name, "must be a fraction above 0 and \(allowOne ? "at most" : "below") 1, got \(Value.format(x))")
        }
        return x
    }
}
