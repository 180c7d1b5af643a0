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
            where --output says, else where the config's model_output_filename says \
            (models/mnist_cnn.safetensors by default; a config's name must stay inside the working \
            folder). q or Ctrl-C stops early and keeps the best weights so far.
            """,
        helpNames: NV.subcommandHelpNames)

    @Option(name: .long, help: ArgumentHelp("A CNN config in the original's JSON format.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Epochs to train (default: the config's).", valueName: "n"))
    var epochs: Int?

    @Option(name: .long, help: ArgumentHelp("Where to save the network (default: the config's model_output_filename).", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("show-program"), help: "Print the nv program this command runs, and stop.")
    var showProgram = false

    @OptionGroup var shared: SharedOptions

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be a positive integer, got \(epochs)") }
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw ValidationError("--config: no file '\(config)'")
        }
        // Refused now rather than after training: a config may not choose a place outside the
        // working folder (a config that does not parse is reported by the program itself).
        if output == nil, let config, let parsed = try? CNNConfig.load(path: config), !parsed.checkpointPathStaysInside {
            throw ValidationError("--config: its model_output_filename '\(visible(parsed.modelOutputFilename))' points outside the working folder; give --output \(parsed.checkpointPath) to save there")
        }
    }

    var commandName: String { "nv mnist train" }

    /// The nv program this command runs.
    var program: String {
        let model = config.map { "m = cnn(\(MNISTInferCommand.literal($0)))" } ?? "m = cnn()"
        return """
            \(model)
            data = mnist(size: m.input[1], train_fraction: m.config.percent_of_train_data_to_use, validation: m.config.percent_train_data_to_use_for_validation)
            print(data)
            history = train(m\(epochs.map { ", data, epochs: \($0)" } ?? ", data"))
            save(m\(output.map { ", \(MNISTInferCommand.literal($0))" } ?? ""))

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

    var commandName: String { "nv mnist infer" }

    /// A fresh clone may have no model at all (no trained one and the shipped one not found):
    /// say what to do, not what the program's `load` met.
    func problemBeforeRunning() -> String? {
        Self.missingModelMessage(model: chosenModel().path, given: model != nil) { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: InputPath.resolve(path, sourceDirectory: nil),
                                                  isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// What to say when `model` is not a file (`exists` says whether it is), or nil; `given`
    /// says whether the user named it with --model.
    static func missingModelMessage(model: String, given: Bool, exists: (String) -> Bool) -> String? {
        if exists(model) { return nil }
        guard !given else { return "--model: no file '\(model)'" }
        return "no trained model at \(model); train one with `nv mnist train` (about 10 s to watch it learn, "
            + "under a second with --no-live) or pass --model FILE"
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
/// The user did not write that program, so an error never points into it (`-e:1:5`): it is
/// reported as the command's own (`nv mnist infer: error: ...`).
protocol ProgramCommand: ParsableCommand {
    /// The command as typed, e.g. "nv mnist infer", for its error messages.
    var commandName: String { get }
    /// The nv program the command runs.
    var program: String { get }
    /// What would make the program fail in a way better said up front (a missing file), or nil.
    func problemBeforeRunning() -> String?
    /// `--show-program`: print the program instead of running it.
    var showProgram: Bool { get }
    /// The shared flags (`--graphics`, `--seed`, ...) the session runs with.
    var shared: SharedOptions { get }
}

extension ProgramCommand {
    func problemBeforeRunning() -> String? { nil }

    func run() throws {
        if showProgram {
            print(program, terminator: "")
            return
        }
        if let problem = problemBeforeRunning() {
            writeStandardError(ErrorOutput.forStandardError().renderPlain(problem, program: commandName))
            throw ExitCode(66)
        }
        var runner = ScriptRunner(options: try shared.sessionOptions())
        runner.commandName = commandName
        let status = runner.run(.code(program))
        if status != 0 { throw ExitCode(status) }
    }
}
