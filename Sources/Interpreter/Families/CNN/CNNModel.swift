import Foundation
import Runtime

/// The nv value of `cnn(...)` and of `load(path)` on a CNN checkpoint: a `CNN` held by
/// reference with what training left behind — the Adam state (a second `train` call goes on
/// where the first stopped), every epoch's figures, the data it was last trained on.
///
/// `network` is the Runtime model itself: picture views (Plots/Views) take it, its `specs`,
/// `shapes` and `layers`, as they are. Prints as the summary table (layer, output shape,
/// parameters, total).
final class CNNModel: NVObject {
    /// The network and its weights.
    var network: CNN
    /// Adam's moments and step count, carried from one `train` call to the next.
    var optimizer: CNNAdam
    /// Every epoch trained so far, over all `train` calls.
    var epochs: [CNNEpochRecord] = []
    /// The epoch (counted over all calls) whose weights the model holds, 0 before training.
    var bestEpoch = 0
    /// The data of the last `train` call (nil before training).
    var trainData: ImageDataObject?
    /// Test accuracy measured after the last `train` call.
    var testAccuracy: Double?
    /// The checkpoint it was loaded from (nil for a network built in this session).
    var loadedFrom: String?

    init(_ network: CNN) {
        self.network = network
        optimizer = CNNAdam(lr: Float(network.config.learningRate))
    }

    var typeName: String { "model" }

    var description: String {
        var rows: [[String]] = [["layer", "module", "output shape", "parameters"]]
        for (i, spec) in network.specs.enumerated() {
            let count = network.layers[i].parameters.reduce(0) { $0 + $1.value.count }
            rows.append(["layers[\(i)]", spec.description, "\(network.shapes[i])", count > 0 ? "\(count)" : "0"])
        }
        rows.append(["total", "", "", "\(network.parameterCount)"])
        let lines = SummaryTable.lines(rows)
        let title = "cnn model: input \(network.inputShape), \(network.classes) classes, adam(lr: \(Value.format(network.config.learningRate))), "
            + "batch \(network.config.batchSize)"
        var state = epochs.isEmpty ? loadedFrom.map { "loaded from \($0)" } ?? "untrained" : "epoch \(epochs.count), best \(bestEpoch)"
        if let last = epochs.last, last.validationLoss.isFinite {
            state += ", validation accuracy \(TrainingProgress.percent(last.validationAccuracy))"
        }
        if let testAccuracy { state += ", test accuracy \(TrainingProgress.percent(testAccuracy))" }
        return ([title] + lines + [state]).joined(separator: "\n")
    }

    var memberNames: [String] {
        ["layers", "shapes", "input", "classes", "params", "config", "history", "epoch", "best_epoch",
         "loss", "lr", "weights", "biases", "output"]
    }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "layers": return .list(network.specs.map { .object(CNNLayerObject($0)) })
        case "shapes": return .list(network.shapes.map(Self.shape))
        case "input": return Self.shape(network.inputShape)
        case "classes": return .number(Double(network.classes))
        case "params": return .number(Double(network.parameterCount))
        case "config": return Self.record(network.config)
        case "history": return Self.history(epochs, bestEpoch: bestEpoch, reason: nil, testAccuracy: testAccuracy)
        case "epoch": return .number(Double(epochs.count))
        case "best_epoch": return .number(Double(bestEpoch))
        case "loss": return epochs.last.map { .number($0.trainLoss) } ?? .null
        case "lr": return .number(network.config.learningRate)
        case "weights", "biases": return parameters(name == "weights" ? "weight" : "bias")
        case "output": return .string(network.config.checkpointPath)
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        guard name == "lr" else {
            throw ValueError("cannot assign to model.\(name) (only lr can be set on a cnn)")
        }
        let lr = try Conversions.learningRate(from: value)
        optimizer.learningRate = Float(lr)
        network.config.learningRate = lr
    }

    /// Copies of the conv and dense layers' `weight` or `bias` tensors, in layer order
    /// (PyTorch layout: conv `[out, in, k, k]`, dense `[out, in]`). Editing them does not
    /// change the model.
    private func parameters(_ parameterName: String) -> Value {
        .list(network.layers.flatMap { layer in
            layer.parameters.filter { $0.name == parameterName }.map { Value.tensor($0.value) }
        })
    }

    /// The figures a checkpoint carries in `__metadata__`: the best epoch's validation figures
    /// and the last measured test accuracy.
    var metrics: [String: Double] {
        var result: [String: Double] = ["epochs": Double(epochs.count)]
        if bestEpoch > 0, bestEpoch <= epochs.count {
            let best = epochs[bestEpoch - 1]
            result["best_epoch"] = Double(bestEpoch)
            result["val_loss"] = best.validationLoss
            result["val_accuracy"] = best.validationAccuracy
        }
        if let testAccuracy { result["test_accuracy"] = testAccuracy }
        return result
    }

    static func shape(_ shape: [Int]) -> Value { .list(shape.map { .number(Double($0)) }) }


    /// The training settings of a config, as a record with the original's key names.
    static func record(_ config: CNNConfig) -> Value {
        let fields: [(String, Value)] = [
            ("epochs", .number(Double(config.epochs))), ("patience", .number(Double(config.patience))),
            ("batch_size", .number(Double(config.batchSize))), ("learning_rate", .number(config.learningRate)),
            ("validation_subset_ratio", .number(config.validationSubsetRatio)),
            ("percent_of_train_data_to_use", .number(config.trainFraction)),
            ("percent_train_data_to_use_for_validation", .number(config.validationFraction)),
            ("num_classes", .number(Double(config.classes))), ("input_size", .number(Double(config.inputSize))),
            ("in_channels", .number(Double(config.inChannels))),
            ("model_output_filename", .string(config.modelOutputFilename)),
        ]
        return .record(RecordValue(names: fields.map(\.0), values: fields.map(\.1)))
    }

    /// A training history value (see `CNNHistoryObject`).
    static func history(_ records: [CNNEpochRecord], bestEpoch: Int, reason: String?, testAccuracy: Double?) -> Value {
        .object(CNNHistoryObject(records, bestEpoch: bestEpoch, reason: reason, testAccuracy: testAccuracy))
    }
}
