extension SixelEncoder {
    /// One band of 6 rows, written with as few bytes as the protocol allows without changing a
    /// pixel.
    ///
    /// A sixel character paints only the pixels whose bits it sets, in the selected colour, over
    /// whatever was painted before; `$` returns to the band's left edge. Two freedoms follow:
    /// - Colours whose columns do not overlap share one pass: after one colour's last column the
    ///   next colour is selected and the pass goes on (a skip of `?`), instead of `$` and a skip
    ///   from the left edge. A colour's columns are first cut at wide gaps into items, so other
    ///   colours can use the gap; items are taken by first column and each goes to the pass that
    ///   ends closest before it starts.
    /// - A colour may also paint pixels that a colour drawn after it repaints. So each item
    ///   writes, column by column, any mask between its own pixels and its own plus those still
    ///   to come, and the longest runs are chosen: a background drawn first becomes one run of
    ///   `~` under everything drawn later, and a run may go on through the gap before the next
    ///   item of the same pass.
    /// Every pixel is painted last by its own colour, so the image is exactly the indexed image.
    ///
    /// Measured over the XOR run at 735 px (`nv-bench-plots --run`, 400 frames): 32% fewer bytes
    /// than one pass per colour painting only its own pixels (27% at 1200x720, 31% on the CNN
    /// dashboard). Most of the rest is the smooth colour ramps of the heatmaps, which quantise
    /// into thin diagonal bands of one colour per step: each band needs its own edge written,
    /// whatever the order of passes.
    struct Band {
        let width: Int, colorCount: Int
        /// masks: [colors, width] each colour's 6-bit column masks in this band (its own pixels).
        let masks: UnsafeMutableBufferPointer<UInt8>
        /// painted: [width] the pixels whose colour has been drawn in this band (no later colour
        /// may paint them).
        let painted: UnsafeMutableBufferPointer<UInt8>
        /// first, last, count: [colors] each colour's column range and pixel count in this band
        /// (first > last: absent).
        let first: UnsafeMutableBufferPointer<Int>
        let last: UnsafeMutableBufferPointer<Int>
        let count: UnsafeMutableBufferPointer<Int>
        /// order: [colors] the band's colours; pass, passEnd: each colour's pass (by position in
        /// `order`) and each pass's last column; drawn: [colors] the colours in drawing order.
        let order: UnsafeMutableBufferPointer<Int>
        let pass: UnsafeMutableBufferPointer<Int>
        let passEnd: UnsafeMutableBufferPointer<Int>
        let drawn: UnsafeMutableBufferPointer<Int>
        let sorted: UnsafeMutableBufferPointer<Int>
        let itemColor: UnsafeMutableBufferPointer<Int>
        let itemFirst: UnsafeMutableBufferPointer<Int>
        let itemLast: UnsafeMutableBufferPointer<Int>
        var orderCount = 0
        /// A colour's columns are cut where this many or more in a row hold none of its pixels.
        /// Over the XOR run, gaps of 4 to 32 gave about the same bytes (a new item costs a colour
        /// select, a gap left in costs a skip and keeps other colours out of the pass).
        static let splitGap = 16

        init(width: Int, colors: Int) {
            self.width = width
            colorCount = colors
            masks = .allocate(capacity: colors * max(width, 1))
            masks.initialize(repeating: 0)
            painted = .allocate(capacity: max(width, 1))
            painted.initialize(repeating: 0)
            first = .allocate(capacity: colors); first.initialize(repeating: Int.max)
            last = .allocate(capacity: colors); last.initialize(repeating: -1)
            count = .allocate(capacity: colors); count.initialize(repeating: 0)
            order = .allocate(capacity: colors); order.initialize(repeating: 0)
            // A colour splits into at most one item per splitGap + 1 columns.
            let items = colors * (max(width, 1) / (Self.splitGap + 1) + 1)
            pass = .allocate(capacity: items); pass.initialize(repeating: 0)
            passEnd = .allocate(capacity: items); passEnd.initialize(repeating: 0)
            drawn = .allocate(capacity: items); drawn.initialize(repeating: 0)
            sorted = .allocate(capacity: items); sorted.initialize(repeating: 0)
            itemColor = .allocate(capacity: items); itemColor.initialize(repeating: 0)
            itemFirst = .allocate(capacity: items); itemFirst.initialize(repeating: 0)
            itemLast = .allocate(capacity: items); itemLast.initialize(repeating: 0)
        }

        func deallocate() {
            for buffer in [first, last, count, order, pass, passEnd, drawn, sorted, itemColor, itemFirst, itemLast] {
                buffer.deallocate()
            }
            masks.deallocate()
            painted.deallocate()
        }

        /// Reads `rows` rows of indices (from `top`) into the colours' masks and ranges.
        mutating func collect(_ top: UnsafePointer<UInt8>, rows: Int) {
            orderCount = 0
            for dy in 0..<rows {
                let bit = UInt8(1) << UInt8(dy)
                let row = top + dy * width
                var x = 0
                while x < width {
                    // A run of one colour: set its bit once per pixel, update its range once.
                    let c = Int(row[x])
                    let line = masks.baseAddress! + c * width
                    let runStart = x
                    repeat {
                        line[x] |= bit
                        x += 1
                    } while x < width && Int(row[x]) == c
                    if last[c] < 0 { order[orderCount] = c; orderCount += 1 }
                    if runStart < first[c] { first[c] = runStart }
                    if x - 1 > last[c] { last[c] = x - 1 }
                    count[c] += x - runStart
                }
            }
        }

