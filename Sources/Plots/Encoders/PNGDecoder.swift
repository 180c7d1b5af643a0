/// Why a PNG could not be read; the description names what was wrong.
public struct PNGDecodingError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, in words for the user.
    public let message: String

    /// An error with the given message.
    public init(_ message: String) { self.message = message }

    public var description: String { "PNG: \(message)" }
}

/// Reads PNG files into rasters: 8-bit grayscale, grayscale+alpha, RGB, RGBA and palette images
/// (with `tRNS` transparency), non-interlaced. Other PNGs (16-bit, 1/2/4-bit, Adam7 interlaced)
/// are refused with a message saying which feature is missing, not decoded wrongly.
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
            guard offset + 12 <= bytes.count else { throw PNGDecodingError("chunk header cut short at byte \(offset)") }
            let length = Int(readBigEndian(bytes, offset))
            let typeBytes = Array(bytes[(offset + 4)..<(offset + 8)])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= bytes.count - offset - 12 else {
                throw PNGDecodingError("chunk \(type) at byte \(offset) claims \(length) bytes, past the end of the file")
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

        let rowBytes = header.width * header.channels
        let expected = header.height * (rowBytes + 1)
        let raw: [UInt8]
        do {
            raw = try Zlib.inflate(compressed, expected: expected, limit: expected)
        } catch {
            throw PNGDecodingError("image data: \(error)")
        }
        guard raw.count == expected else {
            throw PNGDecodingError("image data has \(raw.count) bytes, expected \(expected) for \(header.width)x\(header.height)")
        }
        let samples = try unfilter(raw, header: header)
        return toRaster(samples, header: header, palette: palette, transparency: transparency)
    }

    struct Header {
        let width: Int, height: Int, colorType: UInt8, channels: Int

        init(_ data: [UInt8]) throws(PNGDecodingError) {
            guard data.count == 13 else { throw PNGDecodingError("IHDR has \(data.count) bytes, expected 13") }
            width = Int(readBigEndian(data, 0))
            height = Int(readBigEndian(data, 4))
            let depth = data[8]
            colorType = data[9]
            guard width > 0, height > 0 else { throw PNGDecodingError("image size \(width)x\(height) is empty") }
            guard width <= PNGDecoder.maxPixels / height else {
                throw PNGDecodingError("image size \(width)x\(height) is larger than \(PNGDecoder.maxPixels) pixels")
            }
            switch colorType {
            case 0: channels = 1
            case 2: channels = 3
            case 3: channels = 1
            case 4: channels = 2
            case 6: channels = 4
            default: throw PNGDecodingError("unknown colour type \(colorType)")
            }
            guard depth == 8 else {
                throw PNGDecodingError("bit depth \(depth) is not supported (only 8 bits per sample); re-save the image as 8-bit")
            }
            guard data[10] == 0, data[11] == 0 else { throw PNGDecodingError("unknown compression or filter method") }
            guard data[12] == 0 else {
                throw PNGDecodingError("interlaced (Adam7) images are not supported; re-save the image without interlacing")
            }
        }
    }

    static func unfilter(_ raw: [UInt8], header: Header) throws(PNGDecodingError) -> [UInt8] {
        let rowBytes = header.width * header.channels
        // samples: [height, rowBytes], plus one zero row in front as the "row above" the first.
        var samples = [UInt8](repeating: 0, count: (header.height + 1) * rowBytes)
        var badFilter: (row: Int, type: UInt8)?
        raw.withUnsafeBufferPointer { src in
            samples.withUnsafeMutableBufferPointer { dst in
                for y in 0..<header.height {
                    let line = src.baseAddress! + y * (rowBytes + 1)
                    guard let filter = PNGFilter(rawValue: line[0]) else {
                        badFilter = (y, line[0])
                        return
                    }
                    let row = dst.baseAddress! + (y + 1) * rowBytes
                    row.update(from: line + 1, count: rowBytes)
                    filter.undo(row: row, previous: row - rowBytes, count: rowBytes, bpp: header.channels)
                }
            }
        }
        if let badFilter { throw PNGDecodingError("row \(badFilter.row) has unknown filter type \(badFilter.type)") }
        samples.removeFirst(rowBytes)
        return samples
    }

    static func toRaster(_ samples: [UInt8], header: Header, palette: [RGBA], transparency: [UInt8]) -> Raster {
        var raster = Raster(width: header.width, height: header.height, fill: .clear)
        let count = header.width * header.height
        // tRNS for gray / RGB names one colour (16-bit big-endian samples) that is transparent.
        let key: [UInt8]? = switch header.colorType {
        case 0 where transparency.count >= 2: [transparency[1]]
        case 2 where transparency.count >= 6: [transparency[1], transparency[3], transparency[5]]
        default: nil
        }
        raster.pixels.withUnsafeMutableBufferPointer { out in
            samples.withUnsafeBufferPointer { s in
                for i in 0..<count {
                    var pixel: RGBA
                    switch header.colorType {
                    case 0:
                        pixel = RGBA(s[i], s[i], s[i])
                        if let key, key[0] == s[i] { pixel.a = 0 }
                    case 2:
                        pixel = RGBA(s[3 * i], s[3 * i + 1], s[3 * i + 2])
                        if let key, key[0] == pixel.r, key[1] == pixel.g, key[2] == pixel.b { pixel.a = 0 }
                    case 3:
                        let index = Int(s[i])
                        // An index past the palette is an error in the file; show it as black.
                        pixel = index < palette.count ? palette[index] : .black
                        if index < transparency.count { pixel.a = transparency[index] }
                    case 4:
                        pixel = RGBA(s[2 * i], s[2 * i], s[2 * i], s[2 * i + 1])
                    default:
                        pixel = RGBA(s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3])
                    }
                    out[4 * i] = pixel.r; out[4 * i + 1] = pixel.g; out[4 * i + 2] = pixel.b; out[4 * i + 3] = pixel.a
                }
            }
        }
        return raster
    }

    static func readBigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
