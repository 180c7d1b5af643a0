/// Encodes a raster as a PNG file (8-bit truecolour, non-interlaced).
///
/// An image whose pixels are all opaque is written as RGB (colour type 2), which is a quarter
/// smaller before compression; otherwise as RGBA (colour type 6). The chunks are IHDR, one IDAT
/// holding the whole zlib stream, and IEND, each with its CRC-32.
public enum PNGEncoder {
    /// How rows are filtered before deflate.
    public enum FilterChoice: Equatable, Sendable {
        /// The same filter on every row.
        case fixed(PNGFilter)
        /// Per row, the filter among `candidates` whose output has the minimum sum of absolute
        /// values (the heuristic the PNG spec recommends for truecolour images).
        case adaptive([PNGFilter])

        /// Every filter tried per row.
        public static let adaptiveAll = FilterChoice.adaptive(PNGFilter.allCases)
    }

    /// What the encoder does; the defaults are the ones `nv-bench-plots` found best for plots.
    ///
    /// Measured on the 1200x700 4-panel dashboard (CPU ms / bytes): no filter at level 2 is
    /// 8.3 ms / 99.6 KB; "up" 9.6 ms / 116 KB; Paeth 15.9 ms / 110 KB; the adaptive
    /// minimum-sum choice 19–23 ms / 110 KB; level 6 doubles the time for 65 KB (no filter).
    /// Plots are long horizontal runs that deflate finds by itself; filters turn anti-aliased
    /// edges into noise, and the minimum-sum heuristic, which never favours "none", loses here.
    public struct Options: Equatable, Sendable {
        /// Row filtering.
        public var filter: FilterChoice
        /// zlib level and strategy.
        public var deflate: DeflateSettings
        /// Write RGB instead of RGBA when every pixel is opaque.
        public var dropOpaqueAlpha: Bool

        /// Options with the given choices.
        public init(filter: FilterChoice = .fixed(.none),
                    deflate: DeflateSettings = DeflateSettings(level: 2, strategy: .standard),
                    dropOpaqueAlpha: Bool = true) {
            self.filter = filter
            self.deflate = deflate
            self.dropOpaqueAlpha = dropOpaqueAlpha
        }

        /// For files (`export`, `--frames`): smaller, about twice the time of the default.
        public static let compact = Options(deflate: DeflateSettings(level: 6))
    }

    /// The 8-byte PNG signature.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file for `raster`. A 0x0 raster is not a valid PNG; it is written as 1x1 clear.
    public static func encode(_ raster: Raster, options: Options = Options()) -> [UInt8] {
        let image = raster.width > 0 && raster.height > 0
            ? raster : Raster(width: 1, height: 1, fill: .clear)
        let opaque = options.dropOpaqueAlpha && isOpaque(image)
        let filtered = filteredRows(image, bpp: opaque ? 3 : 4, filter: options.filter)

        var png: [UInt8] = signature
        png.reserveCapacity(filtered.count / 4 + 1024)
        var header: [UInt8] = []
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        // bit depth 8, colour type 2 (RGB) or 6 (RGBA), compression 0, filter method 0, no interlace.
        header += [8, opaque ? 2 : 6, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)

        // IDAT: write the zlib stream in place after a length and type, then patch the length.
        let lengthAt = png.count
        png += [0, 0, 0, 0]
        png += Array("IDAT".utf8)
        let dataStart = png.count
        let bpp = opaque ? 3 : 4
        filtered.withUnsafeBytes {
            _ = Zlib.deflate($0, settings: options.deflate, pixelBytes: bpp, rowBytes: image.width * bpp + 1,
                             appendingTo: &png)
        }
        let dataLength = UInt32(png.count - dataStart)
        for k in 0..<4 { png[lengthAt + k] = UInt8(truncatingIfNeeded: dataLength >> (24 - 8 * k)) }
        let crc = png.withUnsafeBytes { Zlib.crc32(UnsafeRawBufferPointer(rebasing: $0[(lengthAt + 4)...])) }
        appendBigEndian(crc, to: &png)

        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The zlib stream of `raster`'s filtered rows as RGB (`bpp` 3, alpha dropped) or RGBA
    /// (`bpp` 4): the payload of an IDAT, or of an APNG frame's fdAT.
    static func imageData(_ raster: Raster, bpp: Int, options: Options) -> [UInt8] {
        let filtered = filteredRows(raster, bpp: bpp, filter: options.filter)
        var out: [UInt8] = []
        out.reserveCapacity(filtered.count / 4 + 64)
        filtered.withUnsafeBytes {
            _ = Zlib.deflate($0, settings: options.deflate, pixelBytes: bpp, rowBytes: raster.width * bpp + 1,
                             appendingTo: &out)
        }
        return out
    }

    /// True when every pixel has alpha 255.
    static func isOpaque(_ raster: Raster) -> Bool {
        raster.pixels.withUnsafeBufferPointer { p in
            var all: UInt8 = 255
            for i in stride(from: 3, to: p.count, by: 4) { all &= p[i] }
            return all == 255
        }
    }

    /// The filtered scanlines: per row, one filter-type byte then the filtered pixel bytes.
    /// filtered: [height, 1 + width * bpp]
    static func filteredRows(_ raster: Raster, bpp: Int, filter: FilterChoice) -> [UInt8] {
        let width = raster.width, height = raster.height
        let rowBytes = width * bpp
        var out = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        // rows: [2, rowBytes] current and previous unfiltered rows (the first "previous" is zeros).
        var rows = [UInt8](repeating: 0, count: 2 * rowBytes)
        // scratch: [rowBytes] the candidate being tried by the adaptive choice.
        var scratch = [UInt8](repeating: 0, count: max(rowBytes, 1))
        raster.pixels.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { rowsBuffer in
                scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                    out.withUnsafeMutableBufferPointer { dst in
                        let rowsBase = rowsBuffer.baseAddress!
                        for y in 0..<height {
                            let current = rowsBase + (y & 1) * rowBytes
                            let previous = rowsBase + ((y & 1) ^ 1) * rowBytes
                            if y == 0 { previous.update(repeating: 0, count: rowBytes) }
                            // Gather the row as RGB or RGBA bytes.
                            let pixelRow = src.baseAddress! + y * width * 4
                            if bpp == 4 {
                                current.update(from: pixelRow, count: rowBytes)
                            } else {
                                for x in 0..<width {
                                    current[3 * x] = pixelRow[4 * x]
                                    current[3 * x + 1] = pixelRow[4 * x + 1]
                                    current[3 * x + 2] = pixelRow[4 * x + 2]
                                }
                            }
                            let line = dst.baseAddress! + y * (rowBytes + 1)
                            switch filter {
                            case .fixed(let f):
                                line[0] = f.rawValue
                                _ = f.apply(row: current, previous: previous, count: rowBytes, bpp: bpp,
                                            into: line + 1)
                            case .adaptive(let candidates):
                                var best = Int.max
                                for f in candidates.isEmpty ? [PNGFilter.none] : candidates {
                                    let sum = f.apply(row: current, previous: previous, count: rowBytes,
                                                      bpp: bpp, into: scratchBuffer.baseAddress!)
                                    if sum < best {
                                        best = sum
                                        line[0] = f.rawValue
                                        (line + 1).update(from: scratchBuffer.baseAddress!, count: rowBytes)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
                  UInt8(value & 0xFF)]
    }

    static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &png)
        let typeAndData = Array(type.utf8) + data
        png += typeAndData
        appendBigEndian(Zlib.crc32(typeAndData), to: &png)
    }
}
