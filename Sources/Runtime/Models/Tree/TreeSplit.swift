/// The best split found for a node's rows `start ..< end` of the splitter's sample order, after
/// which the rows going left are `start ..< position` and the rest `position ..< end`.
struct TreeSplit: Sendable {
    var feature: Int
    var threshold: Double
    var position: Int
    var impurityLeft: Double
    var impurityRight: Double
    /// Weighted impurity decrease as a fraction of the whole training weight.
    var gain: Double
}
