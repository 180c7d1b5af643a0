import Plots

/// The encoders the display uses to turn a raster into terminal bytes or text.
///
/// Closures rather than direct calls so tests can substitute encoders whose output is easy to
/// check, and so this target depends on the encoders' behaviour, not on their spelling. The
/// graphics closures include tmux passthrough when the terminal runs inside tmux.
public struct PictureEncoders: Sendable {
    /// A PNG file (for `--frames`).
    public var png: @Sendable (Raster) -> [UInt8]
    /// kitty graphics sequences that show the raster with image id `imageID`, placement id 1,
    /// no replies (`q=2`) and without moving the cursor (`C=1`): re-sending the same id replaces
    /// the picture in place.
    public var kitty: @Sendable (_ raster: Raster, _ imageID: UInt32) -> [UInt8]
    /// kitty graphics sequences that transmit the raster as image `imageID` with a virtual
    /// placement of `columns` x `rows` cells for Unicode placeholders (`U=1`, no replies).
    public var kittyVirtual: @Sendable (_ raster: Raster, _ imageID: UInt32, _ columns: Int,
                                        _ rows: Int) -> [UInt8]
    /// A Sixel image (DCS ... ST).
    public var sixel: @Sendable (Raster) -> [UInt8]
    /// An iTerm2 inline image (OSC 1337 File=...).
    public var iterm: @Sendable (Raster) -> [UInt8]
    /// A text rendering in `mode` (blocks, braille or ascii), `columns` characters wide, one
    /// string per line without newlines. With `ColorDepth.none`, or in ASCII mode, lines hold
    /// no escape sequences.
    public var text: @Sendable (_ raster: Raster, _ mode: GraphicsMode, _ colors: ColorDepth,
                                _ columns: Int) -> [String]
    /// An encoder that sends a live picture's frames as changes (`LiveFrameEncoder`, kitty), for
    /// a region drawn in `mode` with image id `imageID`; nil when every frame is sent whole with
    /// the closures above.
    public var liveFrames: @Sendable (_ mode: GraphicsMode, _ imageID: UInt32) -> LiveFrameEncoder?

    /// Encoders from the given closures.
    public init(png: @escaping @Sendable (Raster) -> [UInt8],
                kitty: @escaping @Sendable (Raster, UInt32) -> [UInt8],
                kittyVirtual: @escaping @Sendable (Raster, UInt32, Int, Int) -> [UInt8],
                sixel: @escaping @Sendable (Raster) -> [UInt8],
                iterm: @escaping @Sendable (Raster) -> [UInt8],
                text: @escaping @Sendable (Raster, GraphicsMode, ColorDepth, Int) -> [String],
                liveFrames: @escaping @Sendable (GraphicsMode, UInt32) -> LiveFrameEncoder? = { _, _ in nil }) {
        self.png = png
        self.kitty = kitty
        self.kittyVirtual = kittyVirtual
        self.sixel = sixel
        self.iterm = iterm
        self.text = text
        self.liveFrames = liveFrames
    }
}
