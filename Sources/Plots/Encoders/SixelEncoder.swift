/// Encodes a raster as DEC Sixel: `ESC P 0;1;0 q`, raster attributes `"1;1;W;H` (square pixels),
/// colour registers `#n;2;r;g;b`, then the image in bands of 6 rows, `ESC \` at the end.
///
/// Within a band every colour in use gets one line (`#n` then one sixel character per column,
/// `?` + the 6-bit column mask), with runs written as `!count c`; `$` returns to the band's start
/// for the next colour and `-` moves to the next band. Every pixel is painted by exactly one
/// colour, so the picture is opaque whatever the terminal does with the background (transparent
/// pixels are composited over `background` first).
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
        var out = ByteWriter(capacity: width * height / 3 + 16 * image.palette.count + 64)
        out.append(0x1B); out.append(UInt8(ascii: "P"))
        out.append("0;1;0q\"1;1;")
        out.appendDecimal(width); out.append(UInt8(ascii: ";")); out.appendDecimal(height)
        for (n, color) in image.palette.enumerated() {
            out.append(UInt8(ascii: "#")); out.appendDecimal(n); out.append(";2;")
            out.appendDecimal(percent(color.r)); out.append(UInt8(ascii: ";"))
            out.appendDecimal(percent(color.g)); out.append(UInt8(ascii: ";"))
            out.appendDecimal(percent(color.b))
        }
        let colorCount = image.palette.count
        // masks: [colors, width] the 6-bit column masks of each colour in the current band.
        var masks = [UInt8](repeating: 0, count: max(colorCount * width, 1))
        // used: [colors] whether the colour occurs in this band; order: the colours in first-seen order.
        var used = [Bool](repeating: false, count: colorCount)
        var order: [Int] = []
        order.reserveCapacity(colorCount)
        image.indices.withUnsafeBufferPointer { indices in
            masks.withUnsafeMutableBufferPointer { masks in
                for bandTop in stride(from: 0, to: height, by: 6) {
                    let rows = min(6, height - bandTop)
                    for dy in 0..<rows {
                        let bit = UInt8(1) << UInt8(dy)
                        let row = indices.baseAddress! + (bandTop + dy) * width
                        for x in 0..<width {
                            let c = Int(row[x])
                            masks[c * width + x] |= bit
                            if !used[c] { used[c] = true; order.append(c) }
                        }
                    }
                    if bandTop > 0 { out.append(UInt8(ascii: "-")) }
                    for (k, c) in order.enumerated() {
                        if k > 0 { out.append(UInt8(ascii: "$")) }
                        out.append(UInt8(ascii: "#")); out.appendDecimal(c)
                        let line = masks.baseAddress! + c * width
                        writeRuns(line, count: width, to: &out)
                        line.update(repeating: 0, count: width)
                        used[c] = false
                    }
                    order.removeAll(keepingCapacity: true)
                }
            }
        }
        out.append(0x1B); out.append(UInt8(ascii: "\\"))
        return out.bytes
    }

    /// Writes one colour's line of column masks as sixel characters, runs of 4 or more as
    /// `!n c`, leaving out trailing empty columns.
    @inline(__always)
    static func writeRuns(_ line: UnsafeMutablePointer<UInt8>, count: Int, to out: inout ByteWriter) {
        var end = count
        while end > 0 && line[end - 1] == 0 { end -= 1 }
        var x = 0
        while x < end {
            let mask = line[x]
            var run = 1
            while x + run < end && line[x + run] == mask { run += 1 }
            let character = mask + 63
            if run >= 4 {
                out.append(UInt8(ascii: "!")); out.appendDecimal(run); out.append(character)
            } else {
                for _ in 0..<run { out.append(character) }
            }
            x += run
        }
    }
}
