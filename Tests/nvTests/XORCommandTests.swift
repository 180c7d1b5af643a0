import Foundation
import Testing

/// `nv xor`: the original's command line runs the same training as the builtins.
@Suite struct XORCommandTests {
    @Test func trainsAndPrintsThePredictionTable() throws {
        let result = try NVProcess.run(["xor", "--hidden", "2", "--epochs", "3000", "--every", "500", "--seed", "4"],
                                       environment: ["NV_GRAPHICS": "none"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("epoch 3000/3000"))
        #expect(result.stdout.contains("input   target  output  right"))
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }.count == 4)
    }

    @Test func sameOutputAsTheBuiltins() throws {
        let command = try NVProcess.run(["xor", "--hidden", "3", "--epochs", "500", "--lr", "0.5", "--seed", "9"],
                                        environment: ["NV_GRAPHICS": "none"])
        let builtins = try NVProcess.run(["--seed", "9", "-e", "net = xor(hidden: 3, lr: 0.5); train(net, epochs: 500)"],
                                         environment: ["NV_GRAPHICS": "none"])
        func table(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("epoch ") } }
        #expect(command.status == 0 && builtins.status == 0)
        #expect(table(command.stdout) == table(builtins.stdout))
        #expect(!table(command.stdout).isEmpty)
    }

    @Test(arguments: [
        (["xor", "--hidden", "0"], "--hidden must be a positive integer, got 0"),
        (["xor", "--epochs=-5"], "--epochs must be a positive integer, got -5"),
        (["xor", "--every", "0"], "--every must be a positive integer, got 0"),
        (["xor", "--lr", "0"], "--lr must be a positive number"),
    ])
    func badFlagsAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let result = try NVProcess.run(arguments, environment: ["NV_GRAPHICS": "none"])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }
}
