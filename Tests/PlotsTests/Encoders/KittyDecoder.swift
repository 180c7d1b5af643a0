import Foundation
@testable import Plots

/// Test-only reader of kitty graphics transmissions: undoes tmux passthrough, splits the APC
/// chunks, checks the chunking rules, joins and base64-decodes the payload (with Foundation, not
/// our encoder) and turns it back into pixels.
struct KittyDecoder {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The keys of the first chunk.
    var keys: [String: String] = [:]
    /// The keys of each chunk, in order.
    var chunkKeys: [[String: String]] = []
    /// Payload length (base64 characters) of each chunk.
    var chunkLengths: [Int] = []
    /// The decoded payload (PNG file or zlib stream).
    var payload: [UInt8] = []
    /// The pixels.
    var raster: Raster

    init(_ bytes: [UInt8]) throws {
        let plain = try KittyDecoder.unwrapTmux(bytes)
        var base64: [UInt8] = []
        var index = 0
        while index < plain.count {
            guard plain[index] == 0x1B, index + 2 < plain.count, plain[index + 1] == UInt8(ascii: "_"),
                  plain[index + 2] == UInt8(ascii: "G") else {
                throw Failure(description: "expected ESC _ G at byte \(index)")
            }
            guard let end = (index..<(plain.count - 1)).first(where: { plain[$0] == 0x1B && plain[$0 + 1] == UInt8(ascii: "\\") }),
                  let semicolon = plain[index..<end].firstIndex(of: UInt8(ascii: ";")) else {
                throw Failure(description: "unterminated chunk at byte \(index)")
            }
            let keyText = String(decoding: plain[(index + 3)..<semicolon], as: UTF8.self)
            var chunk: [String: String] = [:]
            for pair in keyText.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw Failure(description: "bad key \(pair)") }
                chunk[String(parts[0])] = String(parts[1])
            }
            chunkKeys.append(chunk)
            chunkLengths.append(end - semicolon - 1)
            base64 += plain[(semicolon + 1)..<end]
            index = end + 2
        }
        guard let first = chunkKeys.first else { throw Failure(description: "no chunks") }
        keys = first
        for (n, chunk) in chunkKeys.enumerated() {
            let last = n == chunkKeys.count - 1
            guard chunk["m"] == (last ? "0" : "1") else { throw Failure(description: "chunk \(n) has m=\(chunk["m"] ?? "-")") }
            if n > 0 && Set(chunk.keys).subtracting(["m", "q"]).count > 0 {
                throw Failure(description: "chunk \(n) repeats keys \(chunk.keys.sorted())")
            }
            guard chunkLengths[n] <= 4096, last || chunkLengths[n] % 4 == 0 else {
                throw Failure(description: "chunk \(n) has \(chunkLengths[n]) base64 characters")
            }
        }
        guard let data = Data(base64Encoded: Data(base64)) else { throw Failure(description: "payload is not base64") }
        payload = [UInt8](data)
        switch keys["f"] {
        case "100":
            raster = try PNGDecoder.decode(payload)
        case "24", "32":
            guard let w = keys["s"].flatMap(Int.init), let h = keys["v"].flatMap(Int.init) else {
                throw Failure(description: "raw pixels without s= and v=")
            }
            let channels = keys["f"] == "24" ? 3 : 4
            let raw = keys["o"] == "z" ? try Zlib.inflate(payload) : payload
            guard raw.count == w * h * channels else { throw Failure(description: "\(raw.count) bytes for \(w)x\(h)x\(channels)") }
            raster = Raster(width: w, height: h)
            for i in 0..<(w * h) {
                for c in 0..<channels { raster.pixels[4 * i + c] = raw[channels * i + c] }
            }
        default:
            throw Failure(description: "unknown format f=\(keys["f"] ?? "-")")
        }
    }

    /// Removes tmux passthrough wrappers (`ESC P tmux ; ... ESC \` with ESC doubled inside), if any.
    static func unwrapTmux(_ bytes: [UInt8]) throws -> [UInt8] {
        let prefix: [UInt8] = [0x1B, UInt8(ascii: "P")] + Array("tmux;".utf8)
        guard bytes.starts(with: prefix) else { return bytes }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard Array(bytes[i..<min(i + prefix.count, bytes.count)]) == prefix else {
                throw Failure(description: "expected a tmux wrapper at byte \(i)")
            }
            i += prefix.count
            while true {
                guard i + 1 < bytes.count else { throw Failure(description: "unterminated tmux wrapper") }
                if bytes[i] == 0x1B && bytes[i + 1] == 0x1B { out.append(0x1B); i += 2; continue }
                if bytes[i] == 0x1B && bytes[i + 1] == UInt8(ascii: "\\") { i += 2; break }
                guard bytes[i] != 0x1B else { throw Failure(description: "single ESC inside tmux wrapper at \(i)") }
                out.append(bytes[i]); i += 1
            }
        }
        return out
    }
}
