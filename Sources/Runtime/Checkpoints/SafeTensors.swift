import Foundation

/// The safetensors file format, F32 only: an 8-byte little-endian header length N, N bytes of
/// JSON header (padded with spaces to a multiple of 8), then the raw little-endian tensor data.
/// The header maps each tensor name to `{"dtype": "F32", "shape": [...], "data_offsets": [b, e]}`
/// (byte offsets into the data section) and may hold a `__metadata__` map of strings.
public enum SafeTensors {
    /// Headers above this size are refused (the reference implementation's limit is 100 MB).
    static let maximumHeaderSize = 100_000_000

    /// The bytes of a file holding `tensors` (in that order) and `metadata`.
    /// - Throws: `RuntimeError` for an empty or duplicate tensor name, or one named `__metadata__`.
    public static func encode(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) throws -> Data {
        var seen = Set<String>()
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            guard !name.isEmpty, name != "__metadata__", seen.insert(name).inserted else {
                throw RuntimeError("safetensors: tensor name '\(name)' is empty, reserved or used twice")
            }
            let end = offset + 4 * tensor.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var out = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        for (_, tensor) in tensors {
            var little = tensor.data.map { $0.bitPattern.littleEndian }
            little.withUnsafeMutableBytes { out.append(contentsOf: $0) }
        }
        return out
    }

    /// Writes a file atomically (see `AtomicFile`: a temporary file renamed over `path`, links
    /// written through, devices and folders refused).
    /// - Throws: `RuntimeError` "save: cannot write '...': reason" or as `encode`.
    public static func write(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:], to path: String) throws {
        try AtomicFile.write(try encode(tensors: tensors, metadata: metadata), to: path, what: "save")
    }

    /// Parses safetensors bytes; `source` names them in messages. Every tensor is checked: dtype
    /// F32, a shape of non-negative integers, offsets that match the shape, lie inside the data
    /// and, together, cover it without gaps or overlaps.
    /// - Throws: `RuntimeError` saying what is wrong (truncated file, bad JSON, ...).
    public static func decode(_ bytes: Data, source: String) throws -> SafeTensorsFile {
        let data = [UInt8](bytes)
        guard data.count >= 8 else {
            throw RuntimeError("\(source): not a safetensors file (\(data.count) bytes, shorter than the 8-byte header length)")
        }
        var headerLength: UInt64 = 0
        for k in 0..<8 { headerLength |= UInt64(data[k]) << (8 * UInt64(k)) }
        guard headerLength <= UInt64(maximumHeaderSize) else {
            throw RuntimeError("\(source): header length \(headerLength) is too large; the file is not safetensors or is corrupt")
        }
        let headerEnd = 8 + Int(headerLength)
        guard headerEnd <= data.count else {
            throw RuntimeError("\(source): truncated: the header needs \(headerLength) bytes but only \(data.count - 8) follow")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(data[8..<headerEnd]))
        } catch {
            throw RuntimeError("\(source): the header is not valid JSON")
        }
        guard let header = json as? [String: Any] else {
            throw RuntimeError("\(source): the header is not a JSON object")
        }
        let dataSize = data.count - headerEnd
        var metadata: [String: String] = [:]
        var entries: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else {
                    throw RuntimeError("\(source): __metadata__ must be an object of strings")
                }
                for (k, v) in map {
                    guard let s = v as? String else {
                        throw RuntimeError("\(source): __metadata__ entry '\(visible(k))' is not a string")
                    }
                    metadata[k] = s
                }
                continue
            }
            guard let info = value as? [String: Any] else {
                throw RuntimeError("\(source): entry '\(visible(name))' is not an object")
            }
            guard let dtype = info["dtype"] as? String else {
                throw RuntimeError("\(source): tensor '\(visible(name))' has no dtype")
            }
            guard dtype == "F32" else {
                throw RuntimeError("\(source): tensor '\(visible(name))' has dtype '\(visible(dtype))'; nv reads only F32")
            }
            guard let shape = integers(info["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw RuntimeError("\(source): tensor '\(visible(name))' has no valid shape (a list of non-negative integers)")
            }
            guard let offsets = integers(info["data_offsets"]), offsets.count == 2 else {
                throw RuntimeError("\(source): tensor '\(visible(name))' has no valid data_offsets (two integers)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw RuntimeError("\(source): tensor '\(visible(name))' data_offsets [\(begin), \(end)] lie outside the \(dataSize) bytes of data")
            }
            guard let expectedBytes = byteCount(shape), end - begin == expectedBytes else {
                let needed = byteCount(shape).map { "\($0) bytes" } ?? "more bytes than a file can hold"
                throw RuntimeError("\(source): tensor '\(visible(name))' of shape \(shape) needs \(needed), its offsets give \(end - begin)")
            }
            entries.append((name, shape, begin, end))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for entry in entries {
            guard entry.begin == covered else {
                throw RuntimeError("\(source): tensor '\(visible(entry.name))' starts at byte \(entry.begin) where \(covered) was expected (a gap or an overlap in the data)")
            }
            covered = entry.end
        }
        guard covered == dataSize else {
            throw RuntimeError("\(source): the tensors cover \(covered) bytes but the data section has \(dataSize)")
        }
        var tensors: [String: Tensor] = [:]
        for entry in entries {
            let count = (entry.end - entry.begin) / 4
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let at = headerEnd + entry.begin + 4 * i
                let bits = UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            tensors[entry.name] = Tensor(shape: entry.shape, data: values)
        }
        return SafeTensorsFile(tensors: tensors, metadata: metadata, order: entries.map(\.name))
    }

    /// Reads and decodes the file at `path`.
    /// - Throws: `RuntimeError` when it cannot be read, or as `decode`.
    public static func read(path: String) throws -> SafeTensorsFile {
        try decode(try RegularFile.read(path, what: "load"), source: visible(path, limit: 200))
    }

    /// 4 × the product of `shape`, or nil when that overflows.
    private static func byteCount(_ shape: [Int]) -> Int? {
        var total = 4
        for extent in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// A JSON array of integers (JSONSerialization gives NSNumber; fractions are refused).
    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var out: [Int] = []
        for item in list {
            guard let number = item as? NSNumber, let int = Int(exactly: number.doubleValue) else { return nil }
            out.append(int)
        }
        return out
    }

    /// A JSON string literal with the escapes JSON requires.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// The decoded content of a safetensors file.
public struct SafeTensorsFile: Sendable, Equatable {
    /// Tensors by name.
    public var tensors: [String: Tensor]
    /// The `__metadata__` map.
    public var metadata: [String: String]
    /// Tensor names in the order of their data.
    public var order: [String]
}
