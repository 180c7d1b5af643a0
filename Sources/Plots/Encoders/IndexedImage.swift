/// An opaque image as palette indices: what Sixel (and palette formats) need.
///
/// Built by `exact` when the image has few colours (plots usually do: a background, axes, a few
/// series), otherwise by `MedianCut`. Transparent pixels are first composited over a background
/// colour, because Sixel output here is always opaque.
public struct IndexedImage: Equatable, Sendable {
    /// Image size in pixels.
    public let width: Int, height: Int
    /// The palette, at most 256 opaque colours.
    public var palette: [RGBA]
    /// indices: [height, width], each an index into `palette`.
    public var indices: [UInt8]
    /// True when every pixel's colour is exactly its palette colour.
    public var isExact: Bool

    /// Indexes `raster` with its own colours if it has at most `maxColors` distinct colours (after
    /// compositing over `background`), else reduces it with median cut. `maxColors` is clamped to
    /// 1...256.
    public init(_ raster: Raster, maxColors: Int = 256, background: RGBA = .white) {
        let limit = min(max(maxColors, 1), 256)
        if let exact = IndexedImage.exact(raster, maxColors: limit, background: background) {
            self = exact
        } else {
            self = MedianCut.quantize(raster, maxColors: limit, background: background)
        }
    }

    init(width: Int, height: Int, palette: [RGBA], indices: [UInt8], isExact: Bool) {
        self.width = width; self.height = height
        self.palette = palette; self.indices = indices; self.isExact = isExact
    }

    /// The raster this indexed image shows.
    public func raster() -> Raster {
        var raster = Raster(width: width, height: height)
        for (i, index) in indices.enumerated() { raster[i % width, i / width] = palette[Int(index)] }
        return raster
    }

    /// The pixel at `i` composited over `background`, as 0xRRGGBB.
    @inline(__always)
    static func opaqueKey(_ p: UnsafePointer<UInt8>, background: RGBA) -> UInt32 {
        let a = UInt32(p[3])
        if a == 255 { return UInt32(p[0]) << 16 | UInt32(p[1]) << 8 | UInt32(p[2]) }
        @inline(__always) func mix(_ c: UInt8, _ bg: UInt8) -> UInt32 {
            (UInt32(c) * a + UInt32(bg) * (255 - a) + 127) / 255
        }
        return mix(p[0], background.r) << 16 | mix(p[1], background.g) << 8 | mix(p[2], background.b)
    }

    /// The image indexed by its own colours, or nil when it has more than `maxColors`.
    ///
    /// Colours go through a small open-addressing hash table (1024 slots for at most 256 keys, so
    /// probes stay short), and the previous pixel's colour is remembered, since plots are long runs
    /// of one colour: most pixels cost one comparison.
    static func exact(_ raster: Raster, maxColors: Int, background: RGBA) -> IndexedImage? {
        let count = raster.width * raster.height
        let slotBits = 10, empty = UInt32.max
        // table: [1024] (key, index) slots; keys are 24-bit so UInt32.max marks an empty slot.
        var keys = [UInt32](repeating: empty, count: 1 << slotBits)
        var values = [UInt8](repeating: 0, count: 1 << slotBits)
        var palette: [RGBA] = []
        palette.reserveCapacity(maxColors)
        var indices = [UInt8](repeating: 0, count: count)
        var tooMany = false
        raster.pixels.withUnsafeBufferPointer { src in
            keys.withUnsafeMutableBufferPointer { keys in
                values.withUnsafeMutableBufferPointer { values in
                    indices.withUnsafeMutableBufferPointer { out in
                        var lastKey = empty, lastIndex: UInt8 = 0
                        for i in 0..<count {
                            let key = opaqueKey(src.baseAddress! + 4 * i, background: background)
                            if key != lastKey {
                                var slot = Int((key &* 2_654_435_761) >> UInt32(32 - slotBits))
                                while keys[slot] != key && keys[slot] != empty { slot = (slot + 1) & ((1 << slotBits) - 1) }
                                if keys[slot] == empty {
                                    if palette.count == maxColors { tooMany = true; return }
                                    keys[slot] = key
                                    values[slot] = UInt8(palette.count)
                                    palette.append(RGBA(UInt8(key >> 16), UInt8((key >> 8) & 0xFF), UInt8(key & 0xFF)))
                                }
                                lastKey = key
                                lastIndex = values[slot]
                            }
                            out[i] = lastIndex
                        }
                    }
                }
            }
        }
        if tooMany { return nil }
        if palette.isEmpty { palette = [background] }
        return IndexedImage(width: raster.width, height: raster.height, palette: palette, indices: indices, isExact: true)
    }
}
