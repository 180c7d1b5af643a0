import Testing
@testable import Runtime

/// A conv layer's backward after an inference forward (the direct convolution, which builds no
/// columns matrix) — what a saliency map does — gives the same gradients as after a training
/// forward, whichever batch ran before.
@Suite struct ConvBackwardAfterInferenceTests {
    @Test(arguments: [(size: 14, batch: 1, earlierBatch: 0), (size: 14, batch: 2, earlierBatch: 8),
                      (size: 10, batch: 3, earlierBatch: 1)])
    func gradientsMatchATrainingForward(size: Int, batch: Int, earlierBatch: Int) {
        var rng = SeededGenerator(seed: 4)
        let shape = [2, size, size]
        let template = Conv2D(filters: 8, size: 3, stride: 1, padding: 0, inputShape: shape, rng: &rng)
        let outputShape = [8, size - 2, size - 2]
        let x = Tensor(shape: [batch] + shape, data: (0..<(batch * 2 * size * size)).map { _ in Float(rng.normal()) })
        let dy = Tensor(shape: [batch] + outputShape, data: (0..<(batch * outputShape.reduce(1, *))).map { _ in Float(rng.normal()) })

        var trained = template
        let yTrained = trained.forward(x, outputShape: outputShape, training: true)
        let dxTrained = trained.backward(input: x, output: yTrained, outputGradient: dy)

        var inferred = template
        if earlierBatch > 0 {
            let earlier = Tensor(shape: [earlierBatch] + shape, data: (0..<(earlierBatch * 2 * size * size)).map { _ in Float(rng.normal()) })
            _ = inferred.forward(earlier, outputShape: outputShape, training: true)
            for p in 0..<inferred.parameterCount { inferred.withParameter(p) { _, g in g.update(repeating: 0) } }
        }
        let yInferred = inferred.forward(x, outputShape: outputShape, training: false)
        let dxInferred = inferred.backward(input: x, output: yInferred, outputGradient: dy)

        #expect(yInferred.data == yTrained.data)
        #expect(dxInferred.data == dxTrained.data)
        #expect(inferred.parameters[0].gradient.data == trained.parameters[0].gradient.data)
        #expect(inferred.parameters[1].gradient.data == trained.parameters[1].gradient.data)
    }
}
