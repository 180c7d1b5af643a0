/// Builds an animated GIF (GIF89a) frame by frame.
///
/// Each frame carries its own palette (a local colour table): its exact colours when it has at
/// most 255, else its most frequent colours exact and a median cut of the rest (`quantize`), so
/// a frame is never limited to the colours of the first.
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
        let (frame, box) = FrameDifference.next(raster, after: previous, width: width, height: height, background: background)
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
        let indexed = quantize(strip, limit: transparentNeeded ? 255 : 256)
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

    /// The palette and indices of an opaque strip of pixels: its own colours when it has at most
    /// `limit`; otherwise its most frequent colours (a quarter of the palette) kept exact and the
    /// rest reduced by median cut. Keeping the frequent colours exact matters in an animation:
    /// the background, axes and text of one frame must match the pixels an earlier frame left,
    /// or every changed rectangle shows as a faint patch (median cut alone gave white as an
    /// off-white that differed from frame to frame).
    static func quantize(_ strip: Raster, limit: Int) -> (palette: [RGBA], indices: [UInt8]) {
        if let exact = IndexedImage.exact(strip, maxColors: limit, background: .white) {
            return (exact.palette, exact.indices)
        }
        let count = strip.width * strip.height
        // keys: [count] each pixel as 0xRRGGBB; counts per colour, a run counted at once.
        var keys = [UInt32](repeating: 0, count: count)
        var counts: [UInt32: Int] = [:]
        strip.pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i < count {
                let key = UInt32(p[4 * i]) << 16 | UInt32(p[4 * i + 1]) << 8 | UInt32(p[4 * i + 2])
                var end = i
                while end < count && UInt32(p[4 * end]) << 16 | UInt32(p[4 * end + 1]) << 8 | UInt32(p[4 * end + 2]) == key {
                    keys[end] = key
                    end += 1
                }
                counts[key, default: 0] += end - i
                i = end
            }
        }
        // The most frequent colours, ties by colour so the choice does not depend on hashing.
        let reserved = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit / 4).map(\.key)
        var reservedIndex: [UInt32: UInt8] = [:]
        for (n, key) in reserved.enumerated() { reservedIndex[key] = UInt8(n) }
        var rest: [UInt8] = []
        for key in keys where reservedIndex[key] == nil {
            rest += [UInt8(key >> 16), UInt8((key >> 8) & 0xFF), UInt8(key & 0xFF), 255]
        }
        var restStrip = Raster(width: rest.count / 4, height: rest.isEmpty ? 0 : 1)
        restStrip.pixels = rest
        let reduced = MedianCut.quantize(restStrip, maxColors: limit - reserved.count, background: .white)
        let palette = reserved.map { RGBA(UInt8($0 >> 16), UInt8(($0 >> 8) & 0xFF), UInt8($0 & 0xFF)) }
            + (rest.isEmpty ? [] : reduced.palette)
        var indices = [UInt8](repeating: 0, count: count)
        var next = 0
        for (i, key) in keys.enumerated() {
            if let index = reservedIndex[key] {
                indices[i] = index
            } else {
                indices[i] = UInt8(reserved.count + Int(reduced.indices[next]))
                next += 1
            }
        }
        return (palette, indices)
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
