/// Encodes a raster as DEC Sixel: `ESC P q` (default parameters, as libsixel writes: background
/// mode, not transparent), raster attributes `"1;1;W;H` (square pixels, overriding the default 2:1),
/// colour registers `#n;2;r;g;b`, then the image in bands of 6 rows, `ESC \` at the end.
///
/// Within a band each colour in use is selected (`#n`) and written as one sixel character per
/// column (`?` + the 6-bit column mask), with runs written as `!count c`; `$` returns to the
/// band's start for another pass and `-` moves to the next band. Colours share passes and paint
/// under the colours drawn after them where that saves bytes (`Band`); every pixel is painted,
/// last by its own colour, so the picture is opaque whatever the terminal does with the
/// background (transparent pixels are composited over `background` first). Registers are
/// numbered by pixel count, so the colours selected most often take one or two digits.
///
/// Colour registers are given in percent (0–100), as the protocol defines them; a channel value
/// `v` is sent as `round(v * 100 / 255)`. A terminal that maps percent back with
/// `round(p * 255 / 100)` gets every 8-bit value back within ±1 (tests check all 256).
public enum SixelEncoder {
    /// What to send.
    public struct Options: Equatable, Sendable {
        /// Colour registers to use, 2...256: an image with more colours is quantised.
        /// Terminals differ (xterm's VT340 mode defaults to 16, most others allow 256).
        public var maxColors: Int
        /// The colour transparent pixels are composited over.
        public var background: RGBA
        /// Wrap the sequence in tmux passthrough.
        public var tmux: Bool

        /// Options with the given choices.
        public init(maxColors: Int = 256, background: RGBA = .white, tmux: Bool = false) {
            self.maxColors = min(max(maxColors, 2), 256)
            self.background = background
            self.tmux = tmux
        }
    }

    /// A channel value 0–255 as a Sixel percentage 0–100, rounded to nearest.
    @inline(__always)
    public static func percent(_ value: UInt8) -> Int { (Int(value) * 200 + 255) / 510 }

    /// The Sixel sequence for `raster`.
    public static func encode(_ raster: Raster, options: Options = Options()) -> [UInt8] {
        let image = IndexedImage(raster, maxColors: options.maxColors, background: options.background)
        let sixel = encode(image)
        return options.tmux ? TmuxPassthrough.wrap(sixel) : sixel
    }

    /// The Sixel sequence for an already indexed image.
    public static func encode(_ image: IndexedImage) -> [UInt8] {
        let width = image.width, height = image.height
        let colorCount = max(image.palette.count, 1)
        // register: [colors] each palette colour's register, most frequent colour first (fewest
        // digits where it is selected most); colours no pixel uses get none (-1).
        let register = registers(image)
        var out = ByteWriter(capacity: width * height / 4 + 16 * colorCount + 64)
        out.append(0x1B); out.append(UInt8(ascii: "P"))
        out.append("q\"1;1;")
        out.appendDecimal(width); out.append(UInt8(ascii: ";")); out.appendDecimal(height)
        for (n, color) in image.palette.enumerated().sorted(by: { register[$0.offset] < register[$1.offset] })
        where register[n] >= 0 {
            out.append(UInt8(ascii: "#")); out.appendDecimal(register[n]); out.append(";2;")
            out.appendDecimal(percent(color.r)); out.append(UInt8(ascii: ";"))
            out.appendDecimal(percent(color.g)); out.append(UInt8(ascii: ";"))
            out.appendDecimal(percent(color.b))
        }
        var band = Band(width: width, colors: colorCount)
        defer { band.deallocate() }
        image.indices.withUnsafeBufferPointer { indices in
            for bandTop in stride(from: 0, to: height, by: 6) {
                let rows = min(6, height - bandTop)
                band.collect(indices.baseAddress! + bandTop * width, rows: rows)
                if bandTop > 0 { out.append(UInt8(ascii: "-")) }
                band.write(rows: rows, register: register, to: &out)
            }
        }
        out.append(0x1B); out.append(UInt8(ascii: "\\"))
        return out.bytes
    }

    /// Registers in order of pixel count, most frequent first; -1 for a colour no pixel uses.
    static func registers(_ image: IndexedImage) -> [Int] {
        let colorCount = max(image.palette.count, 1)
        var histogram = [Int](repeating: 0, count: colorCount)
        histogram.withUnsafeMutableBufferPointer { histogram in
            image.indices.withUnsafeBufferPointer { indices in
                for index in indices { histogram[Int(index)] += 1 }
            }
        }
        if image.indices.isEmpty { histogram[0] = 1 }
        let ranked = (0..<colorCount).filter { histogram[$0] > 0 }
            .sorted { histogram[$0] > histogram[$1] || (histogram[$0] == histogram[$1] && $0 < $1) }
        var register = [Int](repeating: -1, count: colorCount)
        for (rank, color) in ranked.enumerated() { register[color] = rank }
        return register
    }

    @inline(__always)
    static func writeRun(of character: UInt8, count: Int, to out: inout ByteWriter) {
        if count >= 4 {
            out.append(UInt8(ascii: "!")); out.appendDecimal(count); out.append(character)
        } else {
            for _ in 0..<count { out.append(character) }
        }
    }
}
