import Foundation
import Plots
import Runtime

/// The pictures of a trained CNN as builtins: `saliency` (which pixels drove the decision),
/// `mistakes` (a gallery of wrong test digits), and the helpers that turn a user's digit — a
/// record from `data.test[i]`, a tensor, or `image("digit.png")` — into the network's input.
enum CNNViewBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("saliency(model, digit, class?)", area: "cnn",
                    doc: "Which pixels drove a cnn's decision: the gradient of the class score (the predicted class unless given) with respect to each pixel, over the digit. digit: data.test[i], a tensor, or image(\"file.png\").",
                    example: "saliency(cnn(\"config/default_cnn_params.json\"), mnist(test_fraction: 0.05).test[0])", body: saliency),
            Builtin("mistakes(model, data?, count: 48)", area: "cnn",
                    doc: "A gallery of the test digits a cnn gets wrong, each captioned true→predicted (the test part of mnist(...) by default).",
                    example: "mistakes(cnn(\"config/default_cnn_params.json\"), mnist(test_fraction: 0.05), count: 24)", body: mistakes),
        ]
    }

    static func saliency(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        let (image, label) = try digit(args, "digit", network: model.network)
        let classIndex: Int
        if args.has("class") {
            classIndex = try args.nonNegativeInteger("class")
            guard classIndex < model.network.classes else {
                throw args.error("class", "must be a class of the model, 0...\(model.network.classes - 1), got \(classIndex)")
            }
        } else {
            classIndex = try args.runtime { try model.network.probe(image) }.predicted
        }
        let result = try args.runtime { try model.network.saliency(image, classIndex: classIndex) }
        return .figure(FigureValue(CNNViews.saliency(result, label: label)))
    }

    static func mistakes(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        let data: ImageDataset
        if args.has("data") {
            data = try args.images("data").evaluationSet
        } else if let trained = model.trainData {
            data = trained.evaluationSet
        } else {
            throw args.error("data", "is needed: this model has not been trained yet, so give the images, e.g. mistakes(m, mnist())")
        }
        guard data.count > 0 else { throw BuiltinError("mistakes: the image set is empty") }
        let count = try args.count("count", default: 48, limit: 1000)
        let result = try args.runtime { try Runtime.evaluate(&model.network, on: data) }
        return .figure(FigureValue(CNNViews.mistakes(images: data.images, shape: data.shape, labels: data.labels,
                                                     predictions: result.predictions, total: data.count, limit: count)))
    }

    /// The network's input `[C, H, W]` for argument `name` and its true label when known: a
    /// record with `image` (and `label`) as `data.test[i]` gives, or a tensor `[H, W]` /
    /// `[C, H, W]`. A square image whose side is a whole multiple of the network's (28 for a
    /// 14x14 network) is mean-pooled down, as `mnist(size:)` does.
    static func digit(_ args: Arguments, _ name: String, network: CNN) throws -> (image: [Float], label: Int?) {
        var value = args.any(name)
        var label: Int?
        if case .record(let record) = value, let image = record["image"] {
            if case .number(let l)? = record["label"], let whole = Int(exactly: l) { label = whole }
            value = image
        }
        let tensor: Tensor
        do {
            tensor = try Conversions.tensor(from: value)
        } catch {
            throw args.error(name, "must be an image: data.test[i], image(\"digit.png\") or a tensor, \(Arguments.got(value))")
        }
        let shape = network.inputShape
        guard let image = fit(tensor, to: shape) else {
            let flat = shape[0] == 1 ? "[\(shape[1]), \(shape[2])], or " : ""
            throw args.error(name, "has shape \(tensor.shape); this cnn takes images \(shape) (or \(flat)a multiple of that side)")
        }
        guard image.allSatisfy(\.isFinite) else { throw args.error(name, "must hold finite numbers") }
        return (image, label)
    }

    /// `tensor` as `shape` `[C, H, W]`: as is, without its channel axis for one channel, or
    /// mean-pooled from a side k times larger. Nil when it cannot be.
    static func fit(_ tensor: Tensor, to shape: [Int]) -> [Float]? {
        var dims = tensor.shape
        if dims.count == 2 { dims = [1] + dims }
        guard dims.count == 3, dims[0] == shape[0], dims[1] == dims[2] || dims[1] == shape[1],
              dims[1] >= shape[1], dims[1] % shape[1] == 0, dims[2] % shape[2] == 0, dims[1] / shape[1] == dims[2] / shape[2] else { return nil }
        let k = dims[1] / shape[1]
        guard k > 1 else { return tensor.data }
        let (c, h, w) = (shape[0], shape[1], shape[2])
        var out = [Float](repeating: 0, count: c * h * w)
        let scale = 1 / Float(k * k)
        for ch in 0..<c {
            for y in 0..<h {
                for x in 0..<w {
                    var sum: Float = 0
                    for dy in 0..<k { for dx in 0..<k { sum += tensor.data[(ch * dims[1] + y * k + dy) * dims[2] + x * k + dx] } }
                    out[(ch * h + y) * w + x] = sum * scale
                }
            }
        }
        return out
    }

    /// The model input made from the user's PNG at `path`: `[size, size]`, ink bright on black,
    /// cropped, scaled to 20/28 of the side and centred by mass (see `UserDigit`).
    static func loadDigit(_ args: Arguments, path: String, size: Int) throws -> Tensor {
        let expanded = (path as NSString).expandingTildeInPath
        let shown = visible(path, limit: 200)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory) else {
            throw args.error("pixels", "names no file: \(shown) does not exist")
        }
        guard !isDirectory.boolValue else { throw args.error("pixels", "names a directory, not a PNG file: \(shown)") }
        // RegularFile refuses a FIFO or a device, and a file over the limit by its size, before
        // reading it.
        let data = try args.runtime { try RegularFile.read(expanded, what: "image", limit: UserDigit.maxFileBytes) }
        do {
            return Tensor(shape: [size, size], data: try UserDigit.modelInput(png: [UInt8](data), side: size))
        } catch let error as PNGDecodingError {
            throw BuiltinError("image: \(shown): \(error.message)")
        } catch let error as RuntimeError {
            throw BuiltinError("image: \(shown): \(error.message)")
        }
    }
}

/// `show(model)` on a CNN draws its summary: layers, output shapes, parameters and the total.
extension CNNModel: ShowableObject {
    var figure: Figure { CNNViews.summary(network.layerSummaries, inputShape: network.inputShape) }
}
