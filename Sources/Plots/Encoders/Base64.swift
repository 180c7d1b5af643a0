/// Standard base64 (RFC 4648, `+` and `/`, `=` padding) written straight into byte buffers, for the
/// kitty and iTerm2 payloads (a few MB per frame, so no `String` round trip).
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The number of base64 characters for `count` input bytes.
    public static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Appends the base64 encoding of `input` to `output`.
    public static func encode(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        let start = output.count
        let total = encodedCount(input.count)
        output.append(contentsOf: repeatElement(0, count: total))
        alphabet.withUnsafeBufferPointer { table in
            output.withUnsafeMutableBufferPointer { out in
                var o = start
                var i = 0
                let whole = input.count / 3 * 3
                // 3 input bytes -> 4 output characters of 6 bits each.
                while i < whole {
                    let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                    out[o] = table[Int(v >> 18)]
                    out[o + 1] = table[Int((v >> 12) & 63)]
                    out[o + 2] = table[Int((v >> 6) & 63)]
                    out[o + 3] = table[Int(v & 63)]
                    i += 3
                    o += 4
                }
                let rest = input.count - whole
                if rest > 0 {
                    let b1 = rest == 2 ? UInt32(input[i + 1]) : 0
                    let v = UInt32(input[i]) << 16 | b1 << 8
                    out[o] = table[Int(v >> 18)]
                    out[o + 1] = table[Int((v >> 12) & 63)]
                    out[o + 2] = rest == 2 ? table[Int((v >> 6) & 63)] : UInt8(ascii: "=")
                    out[o + 3] = UInt8(ascii: "=")
                }
            }
        }
    }

    /// The base64 encoding of a byte array.
    public static func encode(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(encodedCount(input.count))
        input.withUnsafeBytes { encode($0, appendingTo: &output) }
        return output
    }
}
