/// Encodes a raster as DEC Sixel: `ESC P q` (default parameters, as libsixel writes: background
/// mode, not transparent), raster attributes `"1;1;W;H` (square pixels, overriding the default 2:1),
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
        out.append("q\"1;1;")
        out.appendDecimal(width); out.append(UInt8(ascii: ";")); out.appendDecimal(height)
        for (n, color) in image.palette.enumerated() {
            out.append(UInt8(ascii: "#")); out.appendDecimal(n); out.append(";2;")
            out.appendDecimal(percent(color.r)); out.append(UInt8(ascii: ";"))
            out.appendDecimal(percent(color.g)); out.append(UInt8(ascii: ";"))
            out.appendDecimal(percent(color.b))
        }
        let colorCount = max(image.palette.count, 1)
        // masks: [colors, width] the 6-bit column masks of each colour in the current band.
        let masks = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: colorCount * max(width, 1))
        masks.initialize(repeating: 0)
        // first, last: [colors] the column range where the colour occurs in this band (first > last:
        // not in the band); order: the band's colours in first-seen order.
        let first = UnsafeMutableBufferPointer<Int>.allocate(capacity: colorCount)
        let last = UnsafeMutableBufferPointer<Int>.allocate(capacity: colorCount)
        let order = UnsafeMutableBufferPointer<Int>.allocate(capacity: colorCount)
        first.initialize(repeating: Int.max)
        last.initialize(repeating: -1)
        defer { masks.deallocate(); first.deallocate(); last.deallocate(); order.deallocate() }
        image.indices.withUnsafeBufferPointer { indices in
            for bandTop in stride(from: 0, to: height, by: 6) {
                var orderCount = 0
                for dy in 0..<min(6, height - bandTop) {
                    let bit = UInt8(1) << UInt8(dy)
                    let row = indices.baseAddress! + (bandTop + dy) * width
                    var x = 0
                    while x < width {
                        // A run of one colour: set its bit once per pixel, update its range once.
                        let c = Int(row[x])
                        let line = masks.baseAddress! + c * width
                        let runStart = x
                        repeat {
                            line[x] |= bit
                            x += 1
                        } while x < width && Int(row[x]) == c
                        if last[c] < 0 { order[orderCount] = c; orderCount += 1 }
                        if runStart < first[c] { first[c] = runStart }
                        if x - 1 > last[c] { last[c] = x - 1 }
                    }
                }
                if bandTop > 0 { out.append(UInt8(ascii: "-")) }
                for k in 0..<orderCount {
                    let c = order[k]
                    if k > 0 { out.append(UInt8(ascii: "$")) }
                    out.append(UInt8(ascii: "#")); out.appendDecimal(c)
                    let line = masks.baseAddress! + c * width
                    // Columns before `first` are empty: skip them with one run of `?`.
                    writeRuns(line, from: first[c], through: last[c], to: &out)
                    (line + first[c]).update(repeating: 0, count: last[c] - first[c] + 1)
                    first[c] = Int.max
                    last[c] = -1
                }
            }
        }
        out.append(0x1B); out.append(UInt8(ascii: "\\"))
        return out.bytes
    }

    /// Writes one colour's line of column masks as sixel characters: `from` empty columns as
    /// `?`, then the masks up to `through`; runs of 4 or more as `!n c`.
    @inline(__always)
    static func writeRuns(_ line: UnsafeMutablePointer<UInt8>, from start: Int, through end: Int,
                          to out: inout ByteWriter) {
        writeRun(of: 63, count: start, to: &out)
        var x = start
        while x <= end {
            let mask = line[x]
            var run = 1
            while x + run <= end && line[x + run] == mask { run += 1 }
            writeRun(of: mask + 63, count: run, to: &out)
            x += run
        }
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
