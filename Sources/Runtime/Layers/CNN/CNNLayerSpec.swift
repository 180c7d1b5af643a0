/// One layer of a CNN as the user describes it, before it has weights: the layer list of a
/// config file or of `cnn(input:layers:)`. Shape inference lives here, so a network that cannot
/// work is refused before anything is allocated.
///
/// Per-sample shapes are `[channels, height, width]` for image layers and `[features]` after
/// `flatten`. Output sizes follow PyTorch: ⌊(in + 2·padding − size) / stride⌋ + 1.
public enum CNNLayerSpec: Sendable, Equatable {
    /// 2D convolution with `filters` output channels and square `size` kernels.
    case conv(filters: Int, size: Int, stride: Int, padding: Int)
    /// Max pooling over square windows (no padding).
    case maxpool(size: Int, stride: Int)
    /// Average pooling over square windows (no padding).
    case avgpool(size: Int, stride: Int)
    /// [C, H, W] → [C·H·W], in C, H, W order (as `torch.nn.Flatten`).
    case flatten
    /// Fully connected layer with `outputs` features.
    case dense(outputs: Int)
    /// Elementwise max(0, x).
    case relu
    /// Elementwise 1 / (1 + e^(−x)).
    case sigmoid
    /// Elementwise tanh.
    case tanh
    /// Inverted dropout: zeroes a fraction `rate` of the values while training.
    case dropout(rate: Float)
    /// Softmax over the features; only as the last layer.
    case softmax

    /// The config file's `type` string.
    public var typeName: String {
        switch self {
        case .conv: "conv"
        case .maxpool: "maxpool"
        case .avgpool: "avgpool"
        case .flatten: "flatten"
        case .dense: "dense"
        case .relu: "relu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .dropout: "dropout"
        case .softmax: "softmax"
        }
    }

    /// The layer as nv's language writes it, e.g. `conv(8, size: 3)`.
    public var description: String {
        switch self {
        case let .conv(f, k, s, p):
            "conv(\(f), size: \(k)\(s != 1 ? ", stride: \(s)" : "")\(p != 0 ? ", padding: \(p)" : ""))"
        case let .maxpool(k, s): "maxpool(\(k)\(s != k ? ", stride: \(s)" : ""))"
        case let .avgpool(k, s): "avgpool(\(k)\(s != k ? ", stride: \(s)" : ""))"
        case .flatten: "flatten()"
        case let .dense(n): "dense(\(n))"
        case .relu: "relu()"
        case .sigmoid: "sigmoid()"
        case .tanh: "tanh()"
        case let .dropout(r): "dropout(\(r))"
        case .softmax: "softmax()"
        }
    }

    /// The PyTorch module of the same layer in an `nn.Sequential`.
    public var torchName: String {
        switch self {
        case .conv: "Conv2d"
        case .maxpool: "MaxPool2d"
        case .avgpool: "AvgPool2d"
        case .flatten: "Flatten"
        case .dense: "Linear"
        case .relu: "ReLU"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .dropout: "Dropout"
        case .softmax: "Softmax"
        }
    }

    /// The largest filter size, stride, padding and input side accepted.
    public static let maximumSide = 1 << 16
    /// The most channels a conv layer or an input may have.
    public static let maximumChannels = 1 << 16
    /// The most outputs a dense layer may have.
    public static let maximumFeatures = 1 << 20
    /// The most classes a network may have.
    public static let maximumClasses = 1 << 16
    /// The longest layer list accepted (each layer has buffers, a row in the summary, a card in
    /// the pictures; a config of millions of `relu` layers would take gigabytes in bookkeeping).
    public static let maximumLayers = 1024

