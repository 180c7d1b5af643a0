/// A continuous map from t in [0, 1] to a colour, by linear interpolation (in sRGB) between
/// evenly spaced anchor colours.
///
/// The built-in maps:
/// - `viridis` — perceptually uniform sequential map (van der Walt, Smith and Firing, 2015),
///   reproduced from matplotlib's published `_viridis_data` at 9 evenly spaced anchors
///   (entries 0, 32, ..., 255, as hex); between anchors it differs from the 256-entry table by
///   at most a few levels per channel.
/// - `diverging` — blue (t = 0, negative) through near-white (t = 0.5, zero) to red (t = 1,
///   positive): ColorBrewer's 11-class RdBu (Cynthia Brewer, colorbrewer2.org), reversed so
///   that red means positive. For signed weights map `w` with `t = 0.5 + w / (2 * maxAbs)`.
/// - `gray` — black to white.
/// - `grayInverted` — white to black (digits drawn dark on light paper).
public struct Colormap: Sendable {
    /// A short name for messages and legends.
    public let name: String
    /// The anchor colours, at t = 0, 1/(n-1), ..., 1.
    public let anchors: [RGBA]
    /// lookup: [256] — the map sampled at t = i / 255, for the per-pixel paths.
    let lookup: [RGBA]

    /// A colormap through `anchors` (at least one; one anchor is a constant map).
    public init(name: String, anchors: [RGBA]) {
        let usable = anchors.isEmpty ? [RGBA.black] : anchors
        self.name = name
        self.anchors = usable
        self.lookup = (0..<256).map { Colormap.interpolate(usable, Double($0) / 255) }
    }

    /// The colour at `t`; t is clamped to [0, 1], and NaN gives the colour at 0.
    public func color(at t: Double) -> RGBA {
        Colormap.interpolate(anchors, t.isNaN ? 0 : min(1, max(0, t)))
    }

    /// The colour at `t` from the 256-entry table (what images and heatmaps use).
    @inline(__always)
    func fastColor(at t: Double) -> RGBA {
        lookup[clampedInt(t * 255 + 0.5, 0, 255)]
    }

    /// The same map run backwards.
    public var reversed: Colormap {
        Colormap(name: name + "_r", anchors: anchors.reversed())
    }

    private static func interpolate(_ anchors: [RGBA], _ t: Double) -> RGBA {
        guard anchors.count > 1 else { return anchors[0] }
        let position = t * Double(anchors.count - 1)
        let i = min(anchors.count - 2, Int(position))
        let f = position - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8(min(255, max(0, (Double(x) + (Double(y) - Double(x)) * f).rounded())))
        }
        return RGBA(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), mix(a.a, b.a))
    }

    /// Perceptually uniform, colour-blind friendly sequential map (dark purple to yellow).
    public static let viridis = Colormap(name: "viridis", anchors: [
        hex(0x440154), hex(0x472D7B), hex(0x3B528B), hex(0x2C728E), hex(0x21918C),
        hex(0x28AE80), hex(0x5EC962), hex(0xADDC30), hex(0xFDE725),
    ])

    /// Blue (negative) – white (zero) – red (positive), from ColorBrewer RdBu reversed.
    public static let diverging = Colormap(name: "diverging", anchors: [
        hex(0x053061), hex(0x2166AC), hex(0x4393C3), hex(0x92C5DE), hex(0xD1E5F0),
        hex(0xF7F7F7), hex(0xFDDBC7), hex(0xF4A582), hex(0xD6604D), hex(0xB2182B),
        hex(0x67001F),
    ])

    /// Black to white.
    public static let gray = Colormap(name: "gray", anchors: [.black, .white])

    /// White to black.
    public static let grayInverted = Colormap(name: "gray_r", anchors: [.white, .black])

    /// The built-in maps by name, for builtins that take a `cmap:` string.
    public static func named(_ name: String) -> Colormap? {
        switch name.lowercased() {
        case "viridis": return .viridis
        case "diverging", "rdbu", "signed": return .diverging
        case "gray", "grey": return .gray
        case "gray_r", "grey_r", "grayinverted": return .grayInverted
        default: return nil
        }
    }
}

/// An opaque colour from a 0xRRGGBB literal.
public func hex(_ value: UInt32) -> RGBA {
    RGBA(UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
}
