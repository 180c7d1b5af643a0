/// Encodes a raster as a kitty graphics protocol transmission that also displays the image
/// (`a=T`), chunked as the protocol requires.
///
/// Each chunk is `ESC _G <keys> ; <base64> ESC \` with at most 4096 base64 characters; every
/// chunk but the last carries `m=1`, the last `m=0`. The first chunk carries all keys: action,
/// format, image id `i=`, placement id `p=`, `q=2` (no replies, which would otherwise arrive as
/// input in the REPL), `C=1` (the cursor stays put, for in-place animation) and the display size in
/// cells if given. For in-place animation re-send with the same image and placement id, without
/// deleting first (DESIGN.md, "In-place replacement").
public enum KittyEncoder {
    /// How the pixels travel.
    public enum Format: Equatable, Sendable {
        /// `f=100`: a PNG file.
        case png(PNGEncoder.Options)
        /// `f=32` (RGBA) or, when every pixel is opaque, `f=24` (RGB), zlib-compressed (`o=z`)
        /// with the image size in `s=` and `v=`.
        case zlib(DeflateSettings)
    }

    /// What to send. The default format is the one `nv-bench-plots` measured fastest for the
    /// 1200x700 4-panel dashboard: RGB deflated by `RunDeflate` (4.5 ms CPU, 314 KB on the wire),
    /// against zlib level 2 (8.2 ms, 130 KB) and PNG (8.3–9.7 ms, 133–155 KB). Live frames are
    /// bound by encode time, and a local terminal takes 300 KB a frame easily; over a slow link
    /// choose `.zlib(DeflateSettings(level: 2))` for frames less than half the size.
    public struct Options: Equatable, Sendable {
        /// The image id (`i=`), 1 or more; re-using it replaces the image.
        public var imageID: UInt32
        /// The placement id (`p=`), or nil for none.
        public var placementID: UInt32?
        /// How the pixels are encoded.
        public var format: Format
        /// Display width in terminal columns (`c=`), or nil for the image's own size.
        public var columns: Int?
        /// Display height in terminal rows (`r=`), or nil for the image's own size.
        public var rows: Int?
        /// `C=1`: do not move the cursor after drawing.
        public var keepCursor: Bool
        /// Wrap every chunk in tmux passthrough.
        public var tmux: Bool
        /// `U=1`: a virtual placement, shown where Unicode placeholder cells are printed
        /// (`KittyPlaceholders`) instead of at the cursor.
        public var unicodePlaceholder: Bool
        /// Base64 characters per chunk: 4096, the protocol's maximum (a multiple of 4).
        public var chunkSize: Int

        /// Options with the given choices.
        public init(imageID: UInt32 = 1, placementID: UInt32? = 1,
                    format: Format = .zlib(DeflateSettings(strategy: .imageRuns)),
                    columns: Int? = nil, rows: Int? = nil, keepCursor: Bool = true, tmux: Bool = false,
                    chunkSize: Int = 4096, unicodePlaceholder: Bool = false) {
            self.imageID = max(imageID, 1)
            self.placementID = placementID
            self.format = format
            self.columns = columns
            self.rows = rows
            self.keepCursor = keepCursor
            self.tmux = tmux
            self.unicodePlaceholder = unicodePlaceholder
            self.chunkSize = max(chunkSize / 4 * 4, 4)
        }
    }

    /// The escape sequences that transmit and display `raster`.
    public static func encode(_ raster: Raster, options: Options = Options()) -> [UInt8] {
        var (keys, payload) = encodedPixels(raster, options: options)
        keys = "a=T," + keys
        keys += ",i=\(options.imageID)"
        if let placement = options.placementID { keys += ",p=\(placement)" }
        keys += ",q=2"
        if options.keepCursor { keys += ",C=1" }
        if options.unicodePlaceholder { keys += ",U=1" }
        if let columns = options.columns, columns > 0 { keys += ",c=\(columns)" }
        if let rows = options.rows, rows > 0 { keys += ",r=\(rows)" }
        return chunked(base64(payload), firstKeys: Array(keys.utf8), options: options)
    }

