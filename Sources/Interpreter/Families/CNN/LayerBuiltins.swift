import Runtime

/// One CNN layer run by itself: `forward(layer, x, weight:, bias:)` gives its output for one
/// sample and `backward(layer, x, dy, weight:, bias:)` its gradients, computed by the same layer
/// code a network trains with. They let a learner check a convolution, a pool or softmax by hand.
///
/// x is one sample without the batch axis: `[channels, height, width]` for conv and pooling (a
/// `[height, width]` grid is one channel), `[features]` for dense and softmax. `weight:` and
/// `bias:` are a number (every value the same) or a tensor in PyTorch's layout; `dx` has x's
/// shape and `dw` / `db` the shape of the weight and bias as given (the layer's layout when a
/// number was given), as PyTorch's `.grad` has its tensor's shape.
enum LayerBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("forward(layer, x, weight?, bias: 0)", area: "cnn",
                    doc: "One layer's output for one sample x (conv and dense need weight:, a number or a tensor in PyTorch's layout).",
                    example: "forward(conv(1, size: 3), [[1, 2, 3], [4, 5, 6], [7, 8, 9]], weight: 1)") { args in
                var run = try LayerRun(args)
                return .tensor(run.layer.forward(run.x.data))
            },
            Builtin("backward(layer, x, dy, weight?, bias: 0)", area: "cnn",
                    doc: "One layer's gradients for one sample x given dy = dL/d(output): the record (dx:, dw:, db:), dw and db nil without parameters.",
                    example: "g = backward(conv(1, size: 2), [[1, 2], [3, 4]], 1, weight: 1)") { args in
                var run = try LayerRun(args)
                let count = run.layer.outputShape.reduce(1, *)
                let dy = try run.values(args, "dy", count: count, layout: run.layer.outputShape)
                let result = run.layer.backward(run.x.data, outputGradient: dy.data)
                var fields: [Value] = [.tensor(Tensor(shape: run.x.shape, data: result.dx.data)), .null, .null]
                for (k, gradient) in result.gradients.enumerated() {
                    let shape = run.given[k]?.shape ?? gradient.shape
                    fields[k + 1] = .tensor(Tensor(shape: shape, data: gradient.data))
                }
                return .record(RecordValue(names: ["dx", "dw", "db"], values: fields))
            },
        ]
    }
}

/// The layer, the sample and the parameters of one `forward` / `backward` call, checked.
private struct LayerRun {
    var layer: SingleLayer
    /// The sample as the user gave it (its shape is dx's).
    let x: Tensor
    /// The weight and bias tensors as given, nil when given as a number (or not at all).
    var given: [Tensor?] = [nil, nil]

    init(_ args: Arguments) throws {
        let value = args.any("layer")
        guard case .object(let object as CNNLayerObject) = value else {
            throw args.error("layer", "must be a layer such as conv(1, size: 3), maxpool(2), dense(3) or softmax(), \(Arguments.got(value))")
        }
        let spec = object.spec
        let x = try Self.tensor(args, "x")
        self.x = x
        var shape = x.shape
        switch spec {
        case .conv, .maxpool, .avgpool, .flatten:
            if shape.count == 2 { shape = [1] + shape }
            guard shape.count == 3 else {
                throw args.error("x", "must be an image [channels, height, width] or a grid [height, width] for \(spec.description), got shape \(x.shape)")
            }
        case .dense, .softmax:
            guard shape.count == 1 else {
                throw args.error("x", "must be a flat list of features for \(spec.description), got shape \(x.shape)")
            }
        case .relu, .sigmoid, .tanh, .dropout:
            if shape.isEmpty { shape = [1] }
        }
        guard !shape.contains(0) else { throw args.error("x", "is empty (shape \(x.shape))") }
        layer = try args.runtime { try SingleLayer(spec, inputShape: shape, seed: 0) }
        let parameters = layer.parameters
        if parameters.isEmpty {
            for name in ["weight", "bias"] where args.has(name) {
                throw args.error(name, "is not used: \(spec.description) has no parameters")
            }
            return
        }
        guard args.has("weight") else {
            throw args.error("weight", "is needed for \(spec.description): a number for every weight, or a tensor of shape \(parameters[0].value.shape)")
        }
        for (k, name) in ["weight", "bias"].enumerated() {
            let values: Tensor = args.has(name)
                ? try self.values(args, name, count: parameters[k].value.count, layout: parameters[k].value.shape)
                : Tensor(shape: parameters[k].value.shape)
            try args.runtime { try layer.setParameter(k, to: values.data) }
        }
    }

    /// Argument `name` as `count` values: a number repeated, or a list / tensor with exactly
    /// that many values (any shape; recorded in `given` for weight and bias).
    mutating func values(_ args: Arguments, _ name: String, count: Int, layout: [Int]) throws -> Tensor {
        let t = try Self.tensor(args, name)
        if t.rank == 0 { return Tensor(shape: layout, repeating: t.data[0]) }
        guard t.count == count else {
            throw args.error(name, "needs \(count) value\(count == 1 ? "" : "s") (shape \(layout)), got shape \(t.shape)")
        }
        if name == "weight" { given[0] = t } else if name == "bias" { given[1] = t }
        return t
    }

    private static func tensor(_ args: Arguments, _ name: String) throws -> Tensor {
        do {
            return try Conversions.tensor(from: args.any(name))
        } catch {
            throw args.error(name, "must be a number, a list of numbers or a tensor (\(error.message))")
        }
    }
}
