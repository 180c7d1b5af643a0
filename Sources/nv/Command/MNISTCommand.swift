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

    /// The nv program this command runs.
    var program: String {
        let model = config.map { "m = cnn(\(MNISTInferCommand.literal($0)))" } ?? "m = cnn()"
        return """
            \(model)
            data = mnist(size: m.input[1], validation: m.config.percent_train_data_to_use_for_validation)
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

    @Option(name: .long, help: ArgumentHelp("The saved network.", valueName: "file"))
    var model = "models/mnist_cnn.safetensors"

    @Option(name: .long, help: ArgumentHelp("How many random test digits to show.", valueName: "n"))
    var count = 4

    @Flag(name: .customLong("show-program"), help: "Print the nv program this command runs, and stop.")
    var showProgram = false

    @OptionGroup var shared: SharedOptions

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be a positive integer, got \(count)") }
    }

    /// The nv program this command runs.
    var program: String {
        """
        m = load(\(Self.literal(model)))
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
