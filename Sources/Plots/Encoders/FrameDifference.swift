import Foundation

/// What changed between two frames of an animation, so that an animated GIF or APNG stores only
/// the changed rectangle of each frame (most of a training dashboard stays put between frames:
/// titles, axes, the architecture's layout).
public enum FrameDifference {
    /// The smallest box holding every pixel where `current` differs from `previous` (both of the
    /// same size), or nil when they are identical.
    public static func changedBox(from previous: Raster, to current: Raster) -> PixelBox? {
        precondition(previous.width == current.width && previous.height == current.height,
                     "FrameDifference: frames of different sizes")
        let width = current.width, height = current.height
        guard width > 0, height > 0 else { return nil }
        return previous.pixels.withUnsafeBytes { old in
            current.pixels.withUnsafeBytes { new in
                // Whole pixels are compared as 32-bit words.
                let a = old.bindMemory(to: UInt32.self), b = new.bindMemory(to: UInt32.self)
                func rowDiffers(_ y: Int) -> Bool {
                    let start = y * width
                    return memcmp(old.baseAddress! + 4 * start, new.baseAddress! + 4 * start, 4 * width) != 0
                }
                guard let top = (0..<height).first(where: rowDiffers) else { return nil }
                let bottom = (top..<height).last(where: rowDiffers)!
                var minX = width, maxX = 0
                for y in top...bottom {
                    let row = y * width
                    var x = 0
                    while x < minX && a[row + x] == b[row + x] { x += 1 }
                    if x < width { minX = min(minX, x) } else { continue }
                    var end = width
                    while end > maxX && a[row + end - 1] == b[row + end - 1] { end -= 1 }
                    maxX = max(maxX, end)
                }
                return PixelBox(minX: minX, minY: top, maxX: maxX, maxY: bottom + 1)
            }
        }
    }

    /// Boxes covering every pixel where `current` differs from `previous` (both of the same
    /// size), from a grid of `tileWidth` x `tileHeight` tiles anchored at the top-left: changed
    /// tiles side by side in a row of tiles join into one box, and a box joins the one above
    /// when it spans the same columns. Empty when the frames are identical. A live frame sends
    /// these instead of one bounding box: a dashboard's panels change in scattered places (a
    /// title's numbers, a curve's new end, a heatmap's levels), and their bounding box is
    /// nearly the whole frame.
    public static func changedBoxes(from previous: Raster, to current: Raster,
                                    tileWidth: Int, tileHeight: Int) -> [PixelBox] {
        precondition(previous.width == current.width && previous.height == current.height,
                     "FrameDifference: frames of different sizes")
        let width = current.width, height = current.height
        let tw = max(tileWidth, 1), th = max(tileHeight, 1)
        let columns = (width + tw - 1) / tw, rows = (height + th - 1) / th
        guard columns > 0, rows > 0 else { return [] }
        // changed: [rows, columns] tiles holding a changed pixel.
        var changed = [Bool](repeating: false, count: rows * columns)
        previous.pixels.withUnsafeBytes { old in
            current.pixels.withUnsafeBytes { new in
                for y in 0..<height {
                    let rowStart = 4 * y * width
                    guard memcmp(old.baseAddress! + rowStart, new.baseAddress! + rowStart, 4 * width) != 0 else { continue }
                    let tileRow = y / th * columns
                    for column in 0..<columns where !changed[tileRow + column] {
                        let x = column * tw, count = min(tw, width - x)
                        if memcmp(old.baseAddress! + rowStart + 4 * x, new.baseAddress! + rowStart + 4 * x, 4 * count) != 0 {
                            changed[tileRow + column] = true
                        }
                    }
                }
            }
        }
        var boxes: [PixelBox] = []
        // open: index in `boxes` of the box ending at the previous tile row, by its column span.
        var open: [Int: Int] = [:]
        for row in 0..<rows {
            var next: [Int: Int] = [:]
            var column = 0
            while column < columns {
                guard changed[row * columns + column] else { column += 1; continue }
                let start = column
                while column < columns && changed[row * columns + column] { column += 1 }
                let minX = start * tw, maxX = min(column * tw, width)
                let maxY = min((row + 1) * th, height)
                let key = start * (columns + 1) + column
                if let index = open[key] {
                    boxes[index].maxY = maxY
                    next[key] = index
                } else {
                    next[key] = boxes.count
                    boxes.append(PixelBox(minX: minX, minY: row * th, maxX: maxX, maxY: maxY))
                }
            }
            open = next
        }
        return boxes
    }

    /// The pixels of `raster` inside `box` (which lies inside it) as a raster of the box's size.
    public static func crop(_ raster: Raster, to box: PixelBox) -> Raster {
        let width = box.maxX - box.minX, height = box.maxY - box.minY
        var out = Raster(width: width, height: height)
        raster.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let from = ((box.minY + y) * raster.width + box.minX) * 4
                    (dst.baseAddress! + y * width * 4).update(from: src.baseAddress! + from, count: width * 4)
                }
            }
        }
        return out
    }

    /// The next animation frame: `raster` fitted to `width` x `height` and flattened over
    /// `background`, with the box that changed since `previous` (all of it for the first frame;
    /// one pixel when nothing changed, as a frame must hold at least one).
    public static func next(_ raster: Raster, after previous: Raster?, width: Int, height: Int,
                            background: RGBA) -> (frame: Raster, box: PixelBox) {
        let frame = flattened(fitted(raster, width: width, height: height, background: background), over: background)
        guard let previous else { return (frame, PixelBox(minX: 0, minY: 0, maxX: width, maxY: height)) }
        return (frame, changedBox(from: previous, to: frame) ?? PixelBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
    }

    /// `raster` on a canvas of `width` x `height`: itself when it has that size, else its
    /// top-left part over `background` (an animation has one size; a figure drawn at another size
    /// mid-run is cut or padded rather than stretched).
    public static func fitted(_ raster: Raster, width: Int, height: Int, background: RGBA) -> Raster {
        if raster.width == width && raster.height == height { return raster }
        var canvas = Raster(width: width, height: height, fill: background)
        let w = min(width, raster.width), h = min(height, raster.height)
        guard w > 0, h > 0 else { return canvas }
        raster.pixels.withUnsafeBufferPointer { src in
            canvas.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    (dst.baseAddress! + y * width * 4).update(from: src.baseAddress! + y * raster.width * 4, count: w * 4)
                }
            }
        }
        return canvas
    }

    /// `raster` composited over an opaque `background` (formats without alpha, and frames that
    /// must cover what the previous frame left).
    public static func flattened(_ raster: Raster, over background: RGBA) -> Raster {
        guard !PNGEncoder.isOpaque(raster) else { return raster }
        var out = raster
        out.pixels.withUnsafeMutableBufferPointer { p in
            for i in stride(from: 0, to: p.count, by: 4) {
                let key = IndexedImage.opaqueKey(UnsafePointer(p.baseAddress! + i), background: background)
                p[i] = UInt8(key >> 16); p[i + 1] = UInt8((key >> 8) & 0xFF); p[i + 2] = UInt8(key & 0xFF)
                p[i + 3] = 255
            }
        }
        return out
    }
}
