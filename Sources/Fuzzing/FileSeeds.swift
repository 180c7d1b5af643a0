import Foundation
import Interpreter
import Plots
import Runtime

/// Valid files of every format nv reads, the starting points of file mutation: PNGs of each
/// colour type and bit depth, small IDX image/label pairs cut from the shipped MNIST digits,
/// checkpoints that nv itself saves (xor, mlp, cnn), the repository's CNN configs and CSVs.
public struct FileSeeds {
    public var pngs: [[UInt8]] = []
    /// (images, labels) IDX files, uncompressed, 20 test digits.
    public var idx: (images: [UInt8], labels: [UInt8])?
    public var safetensors: [[UInt8]] = []
    public var configs: [[UInt8]] = []
    public var csvs: [[UInt8]] = []

    /// Builds the seeds; `scratch` is a folder the checkpoints are saved into.
    public init(root: String, scratch: String) {
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        pngs = FileSeeds.makePNGs()
        idx = FileSeeds.smallMNIST(root: root + "/data/mnist", count: 20)
        safetensors = FileSeeds.checkpoints(scratch: scratch)
        for name in ["default_cnn_params.json", "user_cnn_params.json"] {
            if let data = FileManager.default.contents(atPath: root + "/config/" + name) { configs.append(Array(data)) }
        }
        if let data = FileManager.default.contents(atPath: root + "/examples/points.csv") { csvs.append(Array(data)) }
        csvs.append(Array("x,y,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n".utf8))
        csvs.append(Array("a,b,c,class\n0.1,0.2,0.3,cat\n0.4,0.5,0.6,dog\n0.7,0.8,0.9,cat\n".utf8))
    }

    /// A PNG file around `raw` scanlines (each already prefixed with its filter byte).
    static func png(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, raw: [UInt8],
                    palette: [UInt8]? = nil, interlace: UInt8 = 0) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = be32(width) + be32(height)
        header += [bitDepth, colorType, 0, 0, interlace]
        out += chunk("IHDR", header)
        if let palette { out += chunk("PLTE", palette) }
        out += chunk("IDAT", ZlibTools.compress(raw, gzip: false))
        out += chunk("IEND", [])
        return out
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return chunk(typeBytes, data)
    }

    static func chunk(_ type: [UInt8], _ data: [UInt8]) -> [UInt8] {
        let body = type + data
        return be32(data.count) + body + be32(Int(ZlibTools.crc32(body[...])))
    }

    static func be32(_ value: Int) -> [UInt8] {
        let v = UInt32(truncatingIfNeeded: value)
        return [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    /// One PNG per colour type and several bit depths: a small "digit" (a bright bar).
    static func makePNGs() -> [[UInt8]] {
        let w = 8, h = 8
        func rows(_ bytesPerPixel: Int, bitsPerPixel: Int? = nil, value: (Int, Int) -> [UInt8]) -> [UInt8] {
            var raw: [UInt8] = []
            for y in 0..<h {
                raw.append(UInt8(y % 5))  // every filter type
                if let bits = bitsPerPixel {
                    var packed = [UInt8](repeating: 0, count: (w * bits + 7) / 8)
                    for x in 0..<w where (x + y) % 3 == 0 {
                        let bit = x * bits
                        packed[bit / 8] |= UInt8((1 << bits) - 1) << UInt8(8 - bits - bit % 8)
                    }
                    raw += packed
                } else {
                    for x in 0..<w { raw += value(x, y) }
                }
            }
            return raw
        }
        let ink: (Int, Int) -> UInt8 = { x, _ in (x == 3 || x == 4) ? 255 : 10 }
        return [
            png(width: w, height: h, bitDepth: 8, colorType: 0, raw: rows(1) { [ink($0, $1)] }),
            png(width: w, height: h, bitDepth: 8, colorType: 2, raw: rows(3) { [ink($0, $1), 0, ink($0, $1)] }),
            png(width: w, height: h, bitDepth: 8, colorType: 6, raw: rows(4) { [ink($0, $1), ink($0, $1), 0, 200] }),
            png(width: w, height: h, bitDepth: 8, colorType: 4, raw: rows(2) { [ink($0, $1), 255] }),
            png(width: w, height: h, bitDepth: 16, colorType: 0, raw: rows(2) { [ink($0, $1), 0] }),
            png(width: w, height: h, bitDepth: 1, colorType: 0, raw: rows(1, bitsPerPixel: 1) { _, _ in [] }),
            png(width: w, height: h, bitDepth: 4, colorType: 0, raw: rows(1, bitsPerPixel: 4) { _, _ in [] }),
            png(width: w, height: h, bitDepth: 2, colorType: 3, raw: rows(1, bitsPerPixel: 2) { _, _ in [] },
                palette: [0, 0, 0, 255, 255, 255, 128, 128, 128, 9, 9, 9]),
            png(width: w, height: h, bitDepth: 8, colorType: 0, raw: rows(1) { [ink($0, $1)] }, interlace: 1),
        ]
    }

    /// The first `count` shipped test digits as IDX image and label files (uncompressed).
    static func smallMNIST(root: String, count: Int) -> (images: [UInt8], labels: [UInt8])? {
        guard let imagesGz = FileManager.default.contents(atPath: root + "/t10k-images-idx3-ubyte.gz"),
              let labelsGz = FileManager.default.contents(atPath: root + "/t10k-labels-idx1-ubyte.gz"),
              let images = ZlibTools.inflate(Array(imagesGz)), let labels = ZlibTools.inflate(Array(labelsGz)),
              images.count >= 16 + count * 784, labels.count >= 8 + count else { return nil }
        var imageFile = Array(images.prefix(16 + count * 784))
        imageFile.replaceSubrange(4..<8, with: be32(count))
        var labelFile = Array(labels.prefix(8 + count))
        labelFile.replaceSubrange(4..<8, with: be32(count))
        return (imageFile, labelFile)
    }

    /// Checkpoints saved by nv itself: an XOR net, an MLP and a small CNN.
    static func checkpoints(scratch: String) -> [[UInt8]] {
        let session = Session(display: SilentDisplay(), options: SessionOptions(graphics: .none, seed: 1))
        var files: [[UInt8]] = []
        let models = [
            "xor(hidden: 2)", "mlp(layers: [2, 4, 1])",
            "cnn(input: 7, classes: 10, layers: [conv(2, size: 3), relu(), maxpool(2), flatten(), dense(10), softmax()])",
        ]
        for (index, model) in models.enumerated() {
            let path = scratch + "/seed\(index).safetensors"
            if case .success = session.run("save(\(model), \"\(path)\")", name: "seed"),
               let data = FileManager.default.contents(atPath: path) {
                files.append(Array(data))
            }
        }
        return files
    }
}
