/// The variable-length LZW compression of GIF image data (GIF89a, appendix F), written here like
/// the PNG encoder rather than taken from a library.
///
/// Codes start `minimumCodeSize + 1` bits wide and grow to 12; the first code is a clear code, and
/// when the 4096-entry table is full a clear code starts a fresh table (no "deferred clear").
/// The string table is a hash of (prefix code, next index) pairs, 8192 slots for at most 4096
/// entries, so a lookup is a probe or two; a clear empties it in 8192 stores, once per at least
/// 4000 pixels.
public enum GIFLZW {
    static let maxCode = 4096
    static let slotBits = 13

    /// The LZW code stream for `indices` (each below `1 << minimumCodeSize`), packed
    /// least-significant bit first, not yet cut into sub-blocks. `minimumCodeSize` is 2...8.
    public static func compress(_ indices: UnsafeBufferPointer<UInt8>, minimumCodeSize: Int) -> [UInt8] {
        precondition((2...8).contains(minimumCodeSize), "GIFLZW: minimum code size \(minimumCodeSize) outside 2...8")
        let clear = 1 << minimumCodeSize, endOfInformation = clear + 1
        var out: [UInt8] = []
        out.reserveCapacity(indices.count / 3 + 16)
        var bitBuffer: UInt64 = 0, bitCount = 0
        var codeSize = minimumCodeSize + 1
        var nextCode = clear + 2

        @inline(__always) func emit(_ code: Int) {
            bitBuffer |= UInt64(code) << UInt64(bitCount)
            bitCount += codeSize
            while bitCount >= 8 {
                out.append(UInt8(truncatingIfNeeded: bitBuffer))
                bitBuffer >>= 8
                bitCount -= 8
            }
        }

        // slots: (key, code) pairs; key = prefix << 8 | index, -1 when empty.
        let slotCount = 1 << slotBits, mask = slotCount - 1
        var keys = [Int32](repeating: -1, count: slotCount)
        var codes = [Int16](repeating: 0, count: slotCount)
        emit(clear)
        guard indices.count > 0 else {
            emit(endOfInformation)
            if bitCount > 0 { out.append(UInt8(truncatingIfNeeded: bitBuffer)) }
            return out
        }
        keys.withUnsafeMutableBufferPointer { keys in
            codes.withUnsafeMutableBufferPointer { codes in
                var prefix = Int(indices[0])
                for i in 1..<indices.count {
                    let index = Int(indices[i])
                    let key = Int32(prefix << 8 | index)
                    var slot = Int((UInt32(bitPattern: key) &* 2_654_435_761) >> UInt32(32 - slotBits))
                    while keys[slot] != -1 && keys[slot] != key { slot = (slot + 1) & mask }
                    if keys[slot] == key {
                        prefix = Int(codes[slot])
                        continue
                    }
                    emit(prefix)
                    if nextCode < maxCode {
                        keys[slot] = key
                        codes[slot] = Int16(nextCode)
                        nextCode += 1
                        // The decoder adds this entry one code later; it widens its codes when
                        // its table reaches 1 << codeSize, which is when ours passes it by one.
                        if nextCode - 1 == 1 << codeSize && codeSize < 12 { codeSize += 1 }
                    } else {
                        emit(clear)
                        keys.update(repeating: -1)
                        codeSize = minimumCodeSize + 1
                        nextCode = clear + 2
                    }
                    prefix = index
                }
                emit(prefix)
                // The decoder adds an entry for this last code too, and may widen its codes
                // before it reads the end code.
                if indices.count > 1 && nextCode == 1 << codeSize && codeSize < 12 { codeSize += 1 }
            }
        }
        emit(endOfInformation)
        if bitCount > 0 { out.append(UInt8(truncatingIfNeeded: bitBuffer)) }
        return out
    }

    /// `data` as GIF sub-blocks: a length byte (1...255) before each piece, then a 0 terminator.
    public static func subBlocks(_ data: [UInt8], appendingTo out: inout [UInt8]) {
        var offset = 0
        while offset < data.count {
            let piece = min(255, data.count - offset)
            out.append(UInt8(piece))
            out.append(contentsOf: data[offset..<(offset + piece)])
            offset += piece
        }
        out.append(0)
    }
}