    /// The per-sample output shape for a per-sample input shape; `index` is the 1-based position
    /// in the layer list, used in messages.
    /// - Throws: `RuntimeError` naming the layer, its position and the shapes when it cannot work.
    public func outputShape(for input: [Int], index: Int) throws -> [Int] {
        let name = "layer \(index) (\(description))"
        func checkPositive(_ values: [(String, Int)], limit: Int = CNNLayerSpec.maximumSide) throws {
            for (key, value) in values where value < 1 || value > limit {
                throw RuntimeError("\(name): \(key) must be a positive integer up to \(SizeText.count(Double(limit))), got \(value)")
            }
        }
        switch self {
        case let .conv(filters, size, stride, padding):
            try checkPositive([("out_channels", filters)], limit: Self.maximumChannels)
            try checkPositive([("filter_size", size), ("stride", stride)])
            guard padding >= 0, padding <= Self.maximumSide else {
                throw RuntimeError("\(name): padding must be from 0 to \(SizeText.count(Double(Self.maximumSide))), got \(padding)")
            }
            guard input.count == 3 else {
                throw RuntimeError("\(name): needs an image input [channels, height, width], got \(input); conv cannot follow flatten or dense")
            }
            let h = (input[1] + 2 * padding - size) / stride + 1
            let w = (input[2] + 2 * padding - size) / stride + 1
            guard input[1] + 2 * padding >= size, input[2] + 2 * padding >= size, h >= 1, w >= 1 else {
                throw RuntimeError("\(name): a \(size)x\(size) filter does not fit the \(input[1])x\(input[2]) input \(input) (padding \(padding)); the map shrank to nothing")
            }
            return [filters, h, w]
        case let .maxpool(size, stride), let .avgpool(size, stride):
            try checkPositive([("filter_size", size), ("stride", stride)])
            guard input.count == 3 else {
                throw RuntimeError("\(name): needs an image input [channels, height, width], got \(input); pooling cannot follow flatten or dense")
            }
            guard input[1] >= size, input[2] >= size else {
                throw RuntimeError("\(name): a \(size)x\(size) window does not fit the \(input[1])x\(input[2]) map of input \(input); pooling shrank the map to nothing")
            }
            return [input[0], (input[1] - size) / stride + 1, (input[2] - size) / stride + 1]
        case .flatten:
            guard input.count == 3 else {
                throw RuntimeError("\(name): expects an image input [channels, height, width], got \(input) (already flat)")
            }
            return [input.reduce(1, *)]
        case let .dense(outputs):
            try checkPositive([("out_features", outputs)], limit: Self.maximumFeatures)
            guard input.count == 1 else {
                throw RuntimeError("\(name): expects a flat input but gets the image shape \(input); add flatten() before it")
            }
            return [outputs]
        case .relu, .sigmoid, .tanh:
            return input
        case let .dropout(rate):
            guard rate >= 0, rate < 1 else { throw RuntimeError("\(name): rate must be in [0, 1), got \(rate)") }
            return input
        case .softmax:
            guard input.count == 1 else {
                throw RuntimeError("\(name): expects class scores [classes], got \(input); add flatten() and dense(classes) before it")
            }
            return input
        }
    }

    /// Checks a whole layer list and returns the output shape of every layer. This is the one
    /// check every way of describing a network goes through (the language, config files,
    /// checkpoints): besides the shapes, it holds the network to `CNNBudget`'s limits for
    /// training at `batch`, so nothing that passes it can overflow a size or exhaust memory.
    /// - Throws: `RuntimeError` for the first layer that cannot work, for softmax anywhere but
    ///   last, for a network whose output is not `[classes]`, and for one over a limit (the
    ///   message gives the size).
    public static func inferShapes(_ layers: [CNNLayerSpec], input: [Int], classes: Int, batch: Int = 32) throws -> [[Int]] {
        guard input.count == 3, input.allSatisfy({ $0 >= 1 }) else {
            throw RuntimeError("the input shape must be [channels, height, width] with positive sizes, got \(input)")
        }
        guard input[0] <= maximumChannels, input[1] <= maximumSide, input[2] <= maximumSide else {
            throw RuntimeError("the input shape \(input) is too large: at most \(SizeText.count(Double(maximumChannels))) channels and sides of \(SizeText.count(Double(maximumSide)))")
        }
        guard classes >= 1, classes <= maximumClasses else {
            throw RuntimeError("the number of classes must be from 1 to \(SizeText.count(Double(maximumClasses))), got \(classes)")
        }
        guard batch >= 1 else { throw RuntimeError("the batch size must be a positive integer, got \(batch)") }
        if let error = CNNBudget.oversized(input, batch: batch, what: "the input images") { throw error }
        guard !layers.isEmpty else { throw RuntimeError("the layer list is empty") }
        guard layers.count <= maximumLayers else {
            throw RuntimeError("the layer list has \(SizeText.count(Double(layers.count))) layers; at most \(SizeText.count(Double(maximumLayers))) are accepted")
        }
        var shapes: [[Int]] = []
        var shape = input
        for (i, layer) in layers.enumerated() {
            if layer == .softmax && i != layers.count - 1 {
                throw RuntimeError("layer \(i + 1) (softmax()): softmax must be the last layer, but \(layers.count - 1 - i) layer(s) follow it")
            }
            shape = try layer.outputShape(for: shape, index: i + 1)
            // Checked before the next layer computes from it, so no size ever overflows.
            if let error = CNNBudget.oversized(shape, batch: batch, what: "layer \(i + 1) (\(layer.description)) outputs") {
                throw error
            }
            shapes.append(shape)
        }
        guard shape == [classes] else {
            let lastDense = layers.lastIndex { if case .dense = $0 { true } else { false } }
            let which = lastDense.map { "the last dense layer (layer \($0 + 1), \(layers[$0].description))" } ?? "the last layer"
            throw RuntimeError("the network ends with shape \(shape) but there are \(classes) classes; \(which) must have \(classes) outputs")
        }
        try CNNBudget(layers, input: input, shapes: shapes, classes: classes, batch: batch).check()
        return shapes
    }
}
