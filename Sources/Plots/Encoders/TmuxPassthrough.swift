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
        // Copy the stretches between escapes whole: a kitty chunk is 4 KB of base64 with only
        // its framing escaped.
        var start = 0
        for (index, byte) in sequence.enumerated() where byte == 0x1B {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: sequence[start..<index]))
            output.append(0x1B)
            start = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: sequence[start...]))
        output += [0x1B, UInt8(ascii: "\\")]
    }

    /// `sequence` wrapped for tmux.
    public static func wrap(_ sequence: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        sequence.withUnsafeBufferPointer { wrap($0, appendingTo: &output) }
        return output
    }
}
