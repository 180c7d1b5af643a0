/// The size of drawn text in pixels.
public struct TextSize: Equatable, Sendable {
    public var width: Int
    public var height: Int

    /// A size of `width` x `height` pixels.
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}
