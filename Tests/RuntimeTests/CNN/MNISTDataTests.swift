import Foundation
import Testing
@testable import Runtime

/// IDX parsing (good and bad files) and the MNIST pipeline on the shipped digits.
@Suite("IDX and MNIST data")
struct MNISTDataTests {
    static let directory = (try? MNIST.locateDirectory()) ?? "data/mnist"

    /// An IDX byte header: magic then big-endian extents.
    static func idx(magic: UInt32, dims: [UInt32], data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for v in [magic] + dims { out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return out + data
    }

    @Test func parsesImages() throws {
        let bytes = Self.idx(magic: 2051, dims: [2, 2, 3], data: Array(0..<12))
        let file = try IDXFile.parse(bytes, expectedMagic: IDXFile.imagesMagic, source: "x")
        #expect(file.dimensions == [2, 2, 3])
        #expect(file.bytes == Array(0..<12))
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let name: String, bytes: [UInt8], magic: UInt32, expected: String
        var testDescription: String { name }
    }

    static let badFiles: [Bad] = [
        Bad(name: "labels given as images", bytes: idx(magic: 2049, dims: [3], data: [1, 2, 3]), magic: 2051,
            expected: "wrong magic number 2049; expected an image file (magic 2051)"),
        Bad(name: "truncated data", bytes: idx(magic: 2051, dims: [2, 2, 2], data: [1, 2, 3]), magic: 2051,
            expected: "truncated: dimensions [2, 2, 2] need 8 data bytes, the file has 3"),
        Bad(name: "truncated header", bytes: [0, 0, 8, 3, 0, 0], magic: 2051, expected: "truncated IDX header"),
        Bad(name: "empty", bytes: [], magic: 2049, expected: "no magic number"),
        Bad(name: "trailing bytes", bytes: idx(magic: 2049, dims: [2], data: [1, 2, 3]), magic: 2049, expected: "1 unexpected bytes"),
    ]

    @Test(arguments: badFiles)
    func refusesBadFile(_ c: Bad) {
        #expect(throws: RuntimeError.self) { try IDXFile.parse(c.bytes, expectedMagic: c.magic, source: "f.idx") }
        do {
            _ = try IDXFile.parse(c.bytes, expectedMagic: c.magic, source: "f.idx")
        } catch let e as RuntimeError {
            #expect(e.message.hasPrefix("f.idx: "), "\(e.message)")
            #expect(e.message.contains(c.expected), "\(e.message)")
        } catch {}
    }

    /// A gzip file cut in half and a missing file are refused with the path in the message.
    @Test func refusesTruncatedGzipAndMissingFile() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/t10k-labels-idx1-ubyte.gz"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nv-cut-\(getpid()).gz").path
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try IDXFile.read(path: path, expectedMagic: IDXFile.labelsMagic)
            Issue.record("a truncated file was accepted")
        } catch let e as RuntimeError {
            #expect(e.message.hasPrefix(path))
            #expect(e.message.contains("truncated"), "\(e.message)")
        }
        do {
            _ = try IDXFile.read(path: "/nonexistent/t10k.gz", expectedMagic: IDXFile.labelsMagic)
            Issue.record("a missing file was accepted")
        } catch let e as RuntimeError {
            #expect(e.message == "mnist: cannot read '/nonexistent/t10k.gz': no such file or directory", "\(e.message)")
        }
    }

    /// The shipped test set reads as plain IDX too (gzread passes plain files through).
    @Test func readsUncompressedCopy() throws {
        let gz = try IDXFile.read(path: Self.directory + "/t10k-labels-idx1-ubyte.gz", expectedMagic: IDXFile.labelsMagic)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nv-plain-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = Self.idx(magic: 2049, dims: [UInt32(gz.bytes.count)], data: gz.bytes)
        try Data(plain).write(to: dir.appendingPathComponent("t10k-labels-idx1-ubyte"))
        let back = try IDXFile.read(path: dir.appendingPathComponent("t10k-labels-idx1-ubyte").path, expectedMagic: IDXFile.labelsMagic)
        #expect(back == gz)
        #expect(Array(gz.bytes.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])   // README's first labels
    }

    @Test func shippedPipeline() throws {
        let splits = try MNIST.load(directory: Self.directory, size: 14, trainFraction: 1, validationFraction: 0.2, seed: 123)
        #expect(splits.train.count == 4000)
        #expect(splits.validation.count == 1000)
        #expect(splits.test.count == 10000)
        #expect(splits.train.shape == [1, 14, 14])
        #expect(splits.validation.indicesByClass().map(\.count) == [Int](repeating: 100, count: 10))
        #expect(splits.train.images.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(splits.train.images.max() ?? 0 > 0.9)
        let again = try MNIST.load(directory: Self.directory, size: 14, trainFraction: 1, validationFraction: 0.2, seed: 123)
        #expect(again.train.labels == splits.train.labels)
        #expect(splits.train.oneHot.data.reduce(0, +) == 4000)
    }

    /// Mean pooling by 2 of a known 1×4×4 image, and stratified selection of a fraction.
    @Test func downsampleAndFraction() throws {
        let image = try ImageDataset(shape: [1, 4, 4], images: (0..<16).map(Float.init), labels: [3], classes: 10, name: "t")
        let small = try MNIST.downsample(image, to: 2)
        #expect(small.images == [2.5, 4.5, 10.5, 12.5])
        #expect(throws: RuntimeError.self) { try MNIST.downsample(image, to: 3) }
        let labels = (0..<200).map { $0 % 10 }
        let data = try ImageDataset(shape: [1, 1, 1], images: labels.map(Float.init), labels: labels, classes: 10, name: "d")
        var rng = SeededGenerator(seed: 1)
        let picked = MNIST.selectFraction(data, fraction: 0.25, rng: &rng)
        #expect(picked.indicesByClass().map(\.count) == [Int](repeating: 5, count: 10))
        #expect(zip(picked.images, picked.labels).allSatisfy { Int($0) == $1 })
    }

    @Test func fashionMNISTIfInstalled() throws {
        let dir = "/usr/share/datasets/fashion-mnist"
        guard FileManager.default.fileExists(atPath: dir + "/t10k-images-idx3-ubyte.gz") else { return }
        let test = try MNIST.readPair(images: dir + "/t10k-images-idx3-ubyte.gz", name: "fashion test")
        #expect(test.count == 10000 && test.shape == [1, 28, 28])
        #expect(test.indicesByClass().map(\.count) == [Int](repeating: 1000, count: 10))
    }
}
