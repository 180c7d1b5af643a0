import Runtime

/// A learner's own picture of a digit as a model input: the PNG is decoded here (Plots owns
/// the decoder), flattened onto white and turned to gray; `DigitPreprocessor` (Runtime) then
/// inverts, crops, scales and centres it the way MNIST's digits were made.
public enum UserDigit {
    /// The largest file read, in bytes (a digit needs far less; this stops a wrong path to a
    /// huge file from being read whole).
    public static let maxFileBytes = 64 << 20

    /// The model input `[side, side]` (0 background, 1 ink) for the PNG file `bytes`.
    /// - Throws: `PNGDecodingError` for a file that is not a readable PNG, `RuntimeError` for a
    ///   picture that is empty, too large or has no ink.
    public static func modelInput(png bytes: [UInt8], side: Int) throws -> [Float] {
        guard !bytes.isEmpty else { throw PNGDecodingError("the file is empty (0 bytes)") }
        guard bytes.count <= maxFileBytes else { throw PNGDecodingError("the file is \(bytes.count >> 20) MB, more than the \(maxFileBytes >> 20) MB accepted") }
        // The size is refused from the header, before decoding megapixels for nothing.
        if bytes.count >= 24, Array(bytes[0..<8]) == PNGEncoder.signature {
            let width = Int(PNGDecoder.readBigEndian(bytes, 16)), height = Int(PNGDecoder.readBigEndian(bytes, 20))
            guard height == 0 || width <= DigitPreprocessor.maxPixels / height else {
                throw RuntimeError("the image is \(width)x\(height) pixels, more than the \(DigitPreprocessor.maxPixels) accepted; scale it down first")
            }
        }
        let raster = try PNGDecoder.decode(bytes)
        return try DigitPreprocessor.prepare(gray: gray(raster), width: raster.width, height: raster.height, side: side)
    }

    /// Luminance in 0...1 (Rec. 709 weights) of every pixel composited over white, so a
    /// transparent background counts as paper: gray `[height, width]`.
    public static func gray(_ raster: Raster) -> [Float] {
        var out = [Float](repeating: 1, count: raster.width * raster.height)
        raster.pixels.withUnsafeBufferPointer { p in
            for i in out.indices {
                let a = Float(p[4 * i + 3]) / 255
                let y = (0.2126 * Float(p[4 * i]) + 0.7152 * Float(p[4 * i + 1]) + 0.0722 * Float(p[4 * i + 2])) / 255
                out[i] = a * y + (1 - a)
            }
        }
        return out
    }
}
