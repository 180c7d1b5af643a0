import Foundation

/// A CNN's architecture and training settings, in the original Network-Visualizers JSON layout
/// (`config/default_cnn_params.json`), accepted as-is:
///
/// `epochs, patience, batch_size, validation_subset_ratio, percent_of_train_data_to_use,
/// percent_train_data_to_use_for_validation, num_classes, input_size, in_channels,
/// model_output_filename, layers[type, out_channels, filter_size, stride, padding, out_features]`.
///
/// nv adds two optional keys: `learning_rate` (Adam's, default 0.01 as the original hard-codes)
/// and, per layer, `rate` for `dropout`. Missing keys take the original's defaults; unknown keys
/// are refused by name, so a typo never silently changes a run.
public struct CNNConfig: Sendable, Equatable {
    /// Maximum passes over the training data.
    public var epochs = 10
    /// Epochs without a better validation loss before training stops.
    public var patience = 2
    /// Samples per mini-batch.
    public var batchSize = 32
    /// Fraction of the validation set drawn at random to validate each epoch.
    public var validationSubsetRatio = 0.5
    /// Fraction of the training file used (stratified), before the validation split.
    public var trainFraction = 0.2
    /// Fraction of the selected training data held out for validation (stratified).
    public var validationFraction = 0.2
    /// Number of classes.
    public var classes = 10
    /// Side of the square input images after downsampling.
    public var inputSize = 14
    /// Channels of the input images.
    public var inChannels = 1
    /// Where the trained model is saved, without extension (`models/<name>.safetensors`).
    public var modelOutputFilename = "mnist_cnn"
    /// Adam's learning rate.
    public var learningRate = 0.01
    /// The layer list.
    public var layers: [CNNLayerSpec]

    /// A config with the original's defaults for everything but the layers and sizes.
    public init(layers: [CNNLayerSpec], inputSize: Int = 14, inChannels: Int = 1, classes: Int = 10) {
        self.layers = layers
        self.inputSize = inputSize
        self.inChannels = inChannels
        self.classes = classes
    }

    /// The original project's default architecture (`config/default_cnn_params.json`).
    public static let defaultLayers: [CNNLayerSpec] = [
        .conv(filters: 8, size: 3, stride: 1, padding: 0), .relu, .maxpool(size: 2, stride: 2),
        .conv(filters: 16, size: 3, stride: 1, padding: 0), .relu, .maxpool(size: 2, stride: 2),
        .flatten, .dense(outputs: 128), .relu, .dense(outputs: 10), .softmax,
    ]

    /// The original's default config.
    public static var standard: CNNConfig { CNNConfig(layers: defaultLayers) }

    static let topKeys: Set<String> = [
        "epochs", "patience", "batch_size", "validation_subset_ratio", "percent_of_train_data_to_use",
        "percent_train_data_to_use_for_validation", "num_classes", "input_size", "in_channels",
        "model_output_filename", "layers", "learning_rate",
    ]

    /// Reads and checks a config file.
    /// - Throws: `RuntimeError` naming the file and what is wrong in it.
    public static func load(path: String) throws -> CNNConfig {
        try parse(try RegularFile.read(path, what: "cnn", limit: 16 << 20), source: visible(path, limit: 200))
    }

