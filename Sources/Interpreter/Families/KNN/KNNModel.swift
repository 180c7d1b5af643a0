import Plots
import Runtime

/// The nv value of `knn(...)`: its settings and, once trained, the training points.
/// `m.k = 15` changes the vote at once (`show(m)` redraws the regions).
final class KNNModel: NVObject, ModelObject, ShowableObject {
    static var family: ModelFamily { KNNFamily.family }

    var k: Int
    var weights: KNNWeights
    let metric: KNNMetric
    let scale: Bool
    /// The classifier on every training point given; nil before training.
    var classifier: KNNClassifier?
    var picture: KNNPicture?
    var progress = KNNProgress()

    init(k: Int, weights: KNNWeights, metric: KNNMetric, scale: Bool) {
        self.k = k; self.weights = weights; self.metric = metric; self.scale = scale
    }

    var typeName: String { "model" }

    var description: String {
        var text = "knn: k = \(k), weights \(weights.rawValue), metric \(metric.rawValue)\(scale ? ", scaled" : "")"
        if let classifier { text += "; \(classifier.n) training points of \(classifier.d) features, \(classifier.classes) classes" } else { text += "; not trained" }
        return text
    }

    var memberNames: [String] { ["k", "weights", "metric", "scale", "count"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "k": return .number(Double(k))
        case "weights": return .string(weights.rawValue)
        case "metric": return .string(metric.rawValue)
        case "scale": return .bool(scale)
        case "count": return .number(Double(classifier?.n ?? 0))
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        switch name {
        case "k":
            guard case .number(let x) = value, let newK = Int(exactly: x), newK >= 1 else {
                throw ValueError("m.k must be a whole number of 1 or more, got \(value.description)")
            }
            if let classifier, newK > classifier.n {
                throw ValueError("m.k = \(newK) is more than the \(classifier.n) training points")
            }
            k = newK
            classifier?.k = newK
        case "weights":
            guard case .string(let text) = value, let chosen = KNNWeights(rawValue: text) else {
                throw ValueError("m.weights must be \"uniform\" or \"distance\", got \(value.description)")
            }
            weights = chosen
            classifier?.weights = chosen
        default:
            throw ValueError(memberNames.contains(name) ? "\(name) cannot be set; m.k and m.weights can" : "a knn model has no member '\(name)'")
        }
    }

    var figure: Figure {
        guard let picture else {
            return Figure.single(MessageChart("train(m, data) to see\nthe decision regions"), title: description)
        }
        return KNNViews.dashboard(classifier, picture: picture, shown: classifier?.n ?? 0, progress: progress)
    }
}
