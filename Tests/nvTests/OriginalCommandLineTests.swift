import Foundation
import Testing
@testable import NVCommand

/// The original project's command lines (`python main.py` replaced by `nv`) become nv's own
/// subcommands; nv's own command lines pass through untouched; a flag nv cannot mean is a
/// usage error that names it, never the help printed in silence.
@Suite struct OriginalCommandLineTests {
    @Test(arguments: [
        (["--xor", "-hn", "3", "-ner", "200", "-e", "40000"], ["xor", "--hidden=3", "--every=200", "--epochs=40000"]),
        (["-hn", "2", "--xor"], ["xor", "--hidden=2"]),
        (["--xor", "--hidden_neurons=4", "--num_epochs_refresh_visualizer", "50", "--seed", "1"],
         ["xor", "--hidden=4", "--every=50", "--seed", "1"]),
        (["xor", "-hn", "3", "--lr", "0.5"], ["xor", "--hidden=3", "--lr", "0.5"]),
        (["--mnist_digits", "-m", "train"], ["mnist", "train"]),
        (["--mnist_digits"], ["mnist", "train"]),
        (["--mnist_digits", "-m", "train", "-uc"], ["mnist", "train", "--config=config/user_cnn_params.json"]),
        (["-md", "-m", "infer", "-um", "my.safetensors"], ["mnist", "infer", "--model=my.safetensors"]),
        (["--mnist", "--mode=infer", "--user_model=m.safetensors", "--count", "2"],
         ["mnist", "infer", "--count", "2", "--model=m.safetensors"]),
        (["-md", "-e", "3"], ["mnist", "train", "--epochs=3"]),
        (["mnist", "train", "-uc"], ["mnist", "train", "--config=config/user_cnn_params.json"]),
        (["mnist", "-m", "infer"], ["mnist", "infer"]),
        (["xor", "--epochs=-5"], ["xor", "--epochs=-5"]),
        (["--xor", "-hn", "-2"], ["xor", "--hidden=-2"]),
    ])
    func originalLinesBecomeNvs(_ original: [String], _ nv: [String]) throws {
        #expect(try OriginalCommandLine.translate(original) == nv)
    }

    @Test(arguments: [
        [], ["script.nv"], ["-e", "1 + 2"], ["-e", "--xor"], ["--seed", "3", "-"], ["mnist"], ["mnist", "--help"],
        ["xor", "--hidden", "2"], ["mnist", "infer", "--model", "m.safetensors"], ["--doctor"],
    ])
    func nvsOwnLinesPassThrough(_ arguments: [String]) throws {
        #expect(try OriginalCommandLine.translate(arguments) == arguments)
    }

    @Test(arguments: [
        (["--xor", "-hx", "3"], "unknown option '-hx' for nv xor; the original's options here are -hn N, -ner N, -e N"),
        (["xor", "-hnn", "3"], "unknown option '-hnn' for nv xor"),
        (["--xor", "-md"], "--xor and --mnist_digits (-md) cannot be combined"),
        (["--xor", "-uc"], "-uc (--user_config) is an option of --mnist_digits (nv mnist), not of nv xor"),
        (["-md", "-hn", "3"], "-hn (--hidden_neurons) is an option of --xor (nv xor), not of nv mnist"),
        (["--xor", "-hn"], "-hn (--hidden_neurons) needs a value"),
        (["-md", "-m", "fly"], "-m (--mode) must be train or infer, got 'fly'"),
        (["-md", "-m", "infer", "-uc"], "-uc (--user_config) is for -m train"),
        (["-md", "-um", "m.safetensors"], "-um (--user_model) is for -m infer"),
        (["mnist", "train", "-m", "infer"], "-m infer contradicts 'nv mnist train'"),
    ])
    func badLinesNameTheFlag(_ arguments: [String], _ message: String) throws {
        do {
            let translated = try OriginalCommandLine.translate(arguments)
            Issue.record("translated \(arguments) to \(translated)")
        } catch let error as OriginalCommandLine.UsageError {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    /// From the shell: the original's XOR line trains as nv's own does, and `-hn` after
    /// `nv xor` no longer prints the help.
    @Test func originalXORLineRunsAsNvsOwn() throws {
        let original = try NVProcess.run(["--xor", "-hn", "2", "-ner", "500", "-e", "3000", "--seed", "4"],
                                         environment: ["NV_GRAPHICS": "none"])
        let own = try NVProcess.run(["xor", "--hidden", "2", "--every", "500", "--epochs", "3000", "--seed", "4"],
                                    environment: ["NV_GRAPHICS": "none"])
        let mixed = try NVProcess.run(["xor", "-hn", "2", "-ner", "500", "-e", "3000", "--seed", "4"],
                                      environment: ["NV_GRAPHICS": "none"])
        func table(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("epoch ") } }
        #expect(original.status == 0 && own.status == 0 && mixed.status == 0, "stderr: \(original.stderr) \(mixed.stderr)")
        #expect(original.stdout.contains("epoch 3000/3000"))
        #expect(!table(own.stdout).isEmpty)
        #expect(table(original.stdout) == table(own.stdout))
        #expect(table(mixed.stdout) == table(own.stdout))
        #expect(!mixed.stdout.contains("USAGE") && !mixed.stdout.contains("OPTIONS"))
    }

    /// From the shell: a bad value given with the original's flag reaches nv's own check.
    @Test func badValueOfAnOriginalFlagIsNvsUsageError() throws {
        let result = try NVProcess.run(["--xor", "-hn", "-2"], environment: ["NV_GRAPHICS": "none"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--hidden must be a positive integer, got -2"), "stderr: \(result.stderr)")
    }

    /// From the shell: an unknown single-dash word is exit status 64 with its name on stderr.
    @Test func unknownFlagIsAUsageError() throws {
        let result = try NVProcess.run(["xor", "-hx", "3"], environment: ["NV_GRAPHICS": "none"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Error: unknown option '-hx' for nv xor"), "stderr: \(result.stderr)")
    }
}
