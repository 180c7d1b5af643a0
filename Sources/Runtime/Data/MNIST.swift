import Foundation

/// MNIST-style digit data: loading an IDX directory and the original Network-Visualizers
/// pipeline — stratified selection of a fraction of the training data, mean-pool downsampling
/// (28 → 14 or 7), scaling to [0, 1], a stratified validation split, one-hot labels on demand.
/// Every random choice comes from the seed.
public enum MNIST {
    /// The training, validation and test sets of one run.
    public struct Splits: Sendable {
        /// Training images.
        public var train: ImageDataset
        /// Held-out validation images (stratified from the training data).
        public var validation: ImageDataset
        /// The test set.
        public var test: ImageDataset
    }

    /// Base names tried for the training files, in order (".gz" or plain).
    static let trainNames = ["train-images-idx3-ubyte", "train-5k-images-idx3-ubyte", "train-images.idx3-ubyte"]
    static let testNames = ["t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"]

    /// Finds the shipped `data/mnist` directory: `explicit` if given, else the first of
    /// `DataFolder.candidates` that holds the digits.
    /// - Throws: `RuntimeError` listing the places tried.
    public static func locateDirectory(explicit: String? = nil, filePath: String = #filePath) throws -> String {
        if let explicit {
            guard directoryHasImages(explicit) else {
                throw RuntimeError("mnist: no IDX files (train-images-idx3-ubyte[.gz], t10k-images-idx3-ubyte[.gz]) in '\(visible(explicit, limit: 200))'")
            }
            return explicit
        }
        let candidates = DataFolder.candidates("mnist", filePath: filePath)
        if let found = candidates.first(where: directoryHasImages) { return found }
        throw RuntimeError("mnist: cannot find the digit files; tried \(candidates.prefix(4).joined(separator: ", ")) ...; set NV_DATA or pass path:")
    }

    static func directoryHasImages(_ dir: String) -> Bool {
        (try? file(in: dir, names: trainNames)) != nil && (try? file(in: dir, names: testNames)) != nil
    }

    /// The first of `names` (with or without ".gz") present in `dir`.
    public static func file(in dir: String, names: [String]) throws -> String {
        for name in names {
            for candidate in ["\(dir)/\(name).gz", "\(dir)/\(name)"] where FileManager.default.fileExists(atPath: candidate) {
                return candidate
            }
        }
        throw RuntimeError("mnist: '\(visible(dir, limit: 200))' has none of \(names.map { $0 + "[.gz]" }.joined(separator: ", "))")
    }

    /// The label file that goes with an image file ("-images-idx3-" → "-labels-idx1-").
    static func labelPath(for images: String) -> String {
        images.replacingOccurrences(of: "images-idx3", with: "labels-idx1").replacingOccurrences(of: "images.idx3", with: "labels.idx1")
    }

    /// Reads one image/label file pair at full resolution, pixels scaled to [0, 1].
    /// - Throws: `RuntimeError` naming the file when one is missing, corrupt or they disagree.
    public static func readPair(images imagePath: String, classes: Int = 10, name: String) throws -> ImageDataset {
        // The small label file first: the image file's header must then declare as many images
        // before its (possibly huge) data is inflated.
        let labelFile = labelPath(for: imagePath)
        let labels = try IDXFile.read(path: labelFile, expectedMagic: IDXFile.labelsMagic)
        let images = try IDXFile.read(path: imagePath, expectedMagic: IDXFile.imagesMagic) { dims in
            guard dims.count == 3 else {
                throw RuntimeError("\(visible(imagePath, limit: 200)): an image file needs 3 dimensions, has \(dims)")
            }
            guard labels.dimensions.count == 1, labels.dimensions[0] == dims[0] else {
                throw RuntimeError("\(visible(labelFile, limit: 200)): \(labels.dimensions) labels for \(dims[0]) images in \(visible(imagePath, limit: 200))")
            }
        }
        if let bad = labels.bytes.firstIndex(where: { Int($0) >= classes }) {
            throw RuntimeError("\(visible(labelFile, limit: 200)): label \(labels.bytes[bad]) of image \(bad + 1) is not below \(classes)")
        }
        let scale: Float = 1 / 255
        return try ImageDataset(shape: [1, images.dimensions[1], images.dimensions[2]],
                                images: images.bytes.map { Float($0) * scale },
                                labels: labels.bytes.map(Int.init), classes: classes, name: name)
    }

