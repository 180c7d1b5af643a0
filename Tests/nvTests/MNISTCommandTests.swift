import Foundation
import Testing
@testable import NVCommand

/// `nv mnist train` and `nv mnist infer`: the original's command line runs the language's CNN
/// builtins, with usage errors for bad flags and clear messages for bad files.
@Suite struct MNISTCommandTests {
    /// A small config (7x7 digits, one conv layer, one epoch) that saves into `folder`.
    static func tinyConfig(in folder: URL, layers: String? = nil, extra: String = "") throws -> (config: String, model: String) {
        let model = folder.appendingPathComponent("tiny.safetensors").path
        let layerList = layers ?? """
            [{"type": "conv", "out_channels": 4, "filter_size": 3}, {"type": "relu"}, {"type": "maxpool"},
             {"type": "flatten"}, {"type": "dense", "out_features": 10}, {"type": "softmax"}]
            """
        let json = """
            {\(extra)"epochs": 1, "batch_size": 64, "input_size": 7, "model_output_filename": "\(model)", "layers": \(layerList)}
            """
        let config = folder.appendingPathComponent("tiny.json").path
        try json.write(toFile: config, atomically: true, encoding: .utf8)
        return (config, model)
    }

    @Test func trainsSavesAndInfers() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (config, model) = try Self.tinyConfig(in: folder)
        let train = try NVProcess.run(["mnist", "train", "--config", config, "--output", model, "--seed", "3"],
                                      environment: ["NV_GRAPHICS": "none"], timeout: 300)
        #expect(train.status == 0, "stderr: \(train.stderr)")
        // The config's percent_of_train_data_to_use (0.2 when not given) of the 5,000 digits.
        #expect(train.stdout.contains("800 train / 200 validation / 10000 test"))
        #expect(train.stdout.contains("epoch 1/1  train loss"))
        #expect(train.stdout.contains("test accuracy"))
        #expect(train.stdout.contains("saved \(model)"))
        #expect(FileManager.default.fileExists(atPath: model))

