import Plots

/// The Sixel encoding nv used before colours shared passes (the "before" line of `--run`): per
/// band, one pass per colour in first-seen order, each painting only its own pixels, registers
/// numbered as the palette. Kept here to measure the new encoding against in the same run.
enum SixelOnePassPerColour {
    static func encode(_ raster: Raster) -> Int {
        let image = IndexedImage(raster)
        let width = image.width, height = image.height
        var out: [UInt8] = []
        out.reserveCapacity(width * height / 3 + 16 * image.palette.count + 64)
        func decimal(_ value: Int) { out.append(contentsOf: String(value).utf8) }
        out.append(contentsOf: "\u{1B}Pq\"1;1;".utf8)
        decimal(width); out.append(UInt8(ascii: ";")); decimal(height)
        for (n, color) in image.palette.enumerated() {
            out.append(UInt8(ascii: "#")); decimal(n); out.append(contentsOf: ";2;".utf8)
            decimal(SixelEncoder.percent(color.r)); out.append(UInt8(ascii: ";"))
            decimal(SixelEncoder.percent(color.g)); out.append(UInt8(ascii: ";"))
            decimal(SixelEncoder.percent(color.b))
        }
        let colorCount = max(image.palette.count, 1)
        // masks: [colors, width]; first, last: [colors] column ranges; order: first-seen colours.
        var masks = [UInt8](repeating: 0, count: colorCount * max(width, 1))
        var first = [Int](repeating: Int.max, count: colorCount), last = [Int](repeating: -1, count: colorCount)
        var order = [Int](repeating: 0, count: colorCount)
        func run(_ character: UInt8, _ count: Int) {
            if count >= 4 {
                out.append(UInt8(ascii: "!")); decimal(count); out.append(character)
            } else {
                for _ in 0..<count { out.append(character) }
            }
        }
        for bandTop in stride(from: 0, to: height, by: 6) {
            var orderCount = 0
            for dy in 0..<min(6, height - bandTop) {
                let bit = UInt8(1) << UInt8(dy)
                for x in 0..<width {
                    let c = Int(image.indices[(bandTop + dy) * width + x])
                    masks[c * width + x] |= bit
                    if last[c] < 0 { order[orderCount] = c; orderCount += 1 }
                    first[c] = min(first[c], x); last[c] = max(last[c], x)
                }
            }
            if bandTop > 0 { out.append(UInt8(ascii: "-")) }
            for k in 0..<orderCount {
                let c = order[k]
                if k > 0 { out.append(UInt8(ascii: "$")) }
                out.append(UInt8(ascii: "#")); decimal(c)
                run(63, first[c])
                var x = first[c]
                while x <= last[c] {
                    let mask = masks[c * width + x]
                    var length = 1
                    while x + length <= last[c] && masks[c * width + x + length] == mask { length += 1 }
                    run(mask + 63, length)
                    x += length
                }
                for x in first[c]...last[c] { masks[c * width + x] = 0 }
                first[c] = Int.max; last[c] = -1
            }
        }
        out.append(contentsOf: "\u{1B}\\".utf8)
        return out.count
    }
}
