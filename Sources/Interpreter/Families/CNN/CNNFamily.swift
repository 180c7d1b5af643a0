import Foundation
import Plots
import Runtime

/// Convolutional networks on images: the layer builtins, `cnn(...)`, `mnist(...)`, and what
/// can be asked of a network.
enum CNNFamily {
    static let family = ModelFamily(
        name: "cnn",
        builtins: { CNNBuiltins.all() + LayerBuiltins.all() },
        verbs: {
            [
                Builtin("train(model, data?, epochs?, every: 10, lr?, batch?, patience?, fps: 30)", area: "cnn",
                        doc: "Trains on mnist(...) data with the original's settings from its config (epochs 10, batch 32, patience 2: early stopping on the validation loss, the best epoch's weights kept): a line per epoch, the dashboard redrawn every `every` batches; returns the history.",
                        example: "m = cnn(input: 7, layers: [flatten(), dense(10), softmax()]); train(m, mnist(size: 7, train_fraction: 0.1, test_fraction: 0.02), epochs: 1)",
                        body: CNNTraining.train),
            ] + CNNModelBuiltins.all() + CNNViewBuiltins.all() + [
                Builtin("save(model, path?)", area: "cnn",
                        doc: "Saves the network as safetensors with its layer list, config and metrics in __metadata__. The path defaults to models/<model_output_filename>.safetensors, which must stay inside the working folder; any path given here is used as is.",
                        example: "save(cnn(input: 7, layers: [flatten(), dense(10), softmax()]), \"/tmp/cnn.safetensors\")", body: save),
            ]
        },
        checkpoint: ModelFamily.Checkpoint(format: "nv-cnn") { _, path in
            let model = CNNModel(try CNN.load(path: path))
            model.loadedFrom = path
            return model
        })

    static func save(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        let path: String
        if args.has("path") {
            path = try args.savePath(example: "")
        } else {
            let config = model.network.config
            guard config.checkpointPathStaysInside else {
                throw args.error("path", "is needed: the config's model_output_filename '\(visible(config.modelOutputFilename))' points outside the working folder, and nv saves there only when you give the path: save(m, \(Value.quote(config.checkpointPath)))")
            }
            path = config.checkpointPath
        }
        try args.runtime { try model.network.save(path: path, metrics: model.metrics) }
        args.context.display.write("saved \(visible(path, limit: 200))\n")
        return .null
    }
}

extension CNNModel: ModelObject {
    static var family: ModelFamily { CNNFamily.family }
}
