import Runtime

/// Points as the k-means and kNN families take them: a data set (any number of features, with
/// its labels and names), images from `mnist(...)` (each image one row), or plain rows of
/// numbers (a list of lists or a tensor [n, d], unlabelled).
struct PointRows {
    /// points: [n, d].
    var points: [Float]
    var d: Int
    /// labels: [n], empty when unlabelled.
    var labels: [Int]
    var classNames: [String]?
    var featureNames: [String]?
    /// The image size when every row is an image.
    var imageSize: (width: Int, height: Int)?
    /// The test part (a split data set's, or an image set's test images).
    var test: (points: [Float], labels: [Int])?
    var n: Int { d > 0 ? points.count / d : 0 }

    /// Reads argument `name` for `function`.
    static func read(_ args: Arguments, _ name: String) throws -> PointRows {
        let value = args.any(name)
        if case .object(let object) = value {
            if let data = object as? DatasetObject {
                let (train, test) = data.trainingSets
                guard !train.isRegression else {
                    throw args.error(name, "is a regression set; \(args.function) needs points with classes or without labels")
                }
                return PointRows(points: train.points, d: train.featureCount, labels: train.labels,
                                 classNames: train.classNames, featureNames: train.featureNames, imageSize: nil,
                                 test: test.map { ($0.points, $0.labels) })
            }
            if let images = object as? ImageDataObject {
                let data = images.data
                let test = images.splits.map { ($0.test.images, $0.test.labels) }
                return PointRows(points: data.images, d: data.sampleSize, labels: data.labels,
                                 classNames: (0..<data.classes).map(String.init), featureNames: nil,
                                 imageSize: (data.shape[2], data.shape[1]), test: test)
            }
        }
        if case .list(let list) = value, list.elements.isEmpty {
            throw args.error(name, "has no points")
        }
        let tensor: Tensor
        do {
            tensor = try Conversions.tensor(from: value)
        } catch {
            throw args.error(name, "must be a data set, images from mnist(...), or rows of numbers: \(error.message)")
        }
        guard tensor.rank == 2, tensor.shape[0] > 0, tensor.shape[1] > 0 else {
            throw args.error(name, "must be rows of numbers (shape [n, features]), got shape \(tensor.shape)")
        }
        return PointRows(points: tensor.data, d: tensor.shape[1], labels: [], classNames: nil, featureNames: nil,
                         imageSize: nil, test: nil)
    }

    /// Query points for a model of `d` features: one point [d] (single) or rows [m, d].
    static func queries(_ args: Arguments, _ name: String, features d: Int) throws -> (points: [Float], single: Bool) {
        let value = args.any(name)
        if case .object(let object) = value, let data = object as? DatasetObject {
            guard data.data.featureCount == d else {
                throw args.error(name, "has \(data.data.featureCount) features; the model takes \(d)")
            }
            return (data.data.points, false)
        }
        if case .record(let record) = value, let image = record["image"] {
            return (try Conversions.tensor(from: image).data, true)
        }
        let tensor: Tensor
        do {
            tensor = try Conversions.tensor(from: value)
        } catch {
            throw args.error(name, "must be a point of \(d) numbers or rows of them: \(error.message)")
        }
        if tensor.rank == 1 || (tensor.rank == 3 && tensor.count == d) {
            guard tensor.count == d else {
                throw args.error(name, "has \(tensor.count) numbers; the model takes points of \(d) features")
            }
            return (tensor.data, true)
        }
        guard tensor.rank == 2, tensor.shape[1] == d else {
            throw args.error(name, "must be points of \(d) features, got shape \(tensor.shape)")
        }
        return (tensor.data, false)
    }
}