    /// Parses config JSON; `source` names it in messages.
    /// - Throws: `RuntimeError` for bad JSON, unknown keys or layer types, values of the wrong
    ///   kind or range, and layer lists that cannot work (from shape inference).
    public static func parse(_ data: Data, source: String) throws -> CNNConfig {
        guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any] else {
            throw RuntimeError("\(source): not a JSON object")
        }
        if let unknown = top.keys.sorted().first(where: { !topKeys.contains($0) }) {
            throw RuntimeError("\(source): unknown key '\(visible(unknown))'; known keys: \(topKeys.sorted().joined(separator: ", "))")
        }
        var config = CNNConfig.standard
        func int(_ key: String, min: Int, max: Int) throws -> Int? {
            guard let value = top[key] else { return nil }
            guard let n = value as? NSNumber, let i = Int(exactly: n.doubleValue), i >= min, i <= max else {
                throw RuntimeError("\(source): '\(key)' must be an integer from \(min) to \(SizeText.count(Double(max))), got \(visible("\(value)"))")
            }
            return i
        }
        func fraction(_ key: String, allowZero: Bool) throws -> Double? {
            guard let value = top[key] else { return nil }
            guard let n = value as? NSNumber else {
                throw RuntimeError("\(source): '\(key)' must be a number in \(allowZero ? "[0, 1)" : "(0, 1]"), got \(visible("\(value)"))")
            }
            let d = n.doubleValue
            guard allowZero ? (d >= 0 && d < 1) : (d > 0 && d <= 1) else {
                throw RuntimeError("\(source): '\(key)' must be a number in \(allowZero ? "[0, 1)" : "(0, 1]"), got \(d)")
            }
            return d
        }
        if let v = try int("epochs", min: 1, max: TrainingLimits.maximumEpochs) { config.epochs = v }
        if let v = try int("patience", min: 1, max: TrainingLimits.maximumEpochs) { config.patience = v }
        if let v = try int("batch_size", min: 1, max: TrainingLimits.maximumBatch) { config.batchSize = v }
        if let v = try fraction("validation_subset_ratio", allowZero: false) { config.validationSubsetRatio = v }
        if let v = try fraction("percent_of_train_data_to_use", allowZero: false) { config.trainFraction = v }
        if let v = try fraction("percent_train_data_to_use_for_validation", allowZero: false) { config.validationFraction = v }
        if let v = try int("num_classes", min: 2, max: CNNLayerSpec.maximumClasses) { config.classes = v }
        if let v = try int("input_size", min: 1, max: CNNLayerSpec.maximumSide) { config.inputSize = v }
        if let v = try int("in_channels", min: 1, max: CNNLayerSpec.maximumChannels) { config.inChannels = v }
        if let v = top["model_output_filename"] {
            guard let name = v as? String, !name.isEmpty else {
                throw RuntimeError("\(source): 'model_output_filename' must be a non-empty string, got \(visible("\(v)"))")
            }
            // Shown in m.output, m.config and "saved <path>": a file name has no use for
            // control characters, so a config that holds some is refused.
            guard !VisibleText.hasControls(name) else {
                throw RuntimeError("\(source): 'model_output_filename' must be a file name without control characters, got '\(visible(name))'")
            }
            config.modelOutputFilename = name
        }
        if let v = top["learning_rate"] {
            guard let n = v as? NSNumber, n.doubleValue > 0, n.doubleValue.isFinite else {
                throw RuntimeError("\(source): 'learning_rate' must be a positive number, got \(visible("\(v)"))")
            }
            config.learningRate = n.doubleValue
        }
        if let list = top["layers"] {
            guard let items = list as? [Any] else { throw RuntimeError("\(source): 'layers' must be a list of layer objects") }
            config.layers = try items.enumerated().map { try layer($1, index: $0 + 1, source: source) }
        }
        do {
            _ = try CNNLayerSpec.inferShapes(config.layers, input: [config.inChannels, config.inputSize, config.inputSize],
                                             classes: config.classes, batch: config.batchSize)
        } catch let error as RuntimeError {
            throw RuntimeError("\(source): \(error.message)")
        }
        return config
    }

    /// Keys each layer type accepts besides `type`.
    static let layerKeys: [String: Set<String>] = [
        "conv": ["out_channels", "filter_size", "stride", "padding"],
        "maxpool": ["filter_size", "stride"], "avgpool": ["filter_size", "stride"],
        "flatten": [], "dense": ["out_features"], "relu": [], "sigmoid": [], "tanh": [],
        "softmax": [], "dropout": ["rate"],
    ]

    /// One layer object of the config.
    static func layer(_ item: Any, index: Int, source: String) throws -> CNNLayerSpec {
        guard let object = item as? [String: Any] else {
            throw RuntimeError("\(source): layer \(index) is not an object")
        }
        guard let type = object["type"] as? String else {
            throw RuntimeError("\(source): layer \(index) has no 'type' string")
        }
        guard let allowed = layerKeys[type] else {
            throw RuntimeError("\(source): layer \(index) has unknown type '\(visible(type))'; known types: \(layerKeys.keys.sorted().joined(separator: ", "))")
        }
        if let unknown = object.keys.sorted().first(where: { $0 != "type" && !allowed.contains($0) }) {
            let keys = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
            throw RuntimeError("\(source): layer \(index) (\(type)) has unknown key '\(visible(unknown))'; it accepts: \(keys)")
        }
        func int(_ key: String, default value: Int?) throws -> Int {
            guard let raw = object[key] else {
                guard let value else { throw RuntimeError("\(source): layer \(index) (\(type)) needs '\(key)'") }
                return value
            }
            guard let n = raw as? NSNumber, let i = Int(exactly: n.doubleValue) else {
                throw RuntimeError("\(source): layer \(index) (\(type)): '\(key)' must be an integer, got \(visible("\(raw)"))")
            }
            return i
        }
        switch type {
        case "conv":
            return .conv(filters: try int("out_channels", default: nil), size: try int("filter_size", default: 3),
                         stride: try int("stride", default: 1), padding: try int("padding", default: 0))
        case "maxpool", "avgpool":
            let size = try int("filter_size", default: 2)
            let stride = try int("stride", default: size)
            return type == "maxpool" ? .maxpool(size: size, stride: stride) : .avgpool(size: size, stride: stride)
        case "dense": return .dense(outputs: try int("out_features", default: nil))
        case "dropout":
            guard let raw = object["rate"] else { return .dropout(rate: 0.5) }
            guard let rate = raw as? NSNumber else {
                throw RuntimeError("\(source): layer \(index) (dropout): 'rate' must be a number, got \(raw)")
            }
            return .dropout(rate: rate.floatValue)
        case "relu": return .relu
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "softmax": return .softmax
        default: return .flatten
        }
    }

    /// The config as JSON in the original layout (for checkpoints' `__metadata__`).
    public var json: String {
        var top: [String: Any] = [
            "epochs": epochs, "patience": patience, "batch_size": batchSize,
            "validation_subset_ratio": validationSubsetRatio, "percent_of_train_data_to_use": trainFraction,
            "percent_train_data_to_use_for_validation": validationFraction, "num_classes": classes,
            "input_size": inputSize, "in_channels": inChannels, "model_output_filename": modelOutputFilename,
            "learning_rate": learningRate,
        ]
        top["layers"] = layers.map { spec -> [String: Any] in
            var o: [String: Any] = ["type": spec.typeName]
            switch spec {
            case let .conv(f, k, s, p): o["out_channels"] = f; o["filter_size"] = k; o["stride"] = s; o["padding"] = p
            case let .maxpool(k, s), let .avgpool(k, s): o["filter_size"] = k; o["stride"] = s
            case let .dense(n): o["out_features"] = n
            case let .dropout(r): o["rate"] = Double(r)
            default: break
            }
            return o
        }
        let data = (try? JSONSerialization.data(withJSONObject: top, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