    /// The escape sequences that replace the pixels inside `box` of image `options.imageID`,
    /// already transmitted at `raster`'s size, with `raster`'s pixels there: the image's first
    /// (root) frame is edited in place (`a=f,r=1`) at offset `x=`,`y=`, the new pixels replacing
    /// the old (`X=1`) rather than blended over them. Every placement of the image shows the
    /// edit (kitty 0.20 and later); the rest of the picture is not sent again.
    ///
    /// Each edit fits in one chunk: kitty 0.26 takes the continuation chunks of a chunked `a=f`
    /// as a new image (seen under Xvfb: the picture became the last box, stretched), so a box
    /// whose payload would need more than one chunk is cut into bands of rows, chosen before
    /// deflating (`KittyEditBands`; a band still too big is cut again).
    public static func encodeUpdate(_ raster: Raster, box: PixelBox, options: Options = Options()) -> [UInt8] {
        var bands = KittyEditBands()
        return bands.encode(raster, box: box, options: options)
    }

    /// The format keys and the payload for `raster` in `options.format`.
    static func encodedPixels(_ raster: Raster, options: Options) -> (keys: String, payload: [UInt8]) {
        var keys = ""
        var payload: [UInt8]
        switch options.format {
        case .png(let pngOptions):
            keys += "f=100"
            payload = PNGEncoder.encode(raster, options: pngOptions)
        case .zlib(let settings):
            let opaque = PNGEncoder.isOpaque(raster)
            keys += "f=\(opaque ? 24 : 32),s=\(raster.width),v=\(raster.height),o=z"
            payload = []
            if opaque {
                let rgb = rgbBytes(raster)
                rgb.withUnsafeBytes {
                    _ = Zlib.deflate($0, settings: settings, pixelBytes: 3, rowBytes: raster.width * 3, appendingTo: &payload)
                }
            } else {
                raster.pixels.withUnsafeBytes {
                    _ = Zlib.deflate($0, settings: settings, pixelBytes: 4, rowBytes: raster.width * 4, appendingTo: &payload)
                }
            }
        }
        return (keys, payload)
    }

    static func base64(_ payload: [UInt8]) -> [UInt8] {
        var base64: [UInt8] = []
        base64.reserveCapacity(Base64.encodedCount(payload.count))
        payload.withUnsafeBytes { Base64.encode($0, appendingTo: &base64) }
        return base64
    }

    /// Splits the base64 payload into APC chunks (optionally tmux-wrapped).
    static func chunked(_ base64: [UInt8], firstKeys: [UInt8], options: Options) -> [UInt8] {
        let chunkCount = max((base64.count + options.chunkSize - 1) / options.chunkSize, 1)
        var output: [UInt8] = []
        output.reserveCapacity(base64.count + chunkCount * (options.tmux ? 40 : 20) + firstKeys.count)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(options.chunkSize + firstKeys.count + 16)
        for index in 0..<chunkCount {
            let start = index * options.chunkSize
            let end = min(start + options.chunkSize, base64.count)
            let more = index < chunkCount - 1
            chunk.removeAll(keepingCapacity: true)
            chunk += [0x1B, UInt8(ascii: "_"), UInt8(ascii: "G")]
            if index == 0 {
                chunk += firstKeys
                chunk += Array(",m=\(more ? 1 : 0)".utf8)
            } else {
                chunk += Array((more ? "m=1,q=2" : "m=0,q=2").utf8)
            }
            chunk.append(UInt8(ascii: ";"))
            if start < end { chunk += base64[start..<end] }
            chunk += [0x1B, UInt8(ascii: "\\")]
            if options.tmux {
                chunk.withUnsafeBufferPointer { TmuxPassthrough.wrap($0, appendingTo: &output) }
            } else {
                output += chunk
            }
        }
        return output
    }

    /// The raster's pixels without alpha. rgb: [height, width, 3]
    static func rgbBytes(_ raster: Raster) -> [UInt8] {
        let count = raster.width * raster.height
        return [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
            raster.pixels.withUnsafeBytes { src in
                let to = UnsafeMutableRawPointer(out.baseAddress!)
                // Each pixel's 4 bytes in one load and one store; the store's fourth byte (alpha)
                // is overwritten by the next pixel's red, and the last pixel is stored bytewise.
                for i in 0..<max(0, count - 1) {
                    to.storeBytes(of: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self),
                                  toByteOffset: 3 * i, as: UInt32.self)
                }
                if count > 0 {
                    for channel in 0..<3 { out[3 * (count - 1) + channel] = src[4 * (count - 1) + channel] }
                }
            }
            initialized = count * 3
        }
    }
}
