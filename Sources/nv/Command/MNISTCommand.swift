import ArgumentParser
import Foundation
import Interpreter
import Runtime

/// `nv mnist train` and `nv mnist infer`: the original visualizer's command line for its CNN.
/// Each runs a short nv program in a fresh session — the same builtins a learner types —
/// and `--show-program` prints that program instead of running it.
struct MNISTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mnist",
        abstract: "Train the digit CNN, or show what a saved one predicts.",
        discussion: """
            The original's flags work too: nv --mnist_digits -m train -uc (-uc: --config \
            config/user_cnn_params.json), nv -md -m infer -um FILE (-um: --model FILE).
            """,
        subcommands: [MNISTTrainCommand.self, MNISTInferCommand.self],
        helpNames: NV.subcommandHelpNames)
}

/// `nv mnist train [--config FILE] [--epochs N] [--seed N]`.
struct MNISTTrainCommand: ProgramCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a CNN on the digits (as m = cnn(config); train(m, mnist(...)); save(m)).",
        discussion: """
            Without --config, the original's default network and settings. The network is saved \
            where the config's model_output_filename says (models/mnist_cnn.safetensors by default). \
            q or Ctrl-C stops early and keeps the best weights so far.
            """,
        helpNames: NV.subcommandHelpNames)

    @Option(name: .long, help: ArgumentHelp("A CNN config in the original's JSON format.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Epochs to train (default: the config's).", valueName: "n"))
    var epochs: Int?

    @Flag(name: .customLong("show-program"), help: "Print the nv program this command runs, and stop.")
    var showProgram = false

    @OptionGroup var shared: SharedOptions

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be a positive integer, got \(epochs)") }
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw ValidationError("--config: no file '\(config)'")
        }
    }

    /// The nv program this command runs.
    var program: String {
        let model = config.map { "m = cnn(\(MNISTInferCommand.literal($0)))" } ?? "m = cnn()"
        return """
            \(model)
            data = mnist(size: m.input[1], train_fraction: m.config.percent_of_train_data_to_use, validation: m.config.percent_train_data_to_use_for_validation)
            print(data)
            history = train(m\(epochs.map { ", data, epochs: \($0)" } ?? ", data"))
            save(m)

            """
    }

}

/// `nv mnist infer [--model FILE] [--count N]`.
struct MNISTInferCommand: ProgramCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Load a trained CNN and print its predictions for a few test digits (as infer(load(path), mnist(...))).",
        helpNames: NV.subcommandHelpNames)

    @Option(name: .long, help: ArgumentHelp(
        "The saved network (default: models/mnist_cnn.safetensors from nv mnist train, else nv's shipped model).",
        valueName: "file"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("How many random test digits to show.", valueName: "n"))
    var count = 4

    @Flag(name: .customLong("show-program"), help: "Print the nv program this command runs, and stop.")
    var showProgram = false

    @OptionGroup var shared: SharedOptions

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be a positive integer, got \(count)") }
    }

    /// Where `nv mnist train` saves with the default config.
    static let trainedModel = "models/mnist_cnn.safetensors"
    /// The model shipped with nv (data/models/README.md says how it was made), beside the
    /// shipped digits so it is found wherever they are.
    static let shippedModel = "models/default_mnist_cnn.safetensors"

    /// The model to load and, without `--model`, a line saying which one it is: the user's
    /// trained model when there is one, else the shipped one (as the original's
    /// `models/default_mnist_cnn.pkl`).
    func chosenModel(fileExists: (String) -> Bool = FileManager.default.fileExists(atPath:),
                     dataDirectory: () -> String? = { try? MNIST.locateDirectory() }) -> (path: String, note: String?) {
        if let model { return (model, nil) }
        if fileExists(Self.trainedModel) { return (Self.trainedModel, "model \(Self.trainedModel) (yours, from nv mnist train)") }
        if let digits = dataDirectory() {
            let shipped = URL(fileURLWithPath: digits).deletingLastPathComponent().appendingPathComponent(Self.shippedModel).path
            if fileExists(shipped) {
                return (shipped, "model \(shipped) (shipped with nv; nv mnist train makes your own)")
            }
        }
        return (Self.trainedModel, nil)
    }

    /// The nv program this command runs.
    var program: String {
        let (model, note) = chosenModel()
        return """
        \(note.map { "print(\(Self.literal($0)))\n" } ?? "")m = load(\(Self.literal(model)))
        data = mnist(size: m.input[1])
        infer(m, data, count: \(count))
        print("test accuracy \\(round(accuracy(m, data) * 100, digits: 1))% on \\(len(data.test)) images")

        """
    }

    /// `text` as an nv string literal.
    static func literal(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

}

/// A subcommand that is a short nv program: it runs the program in a fresh session, or prints
/// it with `--show-program`, so a learner can see which builtins the command stands for.
protocol ProgramCommand: ParsableCommand {
    /// The nv program the command runs.
    var program: String { get }
    /// `--show-program`: print the program instead of running it.
    var showProgram: Bool { get }
    /// The shared flags (`--graphics`, `--seed`, ...) the session runs with.
    var shared: SharedOptions { get }
}

extension ProgramCommand {
    func run() throws {
        if showProgram {
            print(program, terminator: "")
            return
        }
        let status = ScriptRunner(options: try shared.sessionOptions()).run(.code(program))
        if status != 0 { throw ExitCode(status) }
    }
}
