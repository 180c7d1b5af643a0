import CZlib
import Foundation
import Testing
@testable import Runtime

/// Files read from a user's path: only regular files are read, sizes are checked before
/// anything is inflated, and data quoted in messages is escaped.
@Suite struct UntrustedFileTests {
    /// An IDX header: magic, then big-endian extents.
    static func idx(magic: UInt32, dims: [UInt32], data: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = []
        for v in [magic] + dims { out += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return out + data
    }

    /// One gzip member holding `bytes`.
    static func gzipMember(_ bytes: [UInt8], in folder: ScratchFolder) throws -> [UInt8] {
        let path = folder("member.gz")
        let file = try #require(gzopen(path, "wb9"))
        _ = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        gzclose(file)
        defer { unlink(path) }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as RuntimeError { return error.message } catch { return "\(error)" }
        return nil
    }

    private func noControls(_ text: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = (text ?? "").unicodeScalars.filter { VisibleText.needsEscape($0) && $0 != "\n" }
        #expect(bad.isEmpty, "control characters \(bad.map { $0.value }) in: \(text ?? "nil")", sourceLocation: sourceLocation)
    }

    // MARK: - Not a regular file

    @Test func aFIFOIsRefusedEverywhereWithoutBlocking() throws {
        let folder = ScratchFolder()
        try #require(mkfifo(folder("pipe"), 0o644) == 0)
        let reads: [(String, () throws -> Void)] = [
            ("mnist", { _ = try IDXFile.read(path: folder("pipe"), expectedMagic: IDXFile.imagesMagic) }),
            ("csv", { _ = try CSVPoints.read(path: folder("pipe")) }),
            ("load", { _ = try SafeTensors.read(path: folder("pipe")) }),
            ("cnn", { _ = try CNNConfig.load(path: folder("pipe")) }),
        ]
        for (what, read) in reads {
            #expect(message(read) == "\(what): '\(folder("pipe"))' is a FIFO (named pipe), not a regular file")
        }
    }

    @Test func directoriesDevicesAndSizesAreChecked() throws {
        let folder = ScratchFolder()
        #expect(message { _ = try RegularFile.read(folder.path, what: "csv") } == "csv: '\(folder.path)' is a directory, not a regular file")
        #expect(message { _ = try RegularFile.read(folder("none"), what: "csv") } == "csv: cannot read '\(folder("none"))': no such file or directory")
        try Data(count: 100).write(to: URL(fileURLWithPath: folder("big")))
        #expect(message { _ = try RegularFile.read(folder("big"), what: "image", limit: 99) }
                == "image: '\(folder("big"))' has 100 bytes, more than the 99 nv reads")
        #expect(try RegularFile.read(folder("big"), what: "image", limit: 100).count == 100)
        if getuid() == 0 {
            try #require(mknod(folder("zero"), S_IFCHR | 0o666, deviceNumber(major: 1, minor: 5)) == 0)  // like /dev/zero: never ends
            #expect(message { _ = try RegularFile.read(folder("zero"), what: "load") } == "load: '\(folder("zero"))' is a character device, not a regular file")
        }
    }

    // MARK: - IDX sizes

    @Test func anIDXHeaderDeclaringTooMuchIsRefusedBeforeInflating() throws {
        let folder = ScratchFolder()
        // 2,739,000 images of 28×28: just under the old 2 GiB guard, with no data behind it.
        let bytes = Self.idx(magic: 2051, dims: [2_739_000, 28, 28])
        try Data(try Self.gzipMember(bytes, in: folder)).write(to: URL(fileURLWithPath: folder("bomb.gz")))
        let problem = message { _ = try IDXFile.read(path: folder("bomb.gz"), expectedMagic: IDXFile.imagesMagic) }
        #expect(problem == "\(folder("bomb.gz")): IDX dimensions [2739000, 28, 28] declare more than the \(IDXFile.maximumSize) bytes nv reads; the file is damaged or not a dataset nv can hold")
    }

    /// A header that declares 10 images over data that inflates to 256 MiB (concatenated gzip
    /// members of zeros, 0.3 MB on disk): reading stops one byte past the declared size.
    @Test func inflatingStopsAtTheDeclaredSize() throws {
        let folder = ScratchFolder()
        var file = try Self.gzipMember(Self.idx(magic: 2051, dims: [10, 28, 28], data: [UInt8](repeating: 0, count: 7840)), in: folder)
        let zeros = try Self.gzipMember([UInt8](repeating: 0, count: 1 << 20), in: folder)
        for _ in 0..<256 { file += zeros }
        try Data(file).write(to: URL(fileURLWithPath: folder("liar.gz")))
        let problem = message { _ = try IDXFile.read(path: folder("liar.gz"), expectedMagic: IDXFile.imagesMagic) }
        #expect(problem == "\(folder("liar.gz")): unexpected bytes after the 7840 data bytes of dimensions [10, 28, 28]")
        var checked: [Int] = []
        let refused = message {
            _ = try IDXFile.read(path: folder("liar.gz"), expectedMagic: IDXFile.imagesMagic) { dims in
                checked = dims
                throw RuntimeError("not what was expected")
            }
        }
        #expect(checked == [10, 28, 28])
        #expect(refused == "not what was expected")
    }

