/// The xterm 256-colour palette's fixed part: the 6x6x6 cube (indices 16–231, levels 0, 95, 135,
/// 175, 215, 255) and the gray ramp (232–255, values 8, 18, ..., 238). The first 16 colours are
/// left out on purpose: terminal themes redefine them.
public enum XTerm256 {
    static let levels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The cube level index nearest to an 8-bit value.
    @inline(__always)
    static func cubeIndex(_ v: Int) -> Int {
        v < 48 ? 0 : v < 115 ? 1 : min((v - 35) / 40, 5)
    }

    /// The colour of a palette index 16...255.
    public static func color(_ index: UInt8) -> RGBA {
        let i = Int(index)
        if i >= 232 {
            let v = UInt8(8 + 10 * (i - 232))
            return RGBA(v, v, v)
        }
        let c = max(i - 16, 0)
        return RGBA(UInt8(levels[c / 36]), UInt8(levels[(c / 6) % 6]), UInt8(levels[c % 6]))
    }

    /// The index (16...255) of the palette colour nearest to `color` (squared RGB distance),
    /// choosing between the nearest cube colour and the nearest gray.
    public static func nearest(_ color: RGBA) -> UInt8 {
        let r = Int(color.r), g = Int(color.g), b = Int(color.b)
        let ri = cubeIndex(r), gi = cubeIndex(g), bi = cubeIndex(b)
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = square(levels[ri] - r) + square(levels[gi] - g) + square(levels[bi] - b)
        let mean = (r + g + b) / 3
        let grayStep = min(max((mean - 3) / 10, 0), 23)
        let grayValue = 8 + 10 * grayStep
        let grayDistance = square(grayValue - r) + square(grayValue - g) + square(grayValue - b)
        return UInt8(grayDistance < cubeDistance ? 232 + grayStep : cube)
    }

    @inline(__always)
    static func square(_ v: Int) -> Int { v * v }
}
