import Plots

/// An nv object that has a picture: `show(x)` draws it (a model's dashboard, a dataset's scatter).
protocol ShowableObject: NVObject {
    /// The picture `show` draws.
    var figure: Figure { get }
}