    /// Loads a directory and runs the original pipeline.
    /// - Parameters:
    ///   - directory: an IDX directory (see `locateDirectory`).
    ///   - size: side of the images after mean pooling; must divide the stored side (28 → 28, 14, 7, 4, 2, 1).
    ///   - trainFraction: stratified fraction of the training file kept (the shipped 5,000-digit
    ///     file is itself such a selection, so pass 1 for it).
    ///   - validationFraction: stratified fraction of the kept training data held out.
    ///   - testFraction: stratified fraction of the test file kept (1 = all of it).
    /// - Throws: `RuntimeError` for missing or bad files and sizes that do not divide.
    public static func load(directory: String, size: Int, trainFraction: Double = 1, validationFraction: Double = 0.2,
                            testFraction: Double = 1, seed: UInt64 = 123) throws -> Splits {
        var rng = SeededGenerator(seed: seed)
        let label = URL(fileURLWithPath: directory).lastPathComponent
        var train = try readPair(images: try file(in: directory, names: trainNames), name: "\(label) train")
        var test = try readPair(images: try file(in: directory, names: testNames), name: "\(label) test")
        train = selectFraction(train, fraction: trainFraction, rng: &rng)
        test = selectFraction(test, fraction: testFraction, rng: &rng)
        train = try downsample(train, to: size)
        test = try downsample(test, to: size)
        let (kept, validation) = stratifiedSplit(train, validationFraction: validationFraction, rng: &rng)
        return Splits(train: kept, validation: validation, test: test)
    }

    /// Mean pooling of every image by the factor stored side / `size`.
    /// - Throws: `RuntimeError` when `size` does not divide the images' side.
    public static func downsample(_ data: ImageDataset, to size: Int) throws -> ImageDataset {
        let (c, h, w) = (data.shape[0], data.shape[1], data.shape[2])
        guard size >= 1, h % size == 0, w % size == 0, h / size == w / size else {
            throw RuntimeError("mnist: size \(size) must divide the \(h)x\(w) images (for 28: 28, 14, 7, 4, 2 or 1)")
        }
        let f = h / size
        if f == 1 { return data }
        var out = [Float](repeating: 0, count: data.count * c * size * size)
        let scale = 1 / Float(f * f)
        data.images.withUnsafeBufferPointer { src in
            for plane in 0..<(data.count * c) {
                let x = src.baseAddress! + plane * h * w
                for oy in 0..<size {
                    for ox in 0..<size {
                        var s: Float = 0
                        for dy in 0..<f { for dx in 0..<f { s += x[(oy * f + dy) * w + ox * f + dx] } }
                        out[plane * size * size + oy * size + ox] = s * scale
                    }
                }
            }
        }
        var result = data
        result.shape = [c, size, size]
        result.images = out
        result.name = "\(data.name) (\(size)x\(size))"
        return result
    }

    /// The original's `select_fraction_of_data`: ⌊count · fraction⌋ / classes samples drawn at
    /// random from each class (so every class is equally represented), grouped by class.
    /// A fraction of 1 keeps everything in its order.
    public static func selectFraction(_ data: ImageDataset, fraction: Double, rng: inout SeededGenerator) -> ImageDataset {
        guard fraction < 1 else { return data }
        let perClass = Int(Double(data.count) * fraction) / data.classes
        var chosen: [Int] = []
        for var group in data.indicesByClass() {
            group.shuffle(using: &rng)
            chosen += group.prefix(perClass)
        }
        return data.subset(chosen)
    }

    /// The original's `stratified_split`: per class, ⌊n · fraction⌋ shuffled samples go to
    /// validation and the rest to training; both sets are then shuffled.
    public static func stratifiedSplit(_ data: ImageDataset, validationFraction: Double,
                                       rng: inout SeededGenerator) -> (train: ImageDataset, validation: ImageDataset) {
        var train: [Int] = [], validation: [Int] = []
        for var group in data.indicesByClass() {
            group.shuffle(using: &rng)
            let v = Int(Double(group.count) * validationFraction)
            validation += group.prefix(v)
            train += group.dropFirst(v)
        }
        train.shuffle(using: &rng)
        validation.shuffle(using: &rng)
        return (data.subset(train), data.subset(validation, name: data.name + " validation"))
    }
}
