/// Builds an animated GIF (GIF89a) frame by frame.
///
/// Each frame carries its own palette (a local colour table): its exact colours when it has at
/// most 255, else a median cut of them, so a frame is never limited to the colours of the first.
/// The first frame is stored whole; every later one only as the rectangle that changed since the
/// frame before, with the pixels inside it that did not change written as the transparent index
/// (they then cost almost nothing in LZW, and their colour stays as it was shown). Frames are
/// left in place (disposal 1), so the canvas accumulates. Transparent pixels of a frame are
/// composited over `background`: a GIF pixel is either a colour or "keep what is there".
public struct GIFEncoder {
    /// The canvas size; frames of another size are cut or padded to it (`FrameDifference.fitted`).
    public let width: Int, height: Int
    /// The colour under transparent pixels.
    public let background: RGBA
    /// Frames added so far.
    public private(set) var frameCount = 0
    /// The file so far, without the trailer.
    private var bytes: [UInt8] = []
    /// The previous frame as added (flattened), to find what changed.
    private var previous: Raster?

    /// An empty animation of `width` x `height` (each at least 1 and below 65536) that loops
    /// `loopCount` times (0: for ever).
    public init(width: Int, height: Int, loopCount: Int = 0, background: RGBA = .white) {
        self.width = min(max(width, 1), 65535)
        self.height = min(max(height, 1), 65535)
        self.background = background
        bytes = Array("GIF89a".utf8)
        Self.appendLittleEndian16(self.width, to: &bytes)
        Self.appendLittleEndian16(self.height, to: &bytes)
        // No global colour table; background index 0; square pixels.
        bytes += [0x00, 0x00, 0x00]
        // The NETSCAPE2.0 application extension: loop count.
        bytes += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01]
        Self.appendLittleEndian16(min(max(loopCount, 0), 65535), to: &bytes)
        bytes.append(0x00)
    }

    /// Appends `raster` shown for `delay` hundredths of a second (clamped to 2...65535: browsers
    /// show 0 and 1 as a tenth of a second).
    public mutating func add(_ raster: Raster, delay: Int) {
        let frame = FrameDifference.flattened(
            FrameDifference.fitted(raster, width: width, height: height, background: background), over: background)
        let box: PixelBox
        if let previous {
            box = FrameDifference.changedBox(from: previous, to: frame) ?? PixelBox(minX: 0, minY: 0, maxX: 1, maxY: 1)
        } else {
            box = PixelBox(minX: 0, minY: 0, maxX: width, maxY: height)
        }
        let (palette, indices, transparent) = Self.indexed(frame, previous: previous, box: box)

        // Graphic control extension: disposal 1 (leave in place), the transparency flag, the delay.
        bytes += [0x21, 0xF9, 0x04, UInt8(1 << 2 | (transparent != nil ? 1 : 0))]
        Self.appendLittleEndian16(min(max(delay, 2), 65535), to: &bytes)
        bytes += [UInt8(transparent ?? 0), 0x00]

        // Image descriptor with a local colour table of 2^bits entries.
        let bits = max(1, Self.bitsNeeded(palette.count))
        bytes.append(0x2C)
        for value in [box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY] {
            Self.appendLittleEndian16(value, to: &bytes)
        }
        bytes.append(UInt8(0x80 | (bits - 1)))
        for k in 0..<(1 << bits) {
            let colour = k < palette.count ? palette[k] : RGBA.black
            bytes += [colour.r, colour.g, colour.b]
        }
        let minimumCodeSize = max(2, bits)
        bytes.append(UInt8(minimumCodeSize))
        let data = indices.withUnsafeBufferPointer { GIFLZW.compress($0, minimumCodeSize: minimumCodeSize) }
        GIFLZW.subBlocks(data, appendingTo: &bytes)

        previous = frame
        frameCount += 1
    }

    /// The GIF file, or nil before any frame was added (a GIF without an image is not a valid
    /// animation, so a recording of nothing writes no file).
    public func finished() -> [UInt8]? {
        frameCount > 0 ? bytes + [0x3B] : nil
    }

    /// The bytes of the file so far (without the trailer), for size estimates while recording.
    public var byteCount: Int { bytes.count + 1 }

    /// The palette and indices of the pixels of `frame` inside `box`; with a previous frame, the
    /// pixels equal to it there become the transparent index (the palette's last entry).
    static func indexed(_ frame: Raster, previous: Raster?, box: PixelBox)
        -> (palette: [RGBA], indices: [UInt8], transparent: Int?)
    {
        let boxWidth = box.maxX - box.minX, boxHeight = box.maxY - box.minY
        let count = boxWidth * boxHeight
        // changed: [boxHeight, boxWidth] whether the pixel differs from the previous frame.
        var changed = [Bool](repeating: true, count: count)
        var changedPixels: [UInt8] = []
        changedPixels.reserveCapacity(count * 4)
        frame.pixels.withUnsafeBytes { new in
            let newWords = new.bindMemory(to: UInt32.self)
            let oldPixels = previous?.pixels ?? []
            oldPixels.withUnsafeBytes { old in
                let oldWords = old.bindMemory(to: UInt32.self)
                for y in 0..<boxHeight {
                    for x in 0..<boxWidth {
                        let i = (box.minY + y) * frame.width + box.minX + x
                        if previous != nil && oldWords[i] == newWords[i] {
                            changed[y * boxWidth + x] = false
                        } else {
                            changedPixels.append(contentsOf: new[(4 * i)..<(4 * i + 4)])
                        }
                    }
                }
            }
        }
        let transparentNeeded = changed.contains(false)
        // The changed pixels alone, in scan order, as one row: the palette is built from them only.
        var strip = Raster(width: changedPixels.count / 4, height: changedPixels.count > 0 ? 1 : 0)
        strip.pixels = changedPixels
        let indexed = IndexedImage(strip, maxColors: transparentNeeded ? 255 : 256)
        let palette = changedPixels.isEmpty ? [] : indexed.palette
        let transparent = transparentNeeded ? palette.count : nil
        var indices = [UInt8](repeating: UInt8(transparent ?? 0), count: count)
        var next = 0
        for i in 0..<count where changed[i] {
            indices[i] = indexed.indices[next]
            next += 1
        }
        return (transparentNeeded ? palette + [.black] : palette, indices, transparent)
    }

    /// Bits to index `count` entries (0 for one entry).
    static func bitsNeeded(_ count: Int) -> Int {
        var bits = 0
        while 1 << bits < count { bits += 1 }
        return bits
    }

    static func appendLittleEndian16(_ value: Int, to bytes: inout [UInt8]) {
        bytes += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)]
    }
}
