import Foundation
import Plots
@testable import Runtime
import Testing
@testable import Interpreter

/// Data from files someone sent must never drive the terminal: every source of quoted or
/// rendered file data is fed an OSC 52 clipboard write, an OSC 8 link, an OSC 0 title, a
/// clear-screen CSI, an 8-bit CSI (U+009B) and a bidi override, and what nv would print is
/// checked for control characters (newlines and tabs aside).
@Suite struct UntrustedDataTests {
    static let hostile = "\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}]8;;http://x\u{1B}\\l\u{1B}]8;;\u{1B}\\\u{1B}]0;title\u{07}\u{1B}[2J\u{9B}31m\u{202E}"
    /// Controls without a backslash, so that they can stand inside an nv string literal.
    static let raw = "\u{1B}]52;c;eA==\u{07}\u{1B}]0;t\u{07}\u{1B}[2J\u{9B}31m"
    static var json: String { SafeTensors.jsonString(hostile) }

    /// A private folder for the files of one test.
    final class Folder {
        let path = NSTemporaryDirectory() + "nv-untrusted-\(UUID().uuidString)"
        init() { mkdir(path, 0o755) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ bytes: [UInt8]) -> String {
            let file = path + "/" + name
            FileManager.default.createFile(atPath: file, contents: Data(bytes))
            return file
        }
        func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
    }

