/// Per-pixel coverage collected over a box before it is blended once.
///
/// A polyline's segments overlap at every joint, and a noisy curve's segments overlap a lot;
/// blending each segment separately would stack their anti-aliased edges into hard, dark
/// edges (and darken translucent lines at joints). Taking the maximum coverage per pixel first
/// and blending once keeps every edge soft and every joint even.
struct CoverageMask {
    /// The pixels the mask covers (inside the raster's clip).
    let box: PixelBox
    /// values: [box height, box width], coverage in [0, 1].
    var values: [Float]
    /// spans: [box height] the columns ever written in each row, as (first, end); empty rows
    /// have first >= end. Blending visits only these.
    var spanStart: [Int]
    var spanEnd: [Int]

    /// The largest area, in pixels, one mask may take (16 MB of Float); larger shapes are
    /// drawn a piece at a time.
    static let maximumArea = 4_000_000

    init(box: PixelBox) {
        self.box = box
        let rows = max(0, box.maxY - box.minY)
        values = [Float](repeating: 0, count: max(0, box.maxX - box.minX) * rows)
        spanStart = [Int](repeating: Int.max, count: rows)
        spanEnd = [Int](repeating: Int.min, count: rows)
    }
}

extension Raster {
    /// Blends `color` into the raster by the coverage in `mask`.
    mutating func blend(_ mask: CoverageMask, color: RGBA) {
        let box = mask.box
        guard !box.isEmpty else { return }
        let paint = Paint(color)
        let w = width, maskWidth = box.maxX - box.minX
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            mask.values.withUnsafeBufferPointer { coverage in
                for y in box.minY..<box.maxY {
                    let first = mask.spanStart[y - box.minY], end = mask.spanEnd[y - box.minY]
                    guard first < end else { continue }
                    let row = (y - box.minY) * maskWidth - box.minX
                    var p = base + (y * w + first) * 4
                    for x in first..<end {
                        let c = coverage[row + x]
                        if c > 0 { paint.blend(into: p, alpha: paint.alpha(Double(c))) }
                        p += 4
                    }
                }
            }
        }
    }
}
