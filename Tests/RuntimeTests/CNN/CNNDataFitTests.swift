import Testing
@testable import Runtime

/// Data that does not fit a network — more classes than it has outputs, another image size or
/// channel count — is refused with one message by everything that runs the network on images
/// (issue 10, crash 3: `evaluate` indexed past a 5-class model's outputs with a label of 9).
@Suite("CNN data fit")
struct CNNDataFitTests {
    /// Three images of `shape` labelled 0, 9 and 3 out of 10 classes.
    static func digits(_ shape: [Int]) throws -> ImageDataset {
        let size = shape.reduce(1, *)
        return try ImageDataset(shape: shape, images: (0..<(3 * size)).map { Float($0 % 7) / 7 },
                                labels: [0, 9, 3], classes: 10, name: "digits")
    }

    static func network(classes: Int, input: [Int] = [1, 7, 7]) throws -> CNN {
        try CNN(layers: [.flatten, .dense(outputs: classes), .softmax], inputShape: input, classes: classes, seed: 1)
    }

    static let fewerClasses = "the data has 10 classes but the network has 5 outputs; build it with classes: 10"

    @Test func fewerOutputsThanClasses() throws {
        var model = try Self.network(classes: 5)
        let data = try Self.digits([1, 7, 7])
        #expect(runtimeMessage { _ = try evaluate(&model, on: data) } == Self.fewerClasses)
        #expect(runtimeMessage { try model.checkFits(data) } == Self.fewerClasses)
        var trainer = CNNTrainer(epochs: 1)
        var rng = SeededGenerator(seed: 1)
        #expect(runtimeMessage { _ = try trainer.train(&model, on: data, validation: data, rng: &rng) } == Self.fewerClasses)
        // Predictions need no labels: a 5-class model may still be asked about these images.
        #expect(try model.predict(data).shape == [3, 5])
    }

    @Test(arguments: [[1, 14, 14], [3, 7, 7]])
    func otherImageShapes(_ shape: [Int]) throws {
        var model = try Self.network(classes: 10)
        let data = try Self.digits(shape)
        let expected = "the network takes images of shape [1, 7, 7], the data has \(shape)"
        #expect(runtimeMessage { _ = try evaluate(&model, on: data) } == expected)
        #expect(runtimeMessage { _ = try model.predict(data) } == expected)
        #expect(runtimeMessage { _ = try model.probes(images: data.images, count: data.count, shape: data.shape) } == expected)
        var trainer = CNNTrainer(epochs: 1)
        var rng = SeededGenerator(seed: 1)
        #expect(runtimeMessage { _ = try trainer.train(&model, on: data, validation: data, rng: &rng) } == expected)
    }

    @Test func moreOutputsThanClassesIsFine() throws {
        var model = try Self.network(classes: 12)
        let result = try evaluate(&model, on: try Self.digits([1, 7, 7]))
        #expect(result.predictions.count == 3)
        #expect(result.predictions.allSatisfy { (0..<12).contains($0) })
    }
}
