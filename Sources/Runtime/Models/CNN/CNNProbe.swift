/// What one image looks like inside a CNN: the input, every layer's output and the class
/// probabilities, copied out of the network's scratch buffers for pictures (feature maps,
/// dense activations, inference cards).
public struct CNNProbe: Sendable, Equatable {
    /// The image `[C, H, W]`.
    public var input: Tensor
    /// outputs[i]: layer i's per-sample output (`[C, H, W]` for image layers, `[n]` after flatten).
    public var outputs: [Tensor]
    /// Class probabilities `[classes]` (softmax of the logits when the list has no softmax).
    public var probabilities: [Float]

    /// The most probable class.
    public var predicted: Int {
        probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    }

    /// The `count` most probable classes with their probabilities, most probable first.
    public func top(_ count: Int) -> [(label: Int, probability: Float)] {
        probabilities.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
            .prefix(max(0, count)).map { ($0.offset, $0.element) }
    }
}

/// One row of a model summary: the layer, its per-sample output shape and its parameter count.
public struct CNNLayerSummary: Sendable, Equatable {
    /// The layer as nv writes it, e.g. `conv(8, size: 3)`.
    public var name: String
    /// The config's type name ("conv", "relu", ...).
    public var kind: String
    /// Per-sample output shape.
    public var outputShape: [Int]
    /// Trainable values of the layer.
    public var parameters: Int
}

/// The gradient of one class score with respect to the input pixels: which pixels drove the
/// decision (a saliency map).
public struct CNNSaliency: Sendable, Equatable {
    /// The image `[C, H, W]`.
    public var input: Tensor
    /// ∂score/∂input `[C, H, W]`.
    public var gradient: Tensor
    /// The class whose score was differentiated.
    public var classIndex: Int
    /// That class's score (the logit, before softmax).
    public var score: Float
    /// The class probabilities of the image.
    public var probabilities: [Float]
}
