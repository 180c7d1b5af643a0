/// Encodes a raster for iTerm2's inline images (OSC 1337), which WezTerm and mlterm also show:
/// `ESC ] 1337 ; File=inline=1;size=N;width=Wpx;height=Hpx;preserveAspectRatio=1 : <base64 PNG> BEL`.
public enum ITermEncoder {
    /// What to send.
    public struct Options: Equatable, Sendable {
        /// PNG settings for the payload.
        public var png: PNGEncoder.Options
        /// Display width as the protocol takes it (`"600px"`, `"40"` cells, `"50%"`, `"auto"`), or
        /// nil for the raster's width in pixels.
        public var width: String?
        /// Display height, same forms, or nil for the raster's height in pixels.
        public var height: String?
        /// Wrap the sequence in tmux passthrough.
        public var tmux: Bool

        /// Options with the given choices.
        public init(png: PNGEncoder.Options = PNGEncoder.Options(), width: String? = nil,
                    height: String? = nil, tmux: Bool = false) {
            self.png = png
            self.width = width
            self.height = height
            self.tmux = tmux
        }
    }

    /// The OSC 1337 sequence that shows `raster` inline.
    public static func encode(_ raster: Raster, options: Options = Options()) -> [UInt8] {
        let png = PNGEncoder.encode(raster, options: options.png)
        let width = options.width ?? "\(raster.width)px"
        let height = options.height ?? "\(raster.height)px"
        var output: [UInt8] = [0x1B, UInt8(ascii: "]")]
        output.reserveCapacity(Base64.encodedCount(png.count) + 100)
        output += Array("1337;File=inline=1;size=\(png.count);width=\(width);height=\(height);preserveAspectRatio=1:".utf8)
        png.withUnsafeBytes { Base64.encode($0, appendingTo: &output) }
        output.append(0x07)
        return options.tmux ? TmuxPassthrough.wrap(output) : output
    }
}
