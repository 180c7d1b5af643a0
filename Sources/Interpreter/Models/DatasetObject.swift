import Plots
import Runtime

/// The nv value of a data set (`circle(...)`, `iris()`, `csv(path)`, ...): rows of features
/// with a class each (or a number to regress on). After `split(data, 0.8)` it also carries a
/// training and a test part, which `train(model, data)` uses (without a split, it trains on
/// every point and has no test loss).
final class DatasetObject: NVObject, ShowableObject {
    let data: Dataset
    let trainPart: Dataset?
    let testPart: Dataset?
    /// What reading it left out ("2 rows with a missing value left out (lines 5, 273)").
    let note: String?

    init(_ data: Dataset, train: Dataset? = nil, test: Dataset? = nil, note: String? = nil) {
        self.data = data
        trainPart = train
        testPart = test
        self.note = note
    }

    var typeName: String { "dataset" }

    var description: String {
        var text = "dataset \(data.name): \(data.count) points"
        if data.isRegression {
            text += " of \(features), target '\(data.targetName)'"
        } else {
            let numbered = data.classNames.allSatisfy { Double($0) != nil }
            let counts = zip(data.classCounts, data.classNames).map { numbered ? "\($0) of class \($1)" : "\($0) \($1)" }
            let plane = data.featureNames == Dataset.planeFeatureNames
            text += (plane ? "" : " of \(features), \(data.classCount) classes") + " (\(counts.joined(separator: ", ")))"
        }
        if let note { text += "; \(note)" }
        if let trainPart, let testPart { text += ", split \(trainPart.count) train / \(testPart.count) test" }
        return text
    }

    /// "4 features" (or "1 feature").
    private var features: String { "\(data.featureCount) feature\(data.featureCount == 1 ? "" : "s")" }

    var memberNames: [String] { ["x", "labels", "count", "name", "features", "classes", "train", "test"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "x": return .tensor(data.pointTensor)
        case "labels":
            if let targets = data.targets { return .list(targets.map { .number(Double($0)) }) }
            return .list(data.labels.map { .number(Double($0)) })
        case "features": return .list(data.featureNames.map { .string($0) })
        case "classes": return .list(data.classNames.map { .string($0) })
        case "count": return .number(Double(data.count))
        case "name": return .string(data.name)
        case "train", "test":
            guard let part = name == "train" ? trainPart : testPart else {
                throw ValueError("this dataset has no \(name) part yet; split it first, e.g. data = split(data, 0.8)")
            }
            return .object(DatasetObject(part, note: note))
        default: return nil
        }
    }

    /// The training set and test set `train` uses.
    var trainingSets: (train: Dataset, test: Dataset?) {
        if let trainPart { return (trainPart, testPart) }
        return (data, nil)
    }

    /// The scatter `show(data)` draws: the two features of a 2D set, the first two principal
    /// components of a wider one (`DataViews`).
    var figure: Figure { DataViews.scatter(data) }

    /// The scatter seen through `projection` (`show(data, features: [2, 3])`).
    func figure(_ projection: DataViews.Projection) -> Figure { DataViews.scatter(data, projection: projection) }
}
