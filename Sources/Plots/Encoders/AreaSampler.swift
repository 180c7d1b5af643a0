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
        let source = AreaSampler.opaque(raster, background: background)
        let xWeights = AreaSampler.weights(from: raster.width, to: width)
        let yWeights = AreaSampler.weights(from: raster.height, to: height)
        // rows: [sourceHeight, width, 3] after the horizontal pass.
        var rows = [Float](repeating: 0, count: raster.height * width * 3)
        for y in 0..<raster.height {
            for (x, taps) in xWeights.enumerated() {
                var r: Float = 0, g: Float = 0, b: Float = 0
                for (sx, w) in taps {
                    let i = (y * raster.width + sx) * 3
                    r += w * source[i]; g += w * source[i + 1]; b += w * source[i + 2]
                }
                let o = (y * width + x) * 3
                rows[o] = r; rows[o + 1] = g; rows[o + 2] = b
            }
        }
        var out = [Float](repeating: 0, count: width * height * 3)
        for (y, taps) in yWeights.enumerated() {
            for (sy, w) in taps {
                for i in 0..<(width * 3) { out[y * width * 3 + i] += w * rows[sy * width * 3 + i] }
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

    /// source: [height, width, 3] the raster composited over `background`, as floats.
    static func opaque(_ raster: Raster, background: RGBA) -> [Float] {
        let count = raster.width * raster.height
        var out = [Float](repeating: 0, count: count * 3)
        let bg = [Float(background.r), Float(background.g), Float(background.b)]
        for i in 0..<count {
            let a = Float(raster.pixels[4 * i + 3]) / 255
            for c in 0..<3 { out[3 * i + c] = Float(raster.pixels[4 * i + c]) * a + bg[c] * (1 - a) }
        }
        return out
    }
}
