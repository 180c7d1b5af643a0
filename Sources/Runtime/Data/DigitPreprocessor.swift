/// Turns a picture of one handwritten digit into a model input the way MNIST's digits were made:
/// ink bright on black, cropped to the ink, scaled to fit a 20/28 box keeping the aspect ratio,
/// and centred by the centre of mass in the full square.
///
/// Steps: (1) the background is the median of the border pixels; a light background (> 0.5) is
/// inverted, so dark ink on paper and light ink on a dark screen both become bright ink;
/// (2) ink = value − background level, rescaled so the strongest ink is 1 (a gray pencil stroke
/// counts as much as black ink); (3) the bounding box of pixels above `inkThreshold` is cropped;
/// (4) the crop is area-averaged into a box of round(side · 20/28) on its longer side;
/// (5) the box is placed so that its centre of mass falls on the centre of the `side` x `side`
/// square (whole-pixel shift, clamped inside the square). Decoding the file is not done here:
/// the Runtime sees only gray values.
public enum DigitPreprocessor {
    /// Ink below this fraction of the strongest ink is background (paper grain, JPEG noise).
    public static let inkThreshold: Float = 0.2
    /// The largest picture accepted, in pixels (4096 x 4096).
    public static let maxPixels = 1 << 24

    /// The model input `[side, side]` (0 = background, 1 = strongest ink) for a grayscale picture
    /// `gray` `[height, width]` with 0 = black and 1 = white.
    /// - Throws: `RuntimeError` for an empty or oversized picture, or one without ink.
    public static func prepare(gray: [Float], width: Int, height: Int, side: Int) throws -> [Float] {
        guard width > 0, height > 0 else { throw RuntimeError("the image is empty (\(width)x\(height) pixels)") }
        guard width <= maxPixels / height else {
            throw RuntimeError("the image is \(width)x\(height) pixels, more than the \(maxPixels) accepted; scale it down first")
        }
        guard gray.count == width * height else {
            throw RuntimeError("\(gray.count) gray values do not make a \(width)x\(height) image")
        }
        guard side >= 4 else { throw RuntimeError("the model's input side \(side) is too small for a digit") }
        // ink: [height, width], 0 = background.
        var border: [Float] = []
        for x in 0..<width { border.append(gray[x]); border.append(gray[(height - 1) * width + x]) }
        for y in 0..<height { border.append(gray[y * width]); border.append(gray[y * width + width - 1]) }
        border.sort()
        let background = border[border.count / 2]
        let invert = background > 0.5
        var ink = gray.map { v -> Float in
            let value = v.isFinite ? min(max(v, 0), 1) : 0
            return invert ? max(0, background - value) : max(0, value - background)
        }
        let strongest = ink.max() ?? 0
        guard strongest > 0.05 else {
            throw RuntimeError("the image has no ink: it is one even colour (\(width)x\(height) pixels); draw a digit on it")
        }
        for i in ink.indices { ink[i] = ink[i] / strongest < inkThreshold ? 0 : ink[i] / strongest }
        var minX = width, maxX = -1, minY = height, maxY = -1
        for y in 0..<height {
            for x in 0..<width where ink[y * width + x] > 0 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        let cropW = maxX - minX + 1, cropH = maxY - minY + 1
        let box = max(1, Int((Double(side) * 20 / 28).rounded()))
        let scale = Double(box) / Double(max(cropW, cropH))
        let boxW = max(1, min(box, Int((Double(cropW) * scale).rounded())))
        let boxH = max(1, min(box, Int((Double(cropH) * scale).rounded())))
        // scaled: [boxH, boxW], each cell the mean of the crop pixels it covers (area sampling).
        var scaled = [Float](repeating: 0, count: boxW * boxH)
        for by in 0..<boxH {
            let y0 = Double(by) * Double(cropH) / Double(boxH), y1 = Double(by + 1) * Double(cropH) / Double(boxH)
            for bx in 0..<boxW {
                let x0 = Double(bx) * Double(cropW) / Double(boxW), x1 = Double(bx + 1) * Double(cropW) / Double(boxW)
                scaled[by * boxW + bx] = Float(areaMean(ink, width: width, left: Double(minX) + x0, right: Double(minX) + x1,
                                                        top: Double(minY) + y0, bottom: Double(minY) + y1))
            }
        }
        let peak = scaled.max() ?? 1
        if peak > 0 { for i in scaled.indices { scaled[i] = min(1, scaled[i] / peak) } }
        var mass = 0.0, cx = 0.0, cy = 0.0
        for y in 0..<boxH {
            for x in 0..<boxW {
                let v = Double(scaled[y * boxW + x])
                mass += v; cx += v * (Double(x) + 0.5); cy += v * (Double(y) + 0.5)
            }
        }
        cx = mass > 0 ? cx / mass : Double(boxW) / 2
        cy = mass > 0 ? cy / mass : Double(boxH) / 2
        let left = min(max(0, Int((Double(side) / 2 - cx).rounded())), side - boxW)
        let top = min(max(0, Int((Double(side) / 2 - cy).rounded())), side - boxH)
        var out = [Float](repeating: 0, count: side * side)
        for y in 0..<boxH { for x in 0..<boxW { out[(top + y) * side + left + x] = scaled[y * boxW + x] } }
        return out
    }

    /// The mean of `values` `[_, width]` over the rectangle [left, right) x [top, bottom) in
    /// pixel coordinates, weighting partly covered pixels by their covered area.
    static func areaMean(_ values: [Float], width: Int, left: Double, right: Double, top: Double, bottom: Double) -> Double {
        var sum = 0.0, area = 0.0
        let rows = values.count / max(width, 1)
        var y = Int(top.rounded(.down))
        while Double(y) < bottom && y < rows {
            let h = min(bottom, Double(y + 1)) - max(top, Double(y))
            var x = Int(left.rounded(.down))
            while Double(x) < right && x < width {
                let w = min(right, Double(x + 1)) - max(left, Double(x))
                if w > 0, h > 0 { sum += Double(values[y * width + x]) * w * h; area += w * h }
                x += 1
            }
            y += 1
        }
        return area > 0 ? sum / area : 0
    }
}