    func assertClean(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = text.unicodeScalars.filter { VisibleText.needsEscape($0) && $0 != "\n" && $0 != "\t" }
        #expect(bad.isEmpty, "control characters \(bad.map { String($0.value, radix: 16) }) reach the terminal in:\n\(text)",
                sourceLocation: sourceLocation)
    }

    /// Everything the user would see from running `source`: printed text, echo, rendered error.
    func seen(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let (session, display) = makeSession()
        switch session.run(source, name: "t") {
        case .success(let echo): return display.text + (echo ?? "")
        case .failure(let error): return display.text + ErrorRenderer.render(error, color: false)
        }
    }

    @Test func csvCellsAndLabels() {
        let folder = Folder()
        for line in ["1,\(Self.hostile),0", "1,2,\(Self.hostile)", "\(Self.hostile),2,1\n1,x\(Self.hostile),1"] {
            let path = folder.write("p.csv", line + "\n")
            let text = seen("csv(\"\(path)\")")
            #expect(text.contains("error"), "\(text)")
            assertClean(text)
        }
    }

    @Test func configKeysTypesValuesAndOutputName() {
        let folder = Folder()
        let configs = [
            "{\(Self.json): 1}", "{\"layers\": [{\"type\": \(Self.json)}]}",
            "{\"layers\": [{\"type\": \"relu\", \(Self.json): 2}]}", "{\"epochs\": \(Self.json)}",
            "{\"patience\": [\(Self.json)]}", "{\"model_output_filename\": \(Self.json)}",
            "{\"model_output_filename\": \(SafeTensors.jsonString("../" + Self.hostile))}",
        ]
        for config in configs {
            let path = folder.write("c.json", config)
            let text = seen("m = cnn(\"\(path)\")")
            #expect(text.contains("error"), "\(text)")
            assertClean(text)
        }
    }

    @Test func safetensorsNamesDtypeAndEmbeddedConfig() throws {
        let folder = Folder()
        func container(_ header: String, dataBytes: Int = 4) -> [UInt8] {
            var bytes = Array(header.utf8)
            while bytes.count % 8 != 0 { bytes.append(0x20) }
            var out: [UInt8] = []
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { out += $0 }
            return out + bytes + [UInt8](repeating: 0, count: dataBytes)
        }
        let config = SafeTensors.jsonString("{\"layers\": [{\"type\": \(Self.json)}]}")
        let headers = [
            "{\(Self.json):{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}",
            "{\"w\":{\"dtype\":\(Self.json),\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"__metadata__\":{\"format\":\"nv-cnn\",\"config\":\(config)},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"__metadata__\":{\"format\":\"nv-mlp\",\"config\":\(config)},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"__metadata__\":{\"format\":\(Self.json)},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        ]
        for header in headers {
            let path = folder.write("m.safetensors", container(header))
            let text = seen("load(\"\(path)\")")
            #expect(text.contains("error"), "\(text)")
            assertClean(text)
        }
        // A real CNN checkpoint whose config's output name holds control characters.
        var cnn = try CNN(config: CNNConfig(layers: [.flatten, .dense(outputs: 10), .softmax], inputSize: 4), seed: 1)
        cnn.config.modelOutputFilename = "/tmp/\(Self.hostile)"
        let saved = folder.path + "/cnn.safetensors"
        try cnn.save(path: saved)
        let text = seen("load(\"\(saved)\")")
        #expect(text.contains("'model_output_filename' must be a file name without control characters"), "\(text)")
        assertClean(text)
    }

    /// `save(m)` writes where the config says only inside the working folder; the user's own
    /// path goes anywhere.
    @Test(arguments: ["/tmp/elsewhere", "../up", "a/../../up"])
    func aConfigCannotSendTheModelOutsideTheWorkingFolder(_ name: String) throws {
        let folder = Folder()
        let config = folder.write("c.json", "{\"input_size\": 4, \"model_output_filename\": \(SafeTensors.jsonString(name)), \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"out_features\": 10}, {\"type\": \"softmax\"}]}")
        let (session, display) = makeSession()
        guard case .success = session.run("m = cnn(\(Value.quote(config)))", name: "t") else {
            Issue.record("the config was refused")
            return
        }
        let refused = failure(of: "save(m)", in: session)
        #expect(refused?.message == "save: argument 'path' is needed: the config's model_output_filename '\(name)' points outside the working folder, and nv saves there only when you give the path: save(m, \"\(name).safetensors\")")
        let mine = folder.path + "/mine.safetensors"
        #expect(failure(of: "save(m, \(Value.quote(mine)))", in: session) == nil)
        #expect(display.text == "saved \(mine)\n")
        #expect(FileManager.default.fileExists(atPath: mine))
    }

    @Test func pngChunkType() {
        let folder = Folder()
        var chunk: [UInt8] = [0, 0, 0, 0] + Array("\u{1B}]0;".utf8)
        let crc = chunk[4...].withUnsafeBytes { Zlib.crc32($0) }
        chunk += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        let path = folder.write("d.png", PNGEncoder.signature + chunk)
        let text = seen("image(\"\(path)\")")
        #expect(text.contains("unknown critical chunk \\u{1b}]0;"), "\(text)")
        assertClean(text)
    }

    @Test func idxFilesAndTheirFolder() {
        let folder = Folder()
        let directory = folder.path + "/digits\(Self.raw)\u{202E}"  // no "/" (the hostile link has one)
        mkdir(directory, 0o755)
        for name in ["train-images-idx3-ubyte", "t10k-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"] {
            FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(Array(Self.hostile.utf8)))
        }
        let text = seen("mnist(path: \(Value.quote(directory)))")
        #expect(text.contains("wrong magic number"), "\(text)")
        assertClean(text)
    }

    @Test func lessonHeadingsProseAndCode() {
        let markdown = "# Title \(Self.hostile)\n\nProse \(Self.hostile) *emph\(Self.hostile)* `code\(Self.hostile)`\r\n\n- item \(Self.hostile)\n\n> quote \(Self.hostile)\n\n```nv\nx = \"\(Self.raw)\"\nlen(x)\n```\n\n```text\n\(Self.hostile)\n```\n"
        let lesson = Lesson.parse(markdown)
        let rendered = LessonRenderer(width: 60, color: false).render(lesson.blocks)
        assertClean(rendered)
        #expect(rendered.contains("\\u{1b}]52;c;cHduZWQ=\\u{7}"), "\(rendered)")
        // The escape in the code block's string literal means the same character when it runs.
        let code = lesson.blocks.compactMap { block -> String? in
            if case .code(let code) = block, code.runs { return code.text }
            return nil
        }
        #expect(code.count == 1)
        let (session, _) = makeSession()
        if case .success(let echo) = session.run(code.joined(), name: "lesson") {
            #expect(echo == "\(Self.raw.unicodeScalars.count)")
        } else {
            Issue.record("the lesson's code failed")
        }
    }

    @Test func stringValuesAreShownLikeLiterals() {
        // The REPL's echo of a value (what `description` gives) escapes, like Python's repr…
        #expect(Value.string("a\u{1B}[2Jb\u{9B}").description == "\"a\\u{1b}[2Jb\\u{9b}\"")
        assertClean(seen("\"\\u{1b}]52;c;eA==\\u{7}\""))
        assertClean(seen("[\"\\u{1b}[2J\", (k: \"\\u{202e}\")]"))
        // …while the user's own print writes the text as it is.
        #expect(output(of: "print(\"\\u{1b}[1m\")") == "\u{1B}[1m\n")
    }

    @Test func savedPathsAndErrorMessagesAreEscaped() {
        let folder = Folder()
        let path = folder.path + "/m\u{1B}]0;t\u{07}.safetensors"
        let text = seen("save(xor(hidden: 2), \(Value.quote(path)))")
        #expect(text.hasPrefix("saved "), "\(text)")
        assertClean(text)
        #expect(FileManager.default.fileExists(atPath: path), "the file itself has the name the user gave")
        let error = NVError(kind: .runtime, message: "bad \u{1B}]0;x\u{07}", span: SourceSpan(start: 0, end: 1), file: "f", source: "x\u{1B}[2J = 1")
        assertClean(ErrorRenderer.render(error, color: false))
    }
}
