/// Labelled images for classification, NCHW, values scaled to [0, 1].
///
/// `images` holds `count × channels × height × width` floats, one sample after the other;
/// `labels[i]` is the class of sample i, in `0..<classes`.
public struct ImageDataset: Sendable, Equatable {
    /// Per-sample shape `[channels, height, width]`.
    public var shape: [Int]
    /// Row-major pixels `[count, C, H, W]`.
    public var images: [Float]
    /// Class of each sample `[count]`.
    public var labels: [Int]
    /// Number of classes (10 for MNIST).
    public var classes: Int
    /// Where the data came from, for summaries and messages ("mnist train (14x14)").
    public var name: String

    /// A data set from matching images and labels.
    /// - Throws: `RuntimeError` when the sizes disagree or a label is out of range.
    public init(shape: [Int], images: [Float], labels: [Int], classes: Int, name: String) throws {
        let size = shape.reduce(1, *)
        guard shape.count == 3, size > 0, images.count == size * labels.count else {
            throw RuntimeError("\(name): \(images.count) pixel values do not make \(labels.count) images of shape \(shape)")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw RuntimeError("\(name): image \(bad + 1) has label \(labels[bad]); labels must be in 0...\(classes - 1)")
        }
        self.shape = shape
        self.images = images
        self.labels = labels
        self.classes = classes
        self.name = name
    }

    /// Number of images.
    public var count: Int { labels.count }
    /// Values per image, C·H·W.
    public var sampleSize: Int { shape.reduce(1, *) }

    /// The labels one-hot encoded `[count, classes]`.
    public var oneHot: Tensor {
        var t = Tensor(shape: [count, classes])
        for (i, label) in labels.enumerated() { t.data[i * classes + label] = 1 }
        return t
    }

    /// Image `index` as a tensor `[C, H, W]`.
    public func image(_ index: Int) -> Tensor {
        Tensor(shape: shape, data: Array(images[(index * sampleSize)..<((index + 1) * sampleSize)]))
    }

    /// The images at `indices`, in that order.
    public func subset(_ indices: [Int], name: String? = nil) -> ImageDataset {
        let size = sampleSize
        var pixels = [Float]()
        pixels.reserveCapacity(indices.count * size)
        for i in indices { pixels.append(contentsOf: images[(i * size)..<((i + 1) * size)]) }
        // Sizes and labels are taken from a valid data set, so the checks cannot fail.
        return (try? ImageDataset(shape: shape, images: pixels, labels: indices.map { labels[$0] },
                                  classes: classes, name: name ?? self.name)) ?? self
    }

    /// Indices of each class, in data order.
    public func indicesByClass() -> [[Int]] {
        var groups = [[Int]](repeating: [], count: classes)
        for (i, label) in labels.enumerated() { groups[label].append(i) }
        return groups
    }
}
