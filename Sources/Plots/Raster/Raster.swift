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
/// iTerm2 or text.
public struct Raster: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// pixels: [height, width, 4] as RGBA bytes.
    public var pixels: [UInt8]

    /// A raster filled with one colour.
    public init(width: Int, height: Int, fill: RGBA = .white) {
        precondition(width >= 0 && height >= 0, "Raster: negative size \(width)x\(height)")
        self.width = width
        self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for i in stride(from: 0, to: bytes.count, by: 4) {
            bytes[i] = fill.r; bytes[i + 1] = fill.g; bytes[i + 2] = fill.b; bytes[i + 3] = fill.a
        }
        self.pixels = bytes
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
