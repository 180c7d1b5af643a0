/// The colours of probability fields under data points: the diverging blue–white–red map
/// faded halfway to white, so class-coloured points (blue, orange) stay readable on the
/// regions they belong to, as in TensorFlow Playground.
enum FieldColormap {
    /// How far each anchor of the diverging map is moved towards white.
    static let fade = 0.5

    /// The faded diverging map.
    static let soft = Colormap(name: "diverging (soft)", anchors: Colormap.diverging.anchors.map { c in
        func toWhite(_ v: UInt8) -> UInt8 { UInt8((Double(v) + (255 - Double(v)) * fade).rounded()) }
        return RGBA(toWhite(c.r), toWhite(c.g), toWhite(c.b), c.a)
    })
}
