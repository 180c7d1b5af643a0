/// Builds an animated PNG (APNG 1.0) frame by frame: PNG frames with frame control chunks.
///
/// The first frame is the PNG's default image (fcTL, then IDAT), so a viewer without APNG support
/// still shows it. Every later frame stores only the rectangle that changed since the frame before
/// (fcTL with its offset and size, then fdAT), replacing those pixels (blend "source") and left in
/// place (dispose "none"); an unchanged frame is a 1x1 rectangle of the pixel already there.
/// Colours are exact (RGB, 8 bits); transparent pixels are composited over `background` first, as
/// in the GIF, so both formats show the same picture. Deflate runs on one core here, so the file
/// does not depend on the machine.
public struct APNGEncoder {
    /// The canvas size; frames of another size are cut or padded to it (`FrameDifference.fitted`).
    public let width: Int, height: Int
    /// The colour under transparent pixels.
    public let background: RGBA
    /// How many times the animation plays (0: for ever).
    public let loopCount: Int
    /// Frames added so far.
    public private(set) var frameCount = 0
    /// The frame chunks so far (fcTL, IDAT / fdAT); the header is written by `finished()`, since
    /// acTL, which comes first, holds the frame count.
    private var body: [UInt8] = []
    private var sequence: UInt32 = 0
    private var previous: Raster?
    private let options = PNGEncoder.Options(deflate: DeflateSettings(level: 6, parallel: false))

    /// An empty animation of `width` x `height` (each at least 1).
    public init(width: Int, height: Int, loopCount: Int = 0, background: RGBA = .white) {
        self.width = max(width, 1)
        self.height = max(height, 1)
        self.loopCount = max(loopCount, 0)
        self.background = background
    }

    /// Appends `raster` shown for `milliseconds` (clamped to 1...65535).
    public mutating func add(_ raster: Raster, milliseconds: Int) {
        let (frame, box) = FrameDifference.next(raster, after: previous, width: width, height: height, background: background)
        let part = box.minX == 0 && box.minY == 0 && box.maxX == width && box.maxY == height
            ? frame : FrameDifference.crop(frame, to: box)

        var control: [UInt8] = []
        for value in [sequence, UInt32(part.width), UInt32(part.height), UInt32(box.minX), UInt32(box.minY)] {
            PNGEncoder.appendBigEndian(value, to: &control)
        }
        let delay = min(max(milliseconds, 1), 65535)
        // delay_num / delay_den seconds, then dispose_op 0 (none) and blend_op 0 (source).
        control += [UInt8(delay >> 8), UInt8(delay & 0xFF), 0x03, 0xE8, 0, 0]
        PNGEncoder.appendChunk("fcTL", control, to: &body)
        sequence += 1

        let data = PNGEncoder.imageData(part, bpp: 3, options: options)
        if previous == nil {
            PNGEncoder.appendChunk("IDAT", data, to: &body)
        } else {
            var frameData: [UInt8] = []
            frameData.reserveCapacity(data.count + 4)
            PNGEncoder.appendBigEndian(sequence, to: &frameData)
            frameData += data
            PNGEncoder.appendChunk("fdAT", frameData, to: &body)
            sequence += 1
        }
        previous = frame
        frameCount += 1
    }

    /// The APNG file, or nil before any frame was added (a recording of nothing writes no file).
    public func finished() -> [UInt8]? {
        guard frameCount > 0 else { return nil }
        var png = PNGEncoder.signature
        var header: [UInt8] = []
        PNGEncoder.appendBigEndian(UInt32(width), to: &header)
        PNGEncoder.appendBigEndian(UInt32(height), to: &header)
        header += [8, 2, 0, 0, 0]  // 8-bit RGB, deflate, adaptive filtering, no interlace
        PNGEncoder.appendChunk("IHDR", header, to: &png)
        var animation: [UInt8] = []
        PNGEncoder.appendBigEndian(UInt32(frameCount), to: &animation)
        PNGEncoder.appendBigEndian(UInt32(loopCount), to: &animation)
        PNGEncoder.appendChunk("acTL", animation, to: &png)
        png += body
        PNGEncoder.appendChunk("IEND", [], to: &png)
        return png
    }

    /// The size the file would have now, for size estimates while recording.
    public var byteCount: Int { body.count + 8 + 25 + 20 + 12 }
}
