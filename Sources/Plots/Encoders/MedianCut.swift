/// Colour reduction by median cut (Heckbert 1982) on a 5-bit-per-channel histogram, for images
/// with more colours than palette registers.
///
/// Why this one: it is fast and deterministic. The histogram is one pass over the pixels; the cuts
/// work on at most 32768 bins, not on pixels; and each pixel is then mapped through a table from
/// its bin to the palette colour nearest that bin's mean (no search per pixel). The palette colour of a
/// box is the mean of its pixels, so the frequent exact colours of a plot (background, axes,
/// series) dominate their boxes and come out nearly exact, while rare anti-aliasing shades share
/// registers. The error is bounded by the box sizes: a few units per channel on plots, more on
/// noise (tests assert a bound).
public enum MedianCut {
    static let bits = 5
    static let side = 1 << bits

    struct Box {
        var lo: (Int, Int, Int), hi: (Int, Int, Int)
        var count: Int
    }

    /// Reduces `raster` (composited over `background`) to at most `maxColors` colours.
    public static func quantize(_ raster: Raster, maxColors: Int, background: RGBA) -> IndexedImage {
        let count = raster.width * raster.height
        // bins: [32, 32, 32] per-bin pixel counts; bin = r5 << 10 | g5 << 5 | b5.
        var counts = [Int](repeating: 0, count: side * side * side)
        // pixelBins: [height, width] the bin of each pixel, kept for the final mapping.
        var pixelBins = [UInt16](repeating: 0, count: count)
        // sums: [bins, 3] channel sums, for the mean colour of each box.
        var sums = [Int](repeating: 0, count: 3 * side * side * side)
        raster.pixels.withUnsafeBufferPointer { src in
            counts.withUnsafeMutableBufferPointer { counts in
                sums.withUnsafeMutableBufferPointer { sums in
                    pixelBins.withUnsafeMutableBufferPointer { pixelBins in
                        // Runs of one colour (most of a plot) are counted once per run.
                        var i = 0
                        while i < count {
                            let key = IndexedImage.opaqueKey(src.baseAddress! + 4 * i, background: background)
                            let r = Int(key >> 16), g = Int((key >> 8) & 0xFF), b = Int(key & 0xFF)
                            let bin = (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)
                            let runStart = i
                            repeat {
                                pixelBins[i] = UInt16(bin)
                                i += 1
                            } while i < count && IndexedImage.opaqueKey(src.baseAddress! + 4 * i, background: background) == key
                            let run = i - runStart
                            counts[bin] += run
                            sums[3 * bin] += r * run; sums[3 * bin + 1] += g * run; sums[3 * bin + 2] += b * run
                        }
                    }
                }
            }
        }

        var boxes = [shrink(Box(lo: (0, 0, 0), hi: (side - 1, side - 1, side - 1), count: count), counts)]
        while boxes.count < maxColors {
            // Split the box with the most pixels times its longest side; single-bin boxes cannot split.
            var best = -1, bestScore = 0
            for (n, box) in boxes.enumerated() {
                let longest = max(box.hi.0 - box.lo.0, box.hi.1 - box.lo.1, box.hi.2 - box.lo.2)
                let score = box.count * longest
                if score > bestScore { bestScore = score; best = n }
            }
            guard best >= 0 else { break }
            let (low, high) = split(boxes[best], counts)
            boxes[best] = low
            boxes.append(high)
        }

        // Palette colour = mean of the pixels in the box.
        var palette: [RGBA] = []
        for box in boxes {
            var total = 0, r = 0, g = 0, b = 0
            forEachBin(in: box) { bin in
                total += counts[bin]
                r += sums[3 * bin]; g += sums[3 * bin + 1]; b += sums[3 * bin + 2]
            }
            let half = max(total, 1) / 2, divisor = max(total, 1)
            palette.append(RGBA(UInt8((r + half) / divisor), UInt8((g + half) / divisor), UInt8((b + half) / divisor)))
        }
        // map: [bins] the palette entry nearest to the mean colour of each occupied bin. Nearest,
        // not "the box it fell in": a bin at the edge of a big box is often closer to a neighbour.
        var map = [UInt8](repeating: 0, count: side * side * side)
        let paletteChannels = palette.flatMap { [Int($0.r), Int($0.g), Int($0.b)] }
        paletteChannels.withUnsafeBufferPointer { p in
            for bin in 0..<(side * side * side) where counts[bin] > 0 {
                let n = counts[bin], half = n / 2
                let r = (sums[3 * bin] + half) / n, g = (sums[3 * bin + 1] + half) / n, b = (sums[3 * bin + 2] + half) / n
                var best = 0, bestDistance = Int.max
                for k in 0..<palette.count {
                    let dr = p[3 * k] - r, dg = p[3 * k + 1] - g, db = p[3 * k + 2] - b
                    let distance = dr * dr + dg * dg + db * db
                    if distance < bestDistance { bestDistance = distance; best = k }
                }
                map[bin] = UInt8(best)
            }
        }
        var indices = [UInt8](repeating: 0, count: count)
        map.withUnsafeBufferPointer { map in
            for i in 0..<count { indices[i] = map[Int(pixelBins[i])] }
        }
        return IndexedImage(width: raster.width, height: raster.height, palette: palette, indices: indices, isExact: false)
    }

    @inline(__always)
    static func forEachBin(in box: Box, _ body: (Int) -> Void) {
        for r in box.lo.0...box.hi.0 {
            for g in box.lo.1...box.hi.1 {
                for b in box.lo.2...box.hi.2 { body(r << 10 | g << 5 | b) }
            }
        }
    }

    /// The box reduced to the bounds of its non-empty bins.
    static func shrink(_ box: Box, _ counts: [Int]) -> Box {
        var lo = (side, side, side), hi = (-1, -1, -1)
        forEachBin(in: box) { bin in
            guard counts[bin] > 0 else { return }
            let r = bin >> 10, g = (bin >> 5) & 31, b = bin & 31
            lo = (min(lo.0, r), min(lo.1, g), min(lo.2, b))
            hi = (max(hi.0, r), max(hi.1, g), max(hi.2, b))
        }
        guard hi.0 >= 0 else { return Box(lo: box.lo, hi: box.lo, count: 0) }
        return Box(lo: lo, hi: hi, count: box.count)
    }

    /// Cuts the box across its longest side at the pixel median; both halves keep at least one
    /// occupied bin.
    static func split(_ box: Box, _ counts: [Int]) -> (Box, Box) {
        let extents = [box.hi.0 - box.lo.0, box.hi.1 - box.lo.1, box.hi.2 - box.lo.2]
        let axis = extents.firstIndex(of: extents.max()!)!
        let lo = [box.lo.0, box.lo.1, box.lo.2][axis], hi = [box.hi.0, box.hi.1, box.hi.2][axis]
        // projection: [side] pixels per slice along the axis.
        var projection = [Int](repeating: 0, count: side)
        forEachBin(in: box) { bin in
            let coordinate = axis == 0 ? bin >> 10 : axis == 1 ? (bin >> 5) & 31 : bin & 31
            projection[coordinate] += counts[bin]
        }
        var cut = lo, running = projection[lo]
        while cut < hi - 1 && running * 2 < box.count {
            cut += 1
            running += projection[cut]
        }
        var low = box, high = box
        switch axis {
        case 0: low.hi.0 = cut; high.lo.0 = cut + 1
        case 1: low.hi.1 = cut; high.lo.1 = cut + 1
        default: low.hi.2 = cut; high.lo.2 = cut + 1
        }
        low.count = running
        high.count = box.count - running
        return (shrink(low, counts), shrink(high, counts))
    }
}
