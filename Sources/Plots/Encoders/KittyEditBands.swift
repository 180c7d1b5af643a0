/// Cuts a kitty edit's box into bands of rows whose deflated payload fits in one chunk (kitty 0.26
/// takes the later chunks of a chunked `a=f` as a new image), choosing the cuts before deflating.
///
/// Deflating the whole box to learn how many bands it needs, then deflating the bands, did the
/// deflate work of a large box twice. Instead each row gets a cost from one cheap pass over its
/// pixels (a pixel equal to its left neighbour is nearly free in deflate, one equal to the pixel
/// above starts a match, any other is a literal), and a band takes rows while its predicted
/// payload stays under `fill` of a chunk. The bytes per cost unit are learnt from the bands
/// already deflated (those of the same box first: a box of text and one of a heatmap differ), so
/// the prediction follows the picture; a band whose payload still overflows is cut again at the
/// learnt rate, so only that band is deflated twice.
///
/// One planner serves a run of boxes in order (what it learnt carries over); the bands, and so the
/// bytes, depend only on the boxes and their order.
struct KittyEditBands {
    /// The payload of one band predicted before the rows' pixels: the zlib header and Adler-32,
    /// and the Huffman tables of a dynamic block.
    static let bandOverhead = 40.0
    /// The share of a chunk's payload a planned band aims at: the margin keeps overflows (a
    /// second deflate of the band) rare. Over the XOR and CNN runs of `nv-bench-plots --run`,
    /// 0.9 gave the bytes of deflating whole boxes first; 0.85 cut more bands, 0.95 overflowed
    /// more often.
    static let fill = 0.9
    /// The rate assumed before any band is deflated, and its weight in cost units: about 2.5
    /// bytes per literal pixel of deflated RGB.
    static let priorRate = 2.5, priorWeight = 400.0
    /// The weight, in cost units, of the rate learnt from earlier boxes when predicting the next
    /// band of a box already partly deflated.
    static let boxPriorWeight = 200.0

    /// Deflated bytes (beyond `bandOverhead`) and cost units of the bands deflated so far.
    private var learntBytes = 0.0, learntCost = 0.0
    /// How many bands were deflated twice because their payload overflowed a chunk.
    private(set) var overflows = 0

    /// Predicted payload bytes per cost unit, from the bands of earlier boxes.
    var rate: Double { (Self.priorRate * Self.priorWeight + learntBytes) / (Self.priorWeight + learntCost) }

    /// The edits (`a=f,r=1`) that replace `box` of the image with `raster`'s pixels there, each in
    /// one chunk unless a single row's payload needs more.
    mutating func encode(_ raster: Raster, box: PixelBox, options: KittyEncoder.Options) -> [UInt8] {
        let costs = Self.rowCosts(raster, box: box)
        let budget = Double(options.chunkSize / 4 * 3) * Self.fill
        var output: [UInt8] = []
        // boxRate: bytes per cost unit in this box's bands so far, leaning on `rate`.
        var boxBytes = 0.0, boxCost = 0.0, boxRate = rate
        var top = 0
        while top < costs.count {
            var end = Self.plannedEnd(costs, from: top, budget: budget, rate: boxRate)
            while true {
                let band = PixelBox(minX: box.minX, minY: box.minY + top, maxX: box.maxX, maxY: box.minY + end)
                let (keys, payload) = KittyEncoder.encodedPixels(FrameDifference.crop(raster, to: band), options: options)
                let bytes = max(Double(payload.count) - Self.bandOverhead, 0), cost = costs[top..<end].reduce(0, +)
                learntBytes += bytes; learntCost += cost
                boxBytes += bytes; boxCost += cost
                boxRate = (boxBytes + rate * Self.boxPriorWeight) / (boxCost + Self.boxPriorWeight)
                if Base64.encodedCount(payload.count) <= options.chunkSize || end - top == 1 {
                    let first = "a=f,r=1,x=\(band.minX),y=\(band.minY),X=1," + keys + ",i=\(options.imageID),q=2"
                    output += KittyEncoder.chunked(KittyEncoder.base64(payload), firstKeys: Array(first.utf8), options: options)
                    break
                }
                overflows += 1
                end = min(Self.plannedEnd(costs, from: top, budget: budget, rate: boxRate), end - 1)
            }
            top = end
        }
        return output
    }

    /// The end (exclusive) of the band starting at row `top`: at least one row, then rows while
    /// the payload predicted at `rate` bytes per cost unit stays within `budget`.
    static func plannedEnd(_ costs: [Double], from top: Int, budget: Double, rate: Double) -> Int {
        var end = top + 1, cost = costs[top]
        while end < costs.count && bandOverhead + rate * (cost + costs[end]) <= budget {
            cost += costs[end]
            end += 1
        }
        return end
    }

    /// Each row's cost in `box`: 1 for a pixel unlike its left and upper neighbours (a literal),
    /// 1/4 for one unlike its left neighbour but equal to the one above (a match starts), 0 for
    /// one equal to its left neighbour (a run goes on). The first row has no upper neighbour.
    static func rowCosts(_ raster: Raster, box: PixelBox) -> [Double] {
        let width = raster.width
        return raster.pixels.withUnsafeBytes { bytes in
            let pixels = bytes.bindMemory(to: UInt32.self)
            return (box.minY..<box.maxY).map { y in
                let row = y * width
                var literals = 0, matches = 0
                var left = ~pixels[row + box.minX]
                for x in box.minX..<box.maxX {
                    let pixel = pixels[row + x]
                    if pixel != left {
                        if y > box.minY && pixel == pixels[row - width + x] { matches += 1 } else { literals += 1 }
                    }
                    left = pixel
                }
                return Double(literals) + Double(matches) / 4
            }
        }
    }
}