        let infer = try NVProcess.run(["mnist", "infer", "--model", model, "--count", "3", "--seed", "1"],
                                      environment: ["NV_GRAPHICS": "none"], timeout: 300)
        #expect(infer.status == 0, "stderr: \(infer.stderr)")
        let lines = infer.stdout.split(separator: "\n")
        #expect(lines.first == "image  truth  predicted  p(predicted)  p(truth)  right")
        #expect(lines.filter { $0.hasPrefix("#") }.count == 3)
        #expect(lines.last?.hasPrefix("test accuracy ") == true)
    }

    /// With neither a trained nor the shipped model: the message says how to get one, names the command,
    /// and points into no program (`-e:1:5: ... load:` used to, with exit 70).
    @Test func inferWithoutTheDefaultModelSaysHowToTrainOne() {
        #expect(MNISTInferCommand.missingModelMessage(model: MNISTInferCommand.trainedModel, given: false, exists: { _ in false })
                == "no trained model at models/mnist_cnn.safetensors; train one with `nv mnist train` (about 10 s to watch it learn, under a second with --no-live) or pass --model FILE")
        #expect(MNISTInferCommand.missingModelMessage(model: MNISTInferCommand.trainedModel, given: false, exists: { _ in true }) == nil)
        #expect(MNISTInferCommand.missingModelMessage(model: "mine.safetensors", given: true, exists: { _ in false })
                == "--model: no file 'mine.safetensors'")
    }

    @Test func inferErrorsAreTheCommandsNotTheProgramsItRuns() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("none.safetensors").path
        let absent = try NVProcess.run(["mnist", "infer", "--model", missing])
        #expect(absent.status == 66)
        #expect(absent.stderr == "nv mnist infer: error: --model: no file '\(missing)'\n")
        // A file that is there but is no model fails inside the program: still the command's error.
        let bogus = folder.appendingPathComponent("bogus.safetensors").path
        try "not a model".write(toFile: bogus, atomically: true, encoding: .utf8)
        let broken = try NVProcess.run(["mnist", "infer", "--model", bogus])
        #expect(broken.status == 70)
        #expect(broken.stderr.hasPrefix("nv mnist infer: error: load: "), "stderr: \(broken.stderr)")
        #expect(!broken.stderr.contains("-e:"))
        #expect(!broken.stderr.contains("^"))
    }

    /// The config's percent_of_train_data_to_use sets how many of the 5,000 training digits are
    /// used (then percent_train_data_to_use_for_validation of those are held out).
    @Test(arguments: [(0.1, "400 train / 100 validation"), (0.5, "2000 train / 500 validation"),
                      (1.0, "4000 train / 1000 validation")])
    func percentOfTrainDataIsApplied(_ percent: Double, _ counts: String) throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (config, model) = try Self.tinyConfig(in: folder, extra: #""percent_of_train_data_to_use": \#(percent), "#)
        let train = try NVProcess.run(["mnist", "train", "--config", config, "--output", model, "--seed", "3"],
                                      environment: ["NV_GRAPHICS": "none"], timeout: 300)
        #expect(train.status == 0, "stderr: \(train.stderr)")
        #expect(train.stdout.contains("images mnist (7x7): \(counts) / 10000 test"), "stdout: \(train.stdout)")
    }

    /// Without --model and without a model of the user's, infer loads the shipped model, says
    /// so, and it scores a sensible accuracy; a model the user trained is preferred.
    @Test func inferFallsBackToTheShippedModel() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = try NVProcess.run(["mnist", "infer", "--count", "2", "--seed", "1"],
                                        environment: ["NV_GRAPHICS": "none"], timeout: 300, currentDirectory: folder)
        #expect(shipped.status == 0, "stderr: \(shipped.stderr)")
        let lines = shipped.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("model ") == true)
        #expect(lines.first?.hasSuffix("data/models/default_mnist_cnn.safetensors (shipped with nv; nv mnist train makes your own)") == true,
                "stdout: \(shipped.stdout)")
        let last = try #require(lines.last)
        #expect(last.hasSuffix("% on 10000 images"), "stdout: \(shipped.stdout)")
        let percent = try #require(Double(last.dropFirst("test accuracy ".count).prefix { $0 != "%" }))
        #expect(percent > 85, "the shipped model scores \(percent)%")

        // The user's own model at models/mnist_cnn.safetensors wins (here a copy of the shipped one).
        let shippedPath = String(try #require(lines.first).dropFirst("model ".count).prefix { $0 != " " })
        let models = folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: shippedPath, toPath: models.appendingPathComponent("mnist_cnn.safetensors").path)
        let own = try NVProcess.run(["mnist", "infer", "--count", "1", "--show-program"], currentDirectory: folder)
        #expect(own.stdout.hasPrefix("print(\"model models/mnist_cnn.safetensors (yours, from nv mnist train)\")\nm = load(\"models/mnist_cnn.safetensors\")"),
                "stdout: \(own.stdout)")
    }

    @Test func showProgramPrintsWhatRunsAndTheProgramRunsTheSame() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (config, model) = try Self.tinyConfig(in: folder)
        let shown = try NVProcess.run(["mnist", "train", "--config", config, "--output", model, "--epochs", "1", "--show-program"])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("m = cnn(\"\(config)\")\n"))
        #expect(shown.stdout.contains("train(m, data, epochs: 1)"))
        #expect(shown.stdout.contains("save(m, \"\(model)\")"))
        let command = try NVProcess.run(["mnist", "train", "--config", config, "--output", model, "--epochs", "1", "--seed", "5"],
                                        environment: ["NV_GRAPHICS": "none"], timeout: 300)
        let program = try NVProcess.run(["--seed", "5", "-e", shown.stdout], environment: ["NV_GRAPHICS": "none"], timeout: 300)
        // The status line carries the clock; every other line is the same.
        func figures(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.contains("img/s") } }
        #expect(command.status == 0 && program.status == 0, "stderr: \(command.stderr) \(program.stderr)")
        #expect(figures(command.stdout) == figures(program.stdout))
        #expect(figures(command.stdout).contains { $0.hasPrefix("epoch 1/1") })
    }

    @Test(arguments: [
        (["mnist", "train", "--epochs", "0"], "--epochs must be a positive integer, got 0"),
        (["mnist", "train", "--config", "/nonexistent/cnn.json"], "--config: no file '/nonexistent/cnn.json'"),
        (["mnist", "infer", "--count", "0"], "--count must be a positive integer, got 0"),
        (["mnist", "fly"], "Unexpected argument 'fly'"),
    ])
    func badFlagsAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let result = try NVProcess.run(arguments, environment: ["NV_GRAPHICS": "none"])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    /// A config whose model_output_filename leaves the working folder is refused before
    /// training, unless --output gives the place.
    @Test func aConfigMayNotChooseAPlaceOutsideTheWorkingFolder() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (config, model) = try Self.tinyConfig(in: folder)
        let result = try NVProcess.run(["mnist", "train", "--config", config], environment: ["NV_GRAPHICS": "none"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--config: its model_output_filename '\(model)' points outside the working folder; give --output \(model) to save there"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test func badFilesGetClearMessages() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (config, _) = try Self.tinyConfig(in: folder, layers: #"[{"type": "convv", "out_channels": 4}]"#)
        let badConfig = try NVProcess.run(["mnist", "train", "--config", config], environment: ["NV_GRAPHICS": "none"])
        #expect(badConfig.status == 70)
        #expect(badConfig.stderr.contains("layer 1 has unknown type 'convv'"), "stderr: \(badConfig.stderr)")

        let missing = folder.appendingPathComponent("none.safetensors").path
        let noModel = try NVProcess.run(["mnist", "infer", "--model", missing], environment: ["NV_GRAPHICS": "none"])
        #expect(noModel.status == 66)
        #expect(noModel.stderr.contains(missing), "stderr: \(noModel.stderr)")
    }
}
