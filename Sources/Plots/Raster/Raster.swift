/// A colour with 8-bit red, green, blue and alpha channels (straight, not premultiplied, alpha).
public struct RGBA: Equatable, Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public var a: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }

    public static let white = RGBA(255, 255, 255)
    public static let black = RGBA(0, 0, 0)
    public static let clear = RGBA(0, 0, 0, 0)
}

/// An image in memory: `width * height` pixels, row-major from the top-left, 4 bytes (RGBA8) each.
///
/// Everything nv draws ends up in a `Raster`; the encoders turn one into PNG, kitty, Sixel,
/// iTerm2 or text. The drawing API (Raster+Fill, +Line, +Circle, +Polygon, +Image, +Text) lives in
/// extensions; every drawing call respects `clip`. Two rasters are equal when their sizes and
/// pixels are; the clip is drawing state, not picture, and does not take part.
public struct Raster: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// pixels: [height, width, 4] as RGBA bytes.
    public var pixels: [UInt8]
    /// The pixels drawing may touch; always inside the raster. Set it with `setClip(_:)` or
    /// scope it with `withClip(_:_:)`.
    public internal(set) var clip: PixelBox

    /// A raster filled with one colour.
    public init(width: Int, height: Int, fill: RGBA = .white) {
        precondition(width >= 0 && height >= 0, "Raster: negative size \(width)x\(height)")
        self.width = width
        self.height = height
        // One 32-bit store per pixel (the bytes r, g, b, a in memory order on any endianness).
        let pattern = UInt32(littleEndian: UInt32(fill.r) | UInt32(fill.g) << 8
                             | UInt32(fill.b) << 16 | UInt32(fill.a) << 24)
        self.pixels = [UInt8](unsafeUninitializedCapacity: width * height * 4) { buffer, count in
            let words = UnsafeMutableRawBufferPointer(buffer).bindMemory(to: UInt32.self)
            words.initialize(repeating: pattern)
            count = width * height * 4
        }
        self.clip = PixelBox(minX: 0, minY: 0, maxX: width, maxY: height)
    }

    public static func == (lhs: Raster, rhs: Raster) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.pixels == rhs.pixels
    }

    /// The pixel at column `x`, row `y` (both in range).
    public subscript(x: Int, y: Int) -> RGBA {
        get {
            let i = (y * width + x) * 4
            return RGBA(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            pixels[i] = newValue.r; pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b; pixels[i + 3] = newValue.a
        }
    }
}
