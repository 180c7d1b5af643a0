@testable import Plots

/// The images every encoder is checked on: gradients, a plot with few colours and one with
/// anti-aliased edges, random noise, 1x1, odd sizes (height not a multiple of 6) and transparency.
enum TestImages {
    static func withTransparency() -> Raster {
        var raster = TestPattern.gradient(width: 19, height: 11)
        for y in 0..<11 {
            for x in 0..<19 where (x + y) % 3 == 0 {
                raster[x, y] = x % 2 == 0 ? .clear : RGBA(200, 10, 10, 128)
            }
        }
        return raster
    }

    static func onePixel() -> Raster { Raster(width: 1, height: 1, fill: RGBA(12, 200, 99)) }

    /// Name and image, for parameterised tests.
    static let all: [(String, Raster)] = [
        ("gradient 64x48", TestPattern.gradient(width: 64, height: 48)),
        ("gradient 37x13", TestPattern.gradient(width: 37, height: 13)),
        ("gradient 15x17", TestPattern.gradient(width: 15, height: 17)),
        ("plot few colours 120x70", TestPattern.plot(width: 120, height: 70, antialiased: false)),
        ("plot anti-aliased 121x71", TestPattern.plot(width: 121, height: 71, antialiased: true)),
        ("noise 33x17", TestPattern.noise(width: 33, height: 17, seed: 7)),
        ("noise with alpha 20x9", TestPattern.noise(width: 20, height: 9, seed: 8, alpha: true)),
        ("1x1", onePixel()),
        ("odd 5x7", TestPattern.gradient(width: 5, height: 7)),
        ("transparent", withTransparency()),
        ("fully transparent 4x3", Raster(width: 4, height: 3, fill: .clear)),
    ]

    static var names: [String] { all.map(\.0) }
    static func named(_ name: String) -> Raster { all.first { $0.0 == name }!.1 }

    /// Largest per-channel difference between two rasters of the same size (RGB only).
    static func maxColorError(_ a: Raster, _ b: Raster) -> Int {
        var worst = 0
        for i in 0..<a.pixels.count where i % 4 != 3 {
            worst = max(worst, abs(Int(a.pixels[i]) - Int(b.pixels[i])))
        }
        return worst
    }

    /// `raster` with every pixel composited over an opaque `background` (straight alpha), rounded
    /// the way the encoders that cannot carry alpha do it.
    static func flattened(_ raster: Raster, over background: RGBA) -> Raster {
        var out = raster
        for i in stride(from: 0, to: out.pixels.count, by: 4) {
            let a = Int(out.pixels[i + 3])
            let bg = [background.r, background.g, background.b]
            for c in 0..<3 {
                out.pixels[i + c] = UInt8((Int(out.pixels[i + c]) * a + Int(bg[c]) * (255 - a) + 127) / 255)
            }
            out.pixels[i + 3] = 255
        }
        return out
    }
}
