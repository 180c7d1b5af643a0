import Runtime

/// What a kNN picture needs besides the model: the training and test points in their original
/// units, their classes and names, the projection to the plane and, for image data, the image
/// size. Build it once per data set.
public struct KNNPicture: Sendable {
    /// train: [n, d]; trainLabels: [n].
    public let train: [Float]
    public let trainLabels: [Int]
    /// test: [m, d]; testLabels: [m] (empty when there is no test set).
    public let test: [Float]
    public let testLabels: [Int]
    public let d: Int
    public let classNames: [String]?
    public let featureNames: [String]?
    public let imageSize: (width: Int, height: Int)?
    public let projection: PlaneProjection
    /// trainXY: [n, 2], testXY: [m, 2], the points placed.
    public let trainXY: [Double]
    public let testXY: [Double]

    public init(train: [Float], trainLabels: [Int], test: [Float] = [], testLabels: [Int] = [], features d: Int,
                classNames: [String]? = nil, featureNames: [String]? = nil,
                imageSize: (width: Int, height: Int)? = nil, projection: PlaneProjection? = nil) {
        self.train = train; self.trainLabels = trainLabels; self.test = test; self.testLabels = testLabels
        self.d = d; self.classNames = classNames; self.featureNames = featureNames; self.imageSize = imageSize
        let projection = projection ?? PlaneProjection.automatic(points: imageSize == nil ? train : [], features: d)
        self.projection = projection
        trainXY = imageSize == nil ? projection.project(train.map(Double.init)) : []
        testXY = imageSize == nil ? projection.project(test.map(Double.init)) : []
    }

    /// The name of class `k`.
    public func className(_ k: Int) -> String {
        classNames.flatMap { $0.indices.contains(k) ? $0[k] : nil } ?? "class \(k)"
    }
}

/// The record of a live kNN run: how many training points the model had at each frame and its
/// accuracy on them and on the test points then.
public struct KNNProgress: Sendable {
    public var shown: [Int] = []
    public var trainAccuracy: [Double] = []
    public var testAccuracy: [Double] = []
    public init() {}
}
