import Plots

/// The doctor's test picture, drawn with plain pixel writes so it depends on nothing but
/// `Raster`: a colour gradient (hue across, brightness down) with a white ring and a dark
/// diagonal, so orientation, colour and scaling errors all show.
public enum TestPicture {
    /// The picture as a figure, designed at 320x160 pixels.
    public static let figure = Figure(preferredWidth: 320, preferredHeight: 160) { width, height in
        draw(width: max(1, width), height: max(1, height))
    }

    /// Draws the picture at `width` x `height` pixels.
    public static func draw(width: Int, height: Int) -> Raster {
        var raster = Raster(width: width, height: height)
        let centerX = Double(width) * 0.7, centerY = Double(height) * 0.5
        let radius = Double(min(width, height)) * 0.3
        let ringWidth = max(1.5, radius * 0.15)
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(max(1, width - 1))
                let v = Double(y) / Double(max(1, height - 1))
                var color = RGBA(channel(u), channel(1 - abs(2 * u - 1)), channel(1 - u))
                color = RGBA(scaled(color.r, 1 - 0.6 * v), scaled(color.g, 1 - 0.6 * v),
                             scaled(color.b, 1 - 0.6 * v))
                let distance = ((Double(x) - centerX) * (Double(x) - centerX)
                    + (Double(y) - centerY) * (Double(y) - centerY)).squareRoot()
                if abs(distance - radius) < ringWidth { color = .white }
                if abs(Double(x) * Double(height) / Double(width) - Double(y)) < 1.5 {
                    color = RGBA(20, 20, 30)
                }
                raster[x, y] = color
            }
        }
        return raster
    }

    private static func channel(_ value: Double) -> UInt8 {
        UInt8(max(0, min(255, (value * 255).rounded())))
    }

    private static func scaled(_ value: UInt8, _ factor: Double) -> UInt8 {
        UInt8(max(0, min(255, (Double(value) * factor).rounded())))
    }
}
