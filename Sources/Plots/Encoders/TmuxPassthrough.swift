/// tmux's passthrough wrapper: `ESC P tmux ; <sequence with every ESC doubled> ESC \`.
///
/// tmux only forwards such sequences to the outer terminal when its `allow-passthrough` option
/// is on; the terminal side decides whether to wrap.
public enum TmuxPassthrough {
    /// Appends `sequence` to `output`, wrapped for tmux.
    public static func wrap(_ sequence: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) {
        output.reserveCapacity(output.count + sequence.count + 16)
        output += [0x1B, UInt8(ascii: "P")]
        output += Array("tmux;".utf8)
        for byte in sequence {
            if byte == 0x1B { output.append(0x1B) }
            output.append(byte)
        }
        output += [0x1B, UInt8(ascii: "\\")]
    }

    /// `sequence` wrapped for tmux.
    public static func wrap(_ sequence: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        sequence.withUnsafeBufferPointer { wrap($0, appendingTo: &output) }
        return output
    }
}