    /// The image file's declared count must match the labels before its data is read.
    @Test func imageCountIsCheckedAgainstTheLabelsFirst() throws {
        let folder = ScratchFolder()
        try Data(Self.idx(magic: 2049, dims: [3], data: [1, 2, 3])).write(to: URL(fileURLWithPath: folder("train-labels-idx1-ubyte")))
        try Data(Self.idx(magic: 2051, dims: [100_000, 28, 28])).write(to: URL(fileURLWithPath: folder("train-images-idx3-ubyte")))
        let problem = message { _ = try MNIST.readPair(images: folder("train-images-idx3-ubyte"), name: "t") }
        #expect(problem == "\(folder("train-labels-idx1-ubyte")): [3] labels for 100000 images in \(folder("train-images-idx3-ubyte"))")
    }

    // MARK: - CSV line endings

    @Test(arguments: ["\n", "\r\n", "\r"]) func csvReadsEveryLineEnding(_ end: String) throws {
        let text = ["x,y,label", "0.5,1,0", "2,3.25,1", ""].joined(separator: end)
        let data = try CSVPoints.parse(text, source: "p.csv")
        #expect(data.labels == [0, 1])
        #expect(data.points == [0.5, 1, 2, 3.25])
    }

    @Test func csvSkipsAByteOrderMark() throws {
        let folder = ScratchFolder()
        try Data([0xEF, 0xBB, 0xBF] + Array("x,y,label\r\n1,2,1\r\n".utf8)).write(to: URL(fileURLWithPath: folder("bom.csv")))
        let data = try CSVPoints.read(path: folder("bom.csv"))
        #expect(data.labels == [1])
        #expect(data.points == [1, 2])
        // Without the header, the first number must not be taken for a header because of the mark.
        #expect(try CSVPoints.parse("\u{FEFF}3,4,0\n", source: "b.csv").points == [3, 4])
    }

    // MARK: - Data quoted in messages

    static let hostile = "\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}]8;;http://x\u{1B}\\\u{1B}]0;title\u{07}\u{1B}[2J\u{9B}31m\u{202E}"

    @Test func csvCellsAreEscapedAndCut() throws {
        let bad = message { _ = try CSVPoints.parse("1,\(Self.hostile),0\n", source: "p.csv") }
        noControls(bad)
        #expect(bad?.contains("y '\\u{1b}]52;c;cHduZWQ=\\u{7}") == true, "\(bad ?? "")")
        let label = message { _ = try CSVPoints.parse("1,2,\(Self.hostile)\n", source: "p.csv") }
        noControls(label)
        let huge = String(repeating: "a", count: 10_000_000)
        let long = message { _ = try CSVPoints.parse("1,\(huge),0\n", source: "p.csv") } ?? ""
        #expect(long.count < 200, "a 10 MB cell is cut: \(long.count) characters")
        #expect(long.contains("… (9999960 more characters)"), "\(long)")
    }

    @Test func safetensorsNamesDtypesAndMetadataAreEscaped() throws {
        func file(_ header: String) -> Data {
            var bytes = Array(header.utf8)
            while bytes.count % 8 != 0 { bytes.append(0x20) }
            var out = Data()
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { out.append(contentsOf: $0) }
            return out + bytes + Data(count: 4)
        }
        let esc = SafeTensors.jsonString(Self.hostile)
        let headers = [
            "{\(esc):{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}",
            "{\"w\":{\"dtype\":\(esc),\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"__metadata__\":{\(esc):1},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\(esc):[]}",
        ]
        for header in headers {
            let problem = message { _ = try SafeTensors.decode(file(header), source: "m.safetensors") }
            #expect(problem != nil)
            noControls(problem)
        }
    }

    @Test func configKeysTypesValuesAndOutputNamesAreEscaped() throws {
        let esc = SafeTensors.jsonString(Self.hostile)
        let configs = [
            "{\(esc): 1}",
            "{\"layers\": [{\"type\": \(esc)}]}",
            "{\"layers\": [{\"type\": \"dense\", \(esc): 1}]}",
            "{\"epochs\": \(esc)}",
            "{\"validation_subset_ratio\": \(esc)}",
            "{\"learning_rate\": \(esc)}",
            "{\"layers\": [{\"type\": \"dense\", \"out_features\": \(esc)}]}",
            "{\"model_output_filename\": \(esc)}",
        ]
        for config in configs {
            let problem = message { _ = try CNNConfig.parse(Data(config.utf8), source: "c.json") }
            #expect(problem != nil, "\(config)")
            noControls(problem)
        }
    }

    @Test func aConfigsOutputNameMayNotHoldControlCharacters() {
        let config = "{\"model_output_filename\": \(SafeTensors.jsonString("a/\u{1B}]0;t\u{07}"))}"
        let problem = message { _ = try CNNConfig.parse(Data(config.utf8), source: "c.json") }
        #expect(problem == "c.json: 'model_output_filename' must be a file name without control characters, got 'a/\\u{1b}]0;t\\u{7}'")
    }

    @Test(arguments: [("/etc/cron.d/x", false), ("../outside", false), ("models/../../x", false), ("~/x", false),
                      ("mnist_cnn", true), ("runs/today", true), ("a..b", true)])
    func aConfigsOutputNameMustStayInsideTheWorkingFolder(_ name: String, _ inside: Bool) throws {
        var config = CNNConfig.standard
        config.modelOutputFilename = name
        #expect(config.checkpointPathStaysInside == inside)
    }

    @Test(arguments: ["mnist_cnn", "runs/today", "models/x.safetensors", "a..b"])
    func plainOutputNamesStillWork(_ name: String) throws {
        let config = try CNNConfig.parse(Data("{\"model_output_filename\": \(SafeTensors.jsonString(name))}".utf8), source: "c.json")
        #expect(config.modelOutputFilename == name)
    }
}