        /// Writes the band's passes (registers from `register`) and clears it for the next band.
        mutating func write(rows: Int, register: [Int], to out: inout ByteWriter) {
            let itemCount = splitIntoItems()
            let itemFirst = self.itemFirst, itemColor = self.itemColor, count = self.count
            for k in 0..<itemCount { sorted[k] = k }
            // By first column; at equal starts the larger area first (it is drawn under the other).
            var items = UnsafeMutableBufferPointer(rebasing: sorted[0..<itemCount])
            items.sort { (a: Int, b: Int) -> Bool in
                if itemFirst[a] != itemFirst[b] { return itemFirst[a] < itemFirst[b] }
                let (ca, cb) = (itemColor[a], itemColor[b])
                if count[ca] != count[cb] { return count[ca] > count[cb] }
                return a < b
            }
            // Each item goes to the pass that ends closest before it starts (the shortest skip).
            var passCount = 0
            for k in 0..<itemCount {
                let item = sorted[k]
                var p = passCount, bestEnd = -2
                for q in 0..<passCount where passEnd[q] < itemFirst[item] && passEnd[q] > bestEnd {
                    p = q
                    bestEnd = passEnd[q]
                }
                if p == passCount { passCount += 1 }
                passEnd[p] = itemLast[item]
                pass[k] = p
            }
            // Drawing order: pass by pass, each pass left to right (a counting sort of `sorted`).
            for p in 0..<passCount { passEnd[p] = 0 }
            for k in 0..<itemCount { passEnd[pass[k]] += 1 }
            var start = 0
            for p in 0..<passCount { let n = passEnd[p]; passEnd[p] = start; start += n }
            for k in 0..<itemCount { drawn[passEnd[pass[k]]] = sorted[k]; passEnd[pass[k]] += 1 }
            // passEnd[p] is now the end of pass p in `drawn`.
            let full = UInt8(1 << rows) - 1
            var p = 0
            var cursor = 0
            for k in 0..<itemCount {
                while k == passEnd[p] { p += 1 }
                let item = drawn[k]
                if k > 0 && cursor > itemFirst[item] { out.append(UInt8(ascii: "$")); cursor = 0 }
                out.append(UInt8(ascii: "#")); out.appendDecimal(register[itemColor[item]])
                writeRun(of: 63, count: itemFirst[item] - cursor, to: &out)
                let nextStart = k + 1 < passEnd[p] ? itemFirst[drawn[k + 1]] : itemLast[item] + 1
                cursor = writeItem(item, full: full, through: nextStart - 1, to: &out)
            }
            for x in 0..<width { painted[x] = 0 }
            for k in 0..<orderCount {
                let c = order[k]
                (masks.baseAddress! + c * width + first[c]).update(repeating: 0, count: last[c] - first[c] + 1)
                first[c] = Int.max
                last[c] = -1
                count[c] = 0
            }
        }

        /// Cuts each colour's columns at gaps of `splitGap` or more empty columns into items
        /// (so other colours can use the gap in the same pass); returns the number of items.
        private func splitIntoItems() -> Int {
            var n = 0
            for k in 0..<orderCount {
                let c = order[k]
                let own = masks.baseAddress! + c * width
                var x = first[c]
                itemColor[n] = c; itemFirst[n] = x
                var lastSet = x
                while x <= last[c] {
                    if own[x] != 0 {
                        if x - lastSet > Self.splitGap {
                            itemLast[n] = lastSet
                            n += 1
                            itemColor[n] = c; itemFirst[n] = x
                        }
                        lastSet = x
                    }
                    x += 1
                }
                itemLast[n] = lastSet
                n += 1
            }
            return n
        }

        /// Writes item `item` from its first to its last column, continuing a run up to `limit`
        /// (the column before the next item of its pass) when it may; returns the column after.
        @inline(__always)
        private func writeItem(_ item: Int, full: UInt8, through limit: Int, to out: inout ByteWriter) -> Int {
            let own = masks.baseAddress! + itemColor[item] * width
            let from = itemFirst[item], to = itemLast[item]
            for x in from...to { painted[x] |= own[x] }
            var x = from
            while x <= to {
                // The run's character must hold every own pixel (lo) and no pixel drawn already
                // by another colour (hi).
                var lo = own[x], hi = own[x] | (full & ~painted[x])
                var end = x + 1
                while end <= limit {
                    let o = own[end]
                    let nextLo = lo | o, nextHi = hi & (o | (full & ~painted[end]))
                    guard nextLo & ~nextHi == 0 else { break }
                    lo = nextLo; hi = nextHi
                    end += 1
                }
                writeRun(of: lo + 63, count: end - x, to: &out)
                x = end
            }
            return x
        }
    }
}
