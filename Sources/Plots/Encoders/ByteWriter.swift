/// An append-only byte buffer with cheap ASCII and decimal appends, for the escape-sequence
/// encoders (no `String` building in their loops).
struct ByteWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends the UTF-8 bytes of a literal.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of any string (a cell's character).
    @inline(__always)
    mutating func append(utf8 text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends a non-negative integer in decimal.
    @inline(__always)
    mutating func appendDecimal(_ value: Int) {
        if value < 10 { bytes.append(UInt8(48 + value)); return }
        if value < 100 { bytes.append(UInt8(48 + value / 10)); bytes.append(UInt8(48 + value % 10)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            } while n > 0
            for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
        }
    }
}
