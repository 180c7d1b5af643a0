import Runtime

/// The nv value of `mnist(...)` and of its parts: labelled images for a CNN.
///
/// `mnist(...)` gives the three splits of one run (`data.train`, `data.validation`,
/// `data.test`); each part is an image set of its own. `train(model, data)` trains on the
/// training part and validates on the validation part; `evaluate(model, data)` and
/// `accuracy(model, data)` use the test part of a split value, or the whole of a part.
/// `data[i]` is the record `(image: tensor [C, H, W], label: n)`; `len(data)` the image count
/// (of the training part for a split value).
final class ImageDataObject: NVObject, CountedObject {
    /// The three splits, for the value `mnist(...)` returns; nil for one part.
    let splits: MNIST.Splits?
    /// The images this value stands for: the training part of a split value, else the part.
    let data: ImageDataset

    /// The value of a whole run's splits.
    init(splits: MNIST.Splits) {
        self.splits = splits
        data = splits.train
    }

    /// The value of one image set.
    init(_ data: ImageDataset) {
        splits = nil
        self.data = data
    }

    var typeName: String { "images" }

    var count: Int { data.count }

    /// The set that evaluating a model on this value uses: the test part of a split value.
    var evaluationSet: ImageDataset { splits?.test ?? data }

    var description: String {
        let shape = "\(data.shape[0])x\(data.shape[1])x\(data.shape[2])"
        guard let splits else {
            return "images \(data.name): \(data.count) of \(shape), \(data.classes) classes"
        }
        let name = splits.train.name.replacingOccurrences(of: " train", with: "")
        return "images \(name): \(splits.train.count) train / \(splits.validation.count) validation / "
            + "\(splits.test.count) test, \(shape), \(data.classes) classes"
    }

    var memberNames: [String] { ["train", "validation", "test", "count", "classes", "shape", "labels", "images", "name"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "train", "validation", "test":
            guard let splits else {
                throw ValueError("this image set is already one part (\(data.name)); .\(name) is a member of mnist(...) itself")
            }
            let part = name == "train" ? splits.train : name == "validation" ? splits.validation : splits.test
            return .object(ImageDataObject(part))
        case "count": return .number(Double(data.count))
        case "classes": return .number(Double(data.classes))
        case "shape": return .list(data.shape.map { .number(Double($0)) })
        case "labels": return .list(data.labels.map { .number(Double($0)) })
        // images: [count, C, H, W], a copy (editing it does not change the data set).
        case "images": return .tensor(Tensor(shape: [data.count] + data.shape, data: data.images))
        case "name": return .string(data.name)
        default: return nil
        }
    }

    func element(at index: Value) throws -> Value {
        guard case .number(let x) = index, var i = Int(exactly: x) else {
            throw ValueError("images are indexed by a whole number, got \(index.description)")
        }
        if i < 0 { i += data.count }
        guard i >= 0, i < data.count else {
            throw ValueError("image index \(Value.format(x)) is out of range for \(data.count) images")
        }
        return .record(RecordValue(names: ["image", "label"],
                                   values: [.tensor(data.image(i)), .number(Double(data.labels[i]))]))
    }
}

/// An object `len(x)` can measure.
protocol CountedObject: NVObject {
    /// What `len` returns.
    var count: Int { get }
}
