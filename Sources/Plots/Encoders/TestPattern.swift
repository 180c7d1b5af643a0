import Foundation

/// Synthetic images with known properties, for encoder tests, `nv-bench-plots` and the test
/// picture of `nv --doctor`. They are drawn with plain loops, not the chart code, so that they
/// exist independently of it.
public enum TestPattern {
    /// A 2x2 grid of line-chart panels: white background, gray grid, black axes, three sine curves
    /// per panel in class colours, 2 px thick. With `antialiased` the curve edges are blended
    /// into the background (hundreds of colours, like real anti-aliased plots); without it the
    /// image has fewer than 16 colours.
    public static func plot(width: Int, height: Int, antialiased: Bool = true) -> Raster {
        var raster = Raster(width: width, height: height, fill: .white)
        let colors = [RGBA(31, 119, 180), RGBA(255, 127, 14), RGBA(44, 160, 44), RGBA(214, 39, 40)]
        let grid = RGBA(225, 225, 225), axis = RGBA(40, 40, 40)
        let panelW = width / 2, panelH = height / 2
        for panel in 0..<4 {
            let x0 = (panel % 2) * panelW + max(panelW / 10, 1), y0 = (panel / 2) * panelH + max(panelH / 10, 1)
            let x1 = (panel % 2) * panelW + panelW - 4, y1 = (panel / 2) * panelH + panelH - max(panelH / 8, 1)
            guard x1 > x0 + 2, y1 > y0 + 2 else { continue }
            for k in 1..<5 {
                let gx = x0 + (x1 - x0) * k / 5, gy = y0 + (y1 - y0) * k / 5
                for y in y0...y1 { raster[gx, y] = grid }
                for x in x0...x1 { raster[x, gy] = grid }
            }
            for y in y0...y1 { raster[x0, y] = axis; raster[x0 + 1, y] = axis }
            for x in x0...x1 { raster[x, y1] = axis; raster[x, y1 - 1] = axis }
            for series in 0..<3 {
                let color = colors[(panel + series) % colors.count]
                let amplitude = Double(y1 - y0) * 0.4, middle = Double(y0 + y1) / 2
                for x in (x0 + 2)..<x1 {
                    let t = Double(x - x0) / Double(x1 - x0)
                    let curve = middle - amplitude * sin(t * Double(2 + panel) * .pi + Double(series))
                        * exp(-Double(series) * t)
                    let top = max(Int(curve) - 2, y0), bottom = min(Int(curve) + 3, y1 - 2)
                    guard top <= bottom else { continue }
                    for y in top...bottom {
                        // Coverage of a 2 px line centred on the curve, by vertical distance.
                        let coverage = min(max(1.5 - abs(Double(y) + 0.5 - curve), 0), 1)
                        let alpha = antialiased ? coverage : (coverage >= 0.5 ? 1 : 0)
                        if alpha > 0 { raster[x, y] = blend(color, over: raster[x, y], alpha: alpha) }
                    }
                }
            }
        }
        return raster
    }

    /// A smooth opaque gradient: red across, green down, blue along the diagonal. Every channel
    /// takes many values, and the image has more than 256 colours when it is large enough.
    public static func gradient(width: Int, height: Int) -> Raster {
        var raster = Raster(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                raster[x, y] = RGBA(UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)),
                                    UInt8((x + y) * 255 / max(width + height - 2, 1)))
            }
        }
        return raster
    }

    /// Uniform random colours (opaque unless `alpha`), drawn from `generator` (the caller
    /// passes a seeded one, so the picture is the same on every run).
    public static func noise(width: Int, height: Int, using generator: inout some RandomNumberGenerator,
                             alpha: Bool = false) -> Raster {
        var raster = Raster(width: width, height: height)
        for i in 0..<raster.pixels.count {
            raster.pixels[i] = UInt8(truncatingIfNeeded: generator.next() >> 56)
            if !alpha && i % 4 == 3 { raster.pixels[i] = 255 }
        }
        return raster
    }

    /// `top` alpha-blended over `bottom` with coverage `alpha` in 0...1 (straight alpha).
    static func blend(_ top: RGBA, over bottom: RGBA, alpha: Double) -> RGBA {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * alpha + Double(b) * (1 - alpha)).rounded()) }
        return RGBA(mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b), 255)
    }
}
