import ArgumentParser
import Interpreter

/// `nv xor --hidden 3 --every 200 --epochs 40000`: the original visualizer's command line,
/// for people coming from it. It runs exactly what the builtins do —
/// `net = xor(hidden: H, lr: LR); train(net, epochs: E, every: N)` — in a fresh session.
struct XORCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xor",
        abstract: "Train the XOR network with its live dashboard (as net = xor(...); train(net, ...)).",
        discussion: """
            q or Ctrl-C stops early and keeps the weights; the predictions are printed at the end.
            --seed seeds the weights, so runs repeat. The original's flags work too: \
            nv --xor -hn 3 -ner 200 -e 40000 (-hn: --hidden, -ner: --every, -e: --epochs).
            """,
        helpNames: NV.subcommandHelpNames)

    @Option(name: .long, help: ArgumentHelp("Hidden units.", valueName: "n"))
    var hidden = 3

    @Option(name: .long, help: ArgumentHelp("Epochs (full-batch gradient steps) to train.", valueName: "n"))
    var epochs = 50_000

    @Option(name: .long, help: ArgumentHelp("Offer a dashboard frame every this many epochs.", valueName: "n"))
    var every = 100

    @Option(name: .long, help: ArgumentHelp("Learning rate.", valueName: "rate"))
    var lr = 0.1

    @OptionGroup var shared: SharedOptions

    func validate() throws {
        guard hidden >= 1 else { throw ValidationError("--hidden must be a positive integer, got \(hidden)") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be a positive integer, got \(epochs)") }
        guard every >= 1 else { throw ValidationError("--every must be a positive integer, got \(every)") }
        guard lr.isFinite, lr > 0 else { throw ValidationError("--lr must be a positive number, got \(lr)") }
    }

    /// The nv program this command runs.
    var program: String {
        "net = xor(hidden: \(hidden), lr: \(lr))\ntrain(net, epochs: \(epochs), every: \(every))\n"
    }

    func run() throws {
        var runner = ScriptRunner(options: try shared.sessionOptions())
        runner.commandName = "nv xor"
        let status = runner.run(.code(program))
        if status != 0 { throw ExitCode(status) }
    }
}
