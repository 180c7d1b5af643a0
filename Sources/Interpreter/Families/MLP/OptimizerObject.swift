import Runtime

/// The nv value of `sgd(lr:)`, `momentum(lr:, beta:)` or `adam(lr:)`: an update rule waiting to
/// be given to `mlp(optimizer:)`. Each model takes its own copy, so one value can configure many.
final class OptimizerObject: NVObject {
    let optimizer: any Optimizer

    init(_ optimizer: any Optimizer) { self.optimizer = optimizer }

    var typeName: String { "optimizer" }
    var description: String { optimizer.description }
    var memberNames: [String] { ["lr"] }

    func member(_ name: String) throws -> Value? {
        name == "lr" ? .number(Double(optimizer.learningRate)) : nil
    }
}
