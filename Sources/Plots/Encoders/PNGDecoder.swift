import Runtime

/// Why a PNG could not be read; the description names what was wrong.
public struct PNGDecodingError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, in words for the user.
    public let message: String

    /// An error with the given message.
    public init(_ message: String) { self.message = message }

    public var description: String { "PNG: \(message)" }
}

/// Reads PNG files into rasters: every colour type (grayscale, grayscale+alpha, RGB, RGBA,
/// palette with `tRNS` transparency) at every bit depth the PNG specification allows (1, 2, 4,
/// 8, 16), non-interlaced or Adam7-interlaced. 16-bit samples keep their high byte; 1/2/4-bit
/// gray is scaled to 0...255. Gamma and colour-profile chunks are ignored.
public enum PNGDecoder {
    /// The largest image accepted, in pixels, so a broken header cannot ask for gigabytes.
    public static let maxPixels = 1 << 26

    /// Decodes a PNG file's bytes into an RGBA raster.
    public static func decode(_ bytes: [UInt8]) throws(PNGDecodingError) -> Raster {
        guard bytes.count >= 8, Array(bytes[0..<8]) == PNGEncoder.signature else {
            throw PNGDecodingError("not a PNG file (the 8-byte signature is missing)")
        }
        var offset = 8
        var header: Header?
        var palette: [RGBA] = []
        var transparency: [UInt8] = []
        var compressed: [UInt8] = []
        var sawEnd = false
        while offset < bytes.count && !sawEnd {
            guard offset + 12 <= bytes.count else { throw PNGDecodingError("chunk header cut short at byte \(offset) (file truncated)") }
            let length = Int(readBigEndian(bytes, offset))
            let typeBytes = Array(bytes[(offset + 4)..<(offset + 8)])
            // Shown in messages: a damaged or hostile file may put any bytes here.
            let type = visible(String(decoding: typeBytes, as: UTF8.self))
            guard length <= bytes.count - offset - 12 else {
                throw PNGDecodingError("chunk \(type) at byte \(offset) claims \(length) bytes, past the end of the file (file truncated)")
            }
            let dataRange = (offset + 8)..<(offset + 8 + length)
            let storedCRC = readBigEndian(bytes, dataRange.upperBound)
            let actualCRC = bytes.withUnsafeBytes { Zlib.crc32(UnsafeRawBufferPointer(rebasing: $0[(offset + 4)..<dataRange.upperBound])) }
            guard storedCRC == actualCRC else { throw PNGDecodingError("chunk \(type) at byte \(offset) has a wrong CRC (file damaged)") }
            let data = bytes[dataRange]
            switch type {
            case "IHDR": header = try Header(Array(data))
            case "PLTE":
                guard length % 3 == 0, length / 3 <= 256 else { throw PNGDecodingError("PLTE has \(length) bytes, not 3 per entry for at most 256 entries") }
                palette = stride(from: dataRange.lowerBound, to: dataRange.upperBound, by: 3).map {
                    RGBA(bytes[$0], bytes[$0 + 1], bytes[$0 + 2])
                }
            case "tRNS": transparency = Array(data)
            case "IDAT": compressed += data
            case "IEND": sawEnd = true
            default:
                // Ancillary chunks (lower-case first letter) may be skipped; critical ones may not.
                guard let first = typeBytes.first, first & 0x20 != 0 else {
                    throw PNGDecodingError("unknown critical chunk \(type)")
                }
            }
            offset = dataRange.upperBound + 4
        }
        guard let header else { throw PNGDecodingError("no IHDR chunk") }
        guard !compressed.isEmpty else { throw PNGDecodingError("no image data (IDAT)") }
        if header.colorType == 3 && palette.isEmpty { throw PNGDecodingError("palette image without a PLTE chunk") }

        // A pass with no pixels (a 1-pixel-wide image has no column for pass 2) stores no rows.
        let passes = header.passes.filter { $0.width > 0 && $0.height > 0 }
        let expected = passes.reduce(0) { $0 + $1.height * (header.rowBytes($1.width) + 1) }
        let raw: [UInt8]
        do {
            raw = try Zlib.inflate(compressed, expected: expected, limit: expected)
        } catch {
            throw PNGDecodingError("image data: \(error)")
        }
        guard raw.count == expected else {
            throw PNGDecodingError("image data has \(raw.count) bytes, expected \(expected) for \(header.width)x\(header.height) (file truncated?)")
        }
        var raster = Raster(width: header.width, height: header.height, fill: .clear)
        var start = 0
        for pass in passes {
            let size = pass.height * (header.rowBytes(pass.width) + 1)
            let rows = try unfilter(raw[start..<(start + size)], width: pass.width, height: pass.height, header: header)
            place(rows, pass: pass, header: header, palette: palette, transparency: transparency, into: &raster)
            start += size
        }
        return raster
    }

    /// One reduced image of the Adam7 interlace (or the whole image): its size, and where its
    /// pixel (i, j) goes: (x0 + i·dx, y0 + j·dy).
    struct Pass {
        let width: Int, height: Int, x0: Int, y0: Int, dx: Int, dy: Int
    }

    struct Header {
        let width: Int, height: Int, colorType: UInt8, channels: Int, depth: Int, interlaced: Bool

