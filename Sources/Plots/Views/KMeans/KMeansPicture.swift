import Runtime

/// What a k-means picture needs besides the run: the points, how to place them on the plane,
/// and, when known, their true classes and names, and the image size of image data (MNIST).
/// Build it once per data set; the dashboard redraws from it every frame.
public struct KMeansPicture: Sendable {
    /// points: [n, d].
    public let points: [Float]
    public let d: Int
    /// The true class of every point, [n], when the data has labels.
    public let truth: [Int]?
    /// Names of the true classes.
    public let classNames: [String]?
    /// Names of the features (axis labels).
    public let featureNames: [String]?
    /// Width and height of one image when each point is an image (then centroids are drawn as images).
    public let imageSize: (width: Int, height: Int)?
    /// The placement on the plane.
    public let projection: PlaneProjection
    /// xy: [n, 2], the points placed.
    public let xy: [Double]

    public init(points: [Float], features d: Int, truth: [Int]? = nil, classNames: [String]? = nil,
                featureNames: [String]? = nil, imageSize: (width: Int, height: Int)? = nil,
                projection: PlaneProjection? = nil) {
        self.points = points
        self.d = d
        self.truth = truth
        self.classNames = classNames
        self.featureNames = featureNames
        self.imageSize = imageSize
        let projection = projection ?? (imageSize != nil ? PlaneProjection(kind: .features(0, 0), features: d)
                                                         : PlaneProjection.automatic(points: points, features: d))
        self.projection = projection
        xy = imageSize != nil ? [] : projection.project(points.map(Double.init))
    }
}
