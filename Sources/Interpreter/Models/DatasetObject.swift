import Plots
import Runtime

/// The nv value of a 2D data set (`circle(...)`, `csv(path)`, ...): points with 0/1 labels.
/// After `split(data, 0.8)` it also carries a training and a test part, which `train(model,
/// data)` uses (without a split, it trains on every point and has no test loss).
final class DatasetObject: NVObject, ShowableObject {
    let data: Dataset
    let trainPart: Dataset?
    let testPart: Dataset?

    init(_ data: Dataset, train: Dataset? = nil, test: Dataset? = nil) {
        self.data = data
        trainPart = train
        testPart = test
    }

    var typeName: String { "dataset" }

    var description: String {
        let ones = data.labels.reduce(0, +)
        var text = "dataset \(data.name): \(data.count) points (\(data.count - Int(ones)) of class 0, \(Int(ones)) of class 1)"
        if let trainPart, let testPart { text += ", split \(trainPart.count) train / \(testPart.count) test" }
        return text
    }

    var memberNames: [String] { ["x", "labels", "count", "name", "train", "test"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "x": return .tensor(data.pointTensor)
        case "labels": return .list(data.labels.map { .number(Double($0)) })
        case "count": return .number(Double(data.count))
        case "name": return .string(data.name)
        case "train", "test":
            guard let part = name == "train" ? trainPart : testPart else {
                throw ValueError("this dataset has no \(name) part yet; split it first, e.g. data = split(data, 0.8)")
            }
            return .object(DatasetObject(part))
        default: return nil
        }
    }

    /// The training set and test set `train` uses.
    var trainingSets: (train: Dataset, test: Dataset?) {
        if let trainPart { return (trainPart, testPart) }
        return (data, nil)
    }

    var figure: Figure {
        let xs = stride(from: 0, to: data.points.count, by: 2).map { Double(data.points[$0]) }
        let ys = stride(from: 1, to: data.points.count, by: 2).map { Double(data.points[$0]) }
        let classes = data.labels.map { Int($0) }
        return Figure.single(Axes([ScatterChart(xs: xs, ys: ys, classes: classes)], xLabel: "x", yLabel: "y"),
                             title: data.name, width: 560, height: 480)
    }
}
