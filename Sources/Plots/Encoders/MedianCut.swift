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

    /// A box of the colour cube, kept as the list of its occupied bins (a plot has a few thousand
    /// of the 32768), so splitting costs the number of colours present, not the box's volume.
    struct Box {
        var bins: [Int]
        var count: Int
        var lo: (Int, Int, Int), hi: (Int, Int, Int)

        init(bins: [Int], counts: UnsafeBufferPointer<Int>) {
            self.bins = bins
            var total = 0
            var lo = (side, side, side), hi = (-1, -1, -1)
            for bin in bins {
                total += counts[bin]
                let r = bin >> 10, g = (bin >> 5) & 31, b = bin & 31
                lo = (min(lo.0, r), min(lo.1, g), min(lo.2, b))
                hi = (max(hi.0, r), max(hi.1, g), max(hi.2, b))
            }
            self.count = total
            self.lo = lo
            self.hi = hi
        }

        /// The longest side, in bins (0 for a box of one bin, which cannot be split).
        var longestSide: Int { max(max(hi.0 - lo.0, hi.1 - lo.1), hi.2 - lo.2) }
    }

    /// Reduces `raster` (composited over `background`) to at most `maxColors` colours.
    public static func quantize(_ raster: Raster, maxColors: Int, background: RGBA) -> IndexedImage {
        let count = raster.width * raster.height
        guard count > 0 else {
            return IndexedImage(width: raster.width, height: raster.height, palette: [background], indices: [],
                                isExact: true)
        }
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
                        // Runs of one colour (most of a plot) are counted once per run; a run is
                        // found by comparing whole 4-byte pixels.
                        let words = UnsafeRawPointer(src.baseAddress!)
                        var i = 0
                        while i < count {
                            let word = words.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                            let key = IndexedImage.opaqueKey(src.baseAddress! + 4 * i, background: background)
                            let r = Int(key >> 16), g = Int((key >> 8) & 0xFF), b = Int(key & 0xFF)
                            let bin = (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)
                            let runStart = i
                            repeat {
                                pixelBins[i] = UInt16(bin)
                                i += 1
                            } while i < count && words.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self) == word
                            let run = i - runStart
                            counts[bin] += run
                            sums[3 * bin] += r * run; sums[3 * bin + 1] += g * run; sums[3 * bin + 2] += b * run
                        }
                    }
                }
            }
        }

        var boxes: [Box] = []
        var palette: [RGBA] = []
        counts.withUnsafeBufferPointer { counts in
            boxes = [Box(bins: (0..<(side * side * side)).filter { counts[$0] > 0 }, counts: counts)]
            while boxes.count < maxColors {
                // Split the box with the most pixels times its longest side.
                var best = -1, bestScore = 0
                for (n, box) in boxes.enumerated() where box.count * box.longestSide > bestScore {
                    bestScore = box.count * box.longestSide
                    best = n
                }
                guard best >= 0 else { break }
                let (low, high) = split(boxes[best], counts)
                boxes[best] = low
                boxes.append(high)
            }
            // Palette colour = mean of the pixels in the box.
            for box in boxes {
                var r = 0, g = 0, b = 0
                for bin in box.bins { r += sums[3 * bin]; g += sums[3 * bin + 1]; b += sums[3 * bin + 2] }
                let divisor = max(box.count, 1), half = divisor / 2
                palette.append(RGBA(UInt8((r + half) / divisor), UInt8((g + half) / divisor), UInt8((b + half) / divisor)))
            }
        }
        if palette.isEmpty { palette = [background] }
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
        let indices = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            map.withUnsafeBufferPointer { map in
                pixelBins.withUnsafeBufferPointer { bins in
                    for i in 0..<count { out[i] = map[Int(bins[i])] }
                }
            }
            initialized = count
        }
        return IndexedImage(width: raster.width, height: raster.height, palette: palette, indices: indices, isExact: false)
    }

    /// Cuts the box across its longest side at the pixel median; both halves keep at least one
    /// occupied bin.
    static func split(_ box: Box, _ counts: UnsafeBufferPointer<Int>) -> (Box, Box) {
        let extents = [box.hi.0 - box.lo.0, box.hi.1 - box.lo.1, box.hi.2 - box.lo.2]
        let axis = extents.firstIndex(of: box.longestSide) ?? 0
        let shift = [10, 5, 0][axis]
        let lo = [box.lo.0, box.lo.1, box.lo.2][axis], hi = [box.hi.0, box.hi.1, box.hi.2][axis]
        // projection: [side] pixels per slice along the axis.
        var projection = [Int](repeating: 0, count: side)
        for bin in box.bins { projection[(bin >> shift) & 31] += counts[bin] }
        var cut = lo, running = projection[lo]
        while cut < hi - 1 && running * 2 < box.count {
            cut += 1
            running += projection[cut]
        }
        var low: [Int] = [], high: [Int] = []
        for bin in box.bins {
            if (bin >> shift) & 31 <= cut { low.append(bin) } else { high.append(bin) }
        }
        return (Box(bins: low, counts: counts), Box(bins: high, counts: counts))
    }
}