        init(_ data: [UInt8]) throws(PNGDecodingError) {
            guard data.count == 13 else { throw PNGDecodingError("IHDR has \(data.count) bytes, expected 13") }
            width = Int(readBigEndian(data, 0))
            height = Int(readBigEndian(data, 4))
            depth = Int(data[8])
            colorType = data[9]
            guard width > 0, height > 0 else { throw PNGDecodingError("image size \(width)x\(height) is empty") }
            guard width <= PNGDecoder.maxPixels / height else {
                throw PNGDecodingError("image size \(width)x\(height) is larger than \(PNGDecoder.maxPixels) pixels")
            }
            let depths: [Int]
            switch colorType {
            case 0: channels = 1; depths = [1, 2, 4, 8, 16]
            case 2: channels = 3; depths = [8, 16]
            case 3: channels = 1; depths = [1, 2, 4, 8]
            case 4: channels = 2; depths = [8, 16]
            case 6: channels = 4; depths = [8, 16]
            default: throw PNGDecodingError("unknown colour type \(colorType)")
            }
            guard depths.contains(depth) else {
                throw PNGDecodingError("bit depth \(depth) is not valid for colour type \(colorType) (allowed: \(depths.map(String.init).joined(separator: ", ")))")
            }
            guard data[10] == 0, data[11] == 0 else { throw PNGDecodingError("unknown compression or filter method") }
            guard data[12] <= 1 else { throw PNGDecodingError("unknown interlace method \(data[12])") }
            interlaced = data[12] == 1
        }

        /// Bytes of one filtered row of `width` pixels (without the filter byte).
        func rowBytes(_ width: Int) -> Int { (width * channels * depth + 7) / 8 }
        /// The distance the filters look back: bytes per complete pixel, at least 1.
        var filterStride: Int { max(1, channels * depth / 8) }

        /// The whole image, or Adam7's seven passes.
        var passes: [Pass] {
            guard interlaced else { return [Pass(width: width, height: height, x0: 0, y0: 0, dx: 1, dy: 1)] }
            let adam7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            return adam7.map { x0, y0, dx, dy in
                Pass(width: (width - x0 + dx - 1) / dx, height: (height - y0 + dy - 1) / dy, x0: x0, y0: y0, dx: dx, dy: dy)
            }
        }
    }

    /// Undoes the filters of one image (or pass): returns the rows `[height, rowBytes]`.
    static func unfilter(_ raw: ArraySlice<UInt8>, width: Int, height: Int, header: Header) throws(PNGDecodingError) -> [UInt8] {
        let rowBytes = header.rowBytes(width), bpp = header.filterStride
        // samples: [height, rowBytes], plus one zero row in front as the "row above" the first.
        var samples = [UInt8](repeating: 0, count: (height + 1) * rowBytes)
        var badFilter: (row: Int, type: UInt8)?
        raw.withUnsafeBufferPointer { src in
            samples.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let line = src.baseAddress! + y * (rowBytes + 1)
                    guard let filter = PNGFilter(rawValue: line[0]) else {
                        badFilter = (y, line[0])
                        return
                    }
                    let row = dst.baseAddress! + (y + 1) * rowBytes
                    row.update(from: line + 1, count: rowBytes)
                    filter.undo(row: row, previous: row - rowBytes, count: rowBytes, bpp: bpp)
                }
            }
        }
        if let badFilter { throw PNGDecodingError("row \(badFilter.row) has unknown filter type \(badFilter.type)") }
        samples.removeFirst(rowBytes)
        return samples
    }

    /// Writes the pixels of one pass's unfiltered rows into `raster`.
    static func place(_ rows: [UInt8], pass: Pass, header: Header, palette: [RGBA], transparency: [UInt8],
                      into raster: inout Raster) {
        let rowBytes = header.rowBytes(pass.width), depth = header.depth, channels = header.channels
        // tRNS for gray / RGB names one colour (16-bit big-endian samples) that is transparent.
        let key: [Int]? = switch header.colorType {
        case 0 where transparency.count >= 2: [Int(transparency[0]) << 8 | Int(transparency[1])]
        case 2 where transparency.count >= 6:
            [0, 2, 4].map { Int(transparency[$0]) << 8 | Int(transparency[$0 + 1]) }
        default: nil
        }
        let maxValue = (1 << depth) - 1
        var sample = [Int](repeating: 0, count: channels)
        for j in 0..<pass.height {
            let row = j * rowBytes
            for i in 0..<pass.width {
                for c in 0..<channels {
                    let index = i * channels + c
                    switch depth {
                    case 16: sample[c] = Int(rows[row + 2 * index]) << 8 | Int(rows[row + 2 * index + 1])
                    case 8: sample[c] = Int(rows[row + index])
                    default:
                        let bit = index * depth
                        sample[c] = Int(rows[row + bit / 8] >> (8 - depth - bit % 8)) & maxValue
                    }
                }
                // to8: a sample scaled to 0...255 (high byte for 16-bit, stretched for 1/2/4-bit).
                func to8(_ v: Int) -> UInt8 { depth == 16 ? UInt8(v >> 8) : UInt8(v * 255 / maxValue) }
                var pixel: RGBA
                switch header.colorType {
                case 0:
                    pixel = RGBA(to8(sample[0]), to8(sample[0]), to8(sample[0]))
                    if let key, key[0] == sample[0] { pixel.a = 0 }
                case 2:
                    pixel = RGBA(to8(sample[0]), to8(sample[1]), to8(sample[2]))
                    if let key, key == sample { pixel.a = 0 }
                case 3:
                    let index = sample[0]
                    // An index past the palette is an error in the file; show it as black.
                    pixel = index < palette.count ? palette[index] : .black
                    if index < transparency.count { pixel.a = transparency[index] }
                case 4:
                    pixel = RGBA(to8(sample[0]), to8(sample[0]), to8(sample[0]), to8(sample[1]))
                default:
                    pixel = RGBA(to8(sample[0]), to8(sample[1]), to8(sample[2]), to8(sample[3]))
                }
                raster[pass.x0 + i * pass.dx, pass.y0 + j * pass.dy] = pixel
            }
        }
    }

    static func readBigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
