import Testing
@testable import Runtime

/// Optimizers on the quadratic f(θ) = ½ Σ aᵢ θᵢ², gradient aᵢ θᵢ, minimum at 0.
@Suite struct OptimizerTests {
    static let curvature: [Float] = [1, 4, 0.25]
    static let start: [Float] = [1, -2, 3]

    static func gradient(_ theta: [Float]) -> [Float] { zip(curvature, theta).map { $0 * $1 } }

    /// Runs `steps` updates, recomputing the gradient each time; returns every θ visited.
    static func run(_ optimizer: inout some Optimizer, steps: Int) -> [[Float]] {
        var parameters = [Parameter(name: "weight", value: Tensor(shape: [3], data: start))]
        var path = [start]
        for _ in 0..<steps {
            parameters[0].gradient = Tensor(shape: [3], data: gradient(parameters[0].value.data))
            optimizer.step(&parameters)
            path.append(parameters[0].value.data)
        }
        return path
    }

    @Test func sgdStepIsLearningRateTimesGradient() {
        var sgd = SGD(lr: 0.1)
        let path = Self.run(&sgd, steps: 1)
        let expected = zip(Self.start, Self.gradient(Self.start)).map { $0 - 0.1 * $1 }
        #expect(path[1] == expected)
    }

    @Test func momentumAccumulatesVelocity() {
        var momentum = Momentum(lr: 0.1, beta: 0.9)
        let path = Self.run(&momentum, steps: 2)
        let g0 = Self.gradient(Self.start)
        let theta1 = zip(Self.start, g0).map { $0 - 0.1 * $1 }
        let g1 = Self.gradient(theta1)
        let v1 = zip(g0, g1).map { 0.9 * $0 + $1 }
        let theta2 = zip(theta1, v1).map { $0 - 0.1 * $1 }
        #expect(GradientCheck.maxError(path[1], theta1) < 1e-6)
        #expect(GradientCheck.maxError(path[2], theta2) < 1e-6)
    }

    /// Adam's first bias-corrected step has length lr in every coordinate, whatever the gradient's scale.
    @Test func adamFirstStepIsLearningRateTimesSign() {
        var adam = Adam(lr: 0.05)
        let path = Self.run(&adam, steps: 1)
        for k in 0..<3 {
            let step = Self.start[k] - path[1][k]
            #expect(abs(abs(step) - 0.05) < 1e-5)
            #expect((step > 0) == (Self.gradient(Self.start)[k] > 0))
        }
    }

    @Test(arguments: [("sgd", 300), ("momentum", 300), ("adam", 1500)])
    func convergesToTheMinimum(name: String, steps: Int) {
        let path: [[Float]]
        switch name {
        case "sgd": var o = SGD(lr: 0.2); path = Self.run(&o, steps: steps)
        case "momentum": var o = Momentum(lr: 0.05, beta: 0.9); path = Self.run(&o, steps: steps)
        default: var o = Adam(lr: 0.05); path = Self.run(&o, steps: steps)
        }
        let last = path[path.count - 1]
        #expect(last.allSatisfy { abs($0) < 1e-2 }, "\(name) ended at \(last)")
    }
}
