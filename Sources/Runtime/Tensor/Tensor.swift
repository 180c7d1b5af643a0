/// A dense, row-major tensor of `Float` values.
///
/// The storage is one contiguous buffer; `shape` lists the extent of each axis, outermost first
/// (images are NCHW). A tensor of shape `[]` is a scalar holding one value.
public struct Tensor: Equatable, Sendable {
    /// Extent of each axis, outermost first.
    public var shape: [Int]
    /// The values in row-major order: `data.count == shape.reduce(1, *)`.
    public var data: [Float]

    /// Creates a tensor from a shape and matching row-major data.
    public init(shape: [Int], data: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        precondition(shape.reduce(1, *) == data.count,
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) values, got \(data.count)")
        self.shape = shape
        self.data = data
    }

    /// A tensor of the given shape filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, data: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// Number of values.
    public var count: Int { data.count }
    /// Number of axes.
    public var rank: Int { shape.count }
}
