extension SixelEncoder {
    /// One band of 6 rows, written with as few bytes as the protocol allows without changing a
    /// pixel.
    ///
    /// A sixel character paints only the pixels whose bits it sets, in the selected colour, over
    /// whatever was painted before; `$` returns to the band's left edge. Two freedoms follow:
    /// - Colours whose columns do not overlap share one pass: after one colour's last column the
    ///   next colour is selected and the pass goes on (a skip of `?`), instead of `$` and a skip
    ///   from the left edge. Colours are taken by first column and each goes to the first pass
    ///   that ends before it starts.
    /// - A colour may also paint pixels that a colour drawn after it repaints. So each colour
    ///   writes, column by column, any mask between its own pixels and its own plus those still
    ///   to come, and the longest runs are chosen: a background drawn first becomes one run of
    ///   `~` under everything drawn later, and a run may go on through the gap before the next
    ///   colour of the same pass.
    /// Every pixel is painted last by its own colour, so the image is exactly the indexed image.
    ///
    /// Measured on the XOR dashboard at 735 px (400 frames): 30% fewer bytes than one pass per
    /// colour with only its own pixels; the rest is the thin bands a smooth colour ramp
    /// quantises into, one colour per pixel step, which no order of passes can shorten.
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
        var orderCount = 0

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
            pass = .allocate(capacity: colors); pass.initialize(repeating: 0)
            passEnd = .allocate(capacity: colors); passEnd.initialize(repeating: 0)
            drawn = .allocate(capacity: colors); drawn.initialize(repeating: 0)
        }

        func deallocate() {
            for buffer in [first, last, count, order, pass, passEnd, drawn] { buffer.deallocate() }
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
            let first = self.first, count = self.count
            // By first column; at equal starts the larger area first (it is drawn under the other).
            var band = UnsafeMutableBufferPointer(rebasing: order[0..<orderCount])
            band.sort { (a: Int, b: Int) -> Bool in
                if first[a] != first[b] { return first[a] < first[b] }
                if count[a] != count[b] { return count[a] > count[b] }
                return a < b
            }
            var passCount = 0
            for k in 0..<orderCount {
                let c = order[k]
                var p = 0
                while p < passCount && passEnd[p] >= first[c] { p += 1 }
                if p == passCount { passCount += 1 }
                passEnd[p] = last[c]
                pass[k] = p
            }
            // Drawing order: pass by pass, each pass left to right (a counting sort of `order`).
            for p in 0..<passCount { passEnd[p] = 0 }
            for k in 0..<orderCount { passEnd[pass[k]] += 1 }
            var start = 0
            for p in 0..<passCount { let n = passEnd[p]; passEnd[p] = start; start += n }
            for k in 0..<orderCount { drawn[passEnd[pass[k]]] = order[k]; passEnd[pass[k]] += 1 }
            // passEnd[p] is now the end of pass p in `drawn`.
            let full = UInt8(1 << rows) - 1
            var p = 0
            var cursor = 0
            for k in 0..<orderCount {
                while k == passEnd[p] { p += 1 }
                let c = drawn[k]
                if k > 0 && cursor > first[c] { out.append(UInt8(ascii: "$")); cursor = 0 }
                out.append(UInt8(ascii: "#")); out.appendDecimal(register[c])
                writeRun(of: 63, count: first[c] - cursor, to: &out)
                let nextStart = k + 1 < passEnd[p] ? first[drawn[k + 1]] : last[c] + 1
                cursor = writeColor(c, full: full, through: nextStart - 1, to: &out)
            }
            for x in 0..<width { painted[x] = 0 }
        }

        /// Writes colour `c` from its first to its last column, continuing a run up to `limit`
        /// (the column before the next colour of its pass) when it may; returns the column after.
        @inline(__always)
        private func writeColor(_ c: Int, full: UInt8, through limit: Int, to out: inout ByteWriter) -> Int {
            let own = masks.baseAddress! + c * width
            let from = first[c], to = last[c]
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
            (own + from).update(repeating: 0, count: to - from + 1)
            first[c] = Int.max
            last[c] = -1
            count[c] = 0
            return x
        }
    }
}
