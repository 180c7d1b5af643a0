/// Downsamples a raster to a smaller grid by area averaging: each output cell is the mean of the
/// source pixels it covers, fractional edges weighted by the covered fraction. Transparent
/// pixels are composited over a background first, so the result is opaque.
///
/// This is what the text encoders see: a plot shrunk to a few dozen columns keeps its thin lines
/// as lighter shades instead of dropping them, as point sampling would.
struct AreaSampler {
    /// Output size in cells.
    let width: Int, height: Int
    /// rgb: [height, width, 3] mean colour of each cell, 0...255.
    let rgb: [Float]

    init(_ raster: Raster, width: Int, height: Int, background: RGBA) {
        self.width = width
        self.height = height
        let xWeights = AreaSampler.weights(from: raster.width, to: width)
        let yWeights = AreaSampler.weights(from: raster.height, to: height)
        let bg = (Float(background.r), Float(background.g), Float(background.b))
        // rows: [sourceHeight, width, 3] after the horizontal pass, composited over the background.
        var rows = [Float](repeating: 0, count: raster.height * width * 3)
        raster.pixels.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { rows in
                for y in 0..<raster.height {
                    let line = src.baseAddress! + y * raster.width * 4
                    for (x, taps) in xWeights.enumerated() {
                        var r: Float = 0, g: Float = 0, b: Float = 0
                        for (sx, w) in taps {
                            let p = line + 4 * sx
                            let a = Float(p[3]) * (1 / 255)
                            r += w * (Float(p[0]) * a + bg.0 * (1 - a))
                            g += w * (Float(p[1]) * a + bg.1 * (1 - a))
                            b += w * (Float(p[2]) * a + bg.2 * (1 - a))
                        }
                        let o = (y * width + x) * 3
                        rows[o] = r; rows[o + 1] = g; rows[o + 2] = b
                    }
                }
            }
        }
        var out = [Float](repeating: 0, count: width * height * 3)
        rows.withUnsafeBufferPointer { rows in
            out.withUnsafeMutableBufferPointer { out in
                for (y, taps) in yWeights.enumerated() {
                    let target = out.baseAddress! + y * width * 3
                    for (sy, w) in taps {
                        let source = rows.baseAddress! + sy * width * 3
                        for i in 0..<(width * 3) { target[i] += w * source[i] }
                    }
                }
            }
        }
        rgb = out
    }

    /// The cell's colour, rounded.
    func color(x: Int, y: Int) -> RGBA {
        let i = (y * width + x) * 3
        func byte(_ v: Float) -> UInt8 { UInt8(min(max(v.rounded(), 0), 255)) }
        return RGBA(byte(rgb[i]), byte(rgb[i + 1]), byte(rgb[i + 2]))
    }

    /// The cell's luminance 0...1 (Rec. 709 weights on the sRGB values; good enough for a ramp).
    func luminance(x: Int, y: Int) -> Float {
        let i = (y * width + x) * 3
        return (0.2126 * rgb[i] + 0.7152 * rgb[i + 1] + 0.0722 * rgb[i + 2]) / 255
    }

    /// For each output index, the source indices it covers and their weights (summing to 1).
    static func weights(from source: Int, to target: Int) -> [[(Int, Float)]] {
        let scale = Double(source) / Double(target)
        return (0..<target).map { t in
            let start = Double(t) * scale, end = Double(t + 1) * scale
            var taps: [(Int, Float)] = []
            var s = Int(start)
            while Double(s) < end && s < source {
                let covered = min(end, Double(s + 1)) - max(start, Double(s))
                if covered > 0 { taps.append((s, Float(covered / scale))) }
                s += 1
            }
            return taps
        }
    }
}
