/// Grows a decision tree one node at a time, so a live view can draw each split as it is made.
///
/// Depth-first order follows scikit-learn's `DepthFirstTreeBuilder` (a stack; the left child
/// is looked at before the right), best-first its `BestFirstTreeBuilder` (a node's split is
/// searched when the node is made; the open node with the largest gain is split next, at most
/// `maxLeaves − 1` times). A node stays a leaf when it is at `maxDepth`, has fewer than
/// `minSamplesSplit` (or 2·`minSamplesLeaf`) rows, is pure (impurity ≤ machine epsilon), or
/// no split keeps `minSamplesLeaf` rows on each side. Splits that gain nothing are still made,
/// as scikit-learn makes them (XOR-like data needs one to get anywhere).
///
/// Children are made as soon as their parent splits, and numbered in that order (root 0, then
/// two per split); `DecisionTree.preorder` gives scikit-learn's numbering of depth-first trees.
public struct TreeGrower: Sendable {
    /// What one step did.
    public enum Step: Sendable, Equatable {
        /// The node was split; its two children are new open nodes.
        case split(node: Int)
        /// The node was settled as a leaf.
        case leaf(node: Int)
    }

    public private(set) var tree: DecisionTree
    var splitter: TreeSplitter
    /// Rows of each node in the splitter's order: ranges[node] = start ..< end.
    var ranges: [Range<Int>] = []
    /// Features known constant at each open node (depth-first only).
    var knownConstants: [Int] = []
    /// The open nodes of depth-first growth, the next on top.
    var stack: [Int] = []
    /// The open nodes of best-first growth and their searched splits.
    var frontier = FrontierHeap()
    var pending: [Int: TreeSplit] = [:]
    var splitBudget: Int
    let maxDepth: Int
    public private(set) var openNodes: Set<Int> = []

    static let epsilon = Double.ulpOfOne

    /// Starts a tree with only its root (open).
    /// - Parameter weights: per-row weights (a bootstrap's counts); nil weighs every row 1.
    /// - Throws: `RuntimeError` for bad settings or weights.
    public init(table: TreeTable, settings: TreeSettings, random: TreeRandom, weights: [Double]? = nil) throws {
        try self.init(table: table, settings: settings, random: random, weights: weights, counting: true)
    }

    /// `counting: false` makes a class tree sort its rows as a regression tree does, so tests can
    /// check that counting grows the same tree.
    init(table: TreeTable, settings: TreeSettings, random: TreeRandom, weights: [Double]?, counting: Bool) throws {
        try settings.validate()
        if settings.criterion.isClassification != table.isClassification {
            throw RuntimeError(table.isClassification
                ? "tree: criterion '\(settings.criterion.rawValue)' is for numbers, the data has classes; use \"gini\" or \"entropy\""
                : "tree: criterion '\(settings.criterion.rawValue)' is for classes, the data has numeric targets; use \"mse\"")
        }
        let w = weights ?? [Double](repeating: 1, count: table.count)
        guard w.count == table.count, w.allSatisfy({ $0 >= 0 && $0.isFinite }), w.contains(where: { $0 > 0 }) else {
            throw RuntimeError("tree: weights must be \(table.count) numbers ≥ 0, not all 0")
        }
        tree = DecisionTree(table: table, settings: settings)
        splitter = TreeSplitter(table: table, weights: w, settings: settings, random: random, counting: counting)
        maxDepth = settings.maxDepth ?? Int.max
        splitBudget = settings.order == .bestFirst ? (settings.maxLeaves ?? Int.max) - 1 : Int.max
        let root = makeNode(parent: -1, depth: 0, range: 0..<splitter.samples.count,
                            impurity: splitter.impurity(0, splitter.samples.count))
        if settings.order == .depthFirst {
            knownConstants = [0]
            stack = [root]
        } else {
            openBestFirst(root)
        }
    }

    /// True when every node is settled.
    public var isFinished: Bool { openNodes.isEmpty }

    /// Settles one open node: splits it or makes it a leaf. Nil when the tree is finished.
    public mutating func step() -> Step? {
        tree.settings.order == .depthFirst ? stepDepthFirst() : stepBestFirst()
    }

    /// Steps until the next split (leaves settled on the way); returns the split node, or nil
    /// when the tree finished without another split.
    public mutating func growSplit() -> Int? {
        while let s = step() {
            if case .split(let node) = s { return node }
        }
        return nil
    }

    /// Grows to the end and returns the tree.
    @discardableResult
    public mutating func growAll() -> DecisionTree {
        while step() != nil {}
        return tree
    }

    private mutating func stepDepthFirst() -> Step? {
        guard let node = stack.popLast() else { return nil }
        openNodes.remove(node)
        let info = tree.nodes[node]
        let range = ranges[node]
        var constants = knownConstants[node]
        var split: TreeSplit?
        if !isLeafBeforeSearch(info, range) {
            split = splitter.split(range.lowerBound, range.upperBound, impurity: info.impurity, knownConstants: &constants)
        }
        guard let found = split, found.gain + Self.epsilon >= 0 else { return .leaf(node: node) }
        let (left, right) = apply(found, to: node)
        knownConstants[left] = constants
        knownConstants[right] = constants
        stack.append(right)
        stack.append(left)
        return .split(node: node)
    }

    private mutating func stepBestFirst() -> Step? {
        guard let entry = frontier.pop() else { return nil }
        let node = entry.node
        openNodes.remove(node)
        guard let found = pending.removeValue(forKey: node), splitBudget > 0 else {
            return .leaf(node: node)
        }
        splitBudget -= 1
        let (left, right) = apply(found, to: node)
        openBestFirst(left)
        openBestFirst(right)
        return .split(node: node)
    }

    /// Searches a new best-first node's split at once (scikit-learn's `_add_split_node`) and
    /// queues it by its gain.
    private mutating func openBestFirst(_ node: Int) {
        let info = tree.nodes[node], range = ranges[node]
        var constants = 0
        var gain = 0.0
        if !isLeafBeforeSearch(info, range),
           let found = splitter.split(range.lowerBound, range.upperBound, impurity: info.impurity, knownConstants: &constants),
           found.gain + Self.epsilon >= 0 {
            pending[node] = found
            gain = found.gain
        }
        frontier.push(.init(node: node, gain: gain))
    }

    private func isLeafBeforeSearch(_ node: TreeNode, _ range: Range<Int>) -> Bool {
        let settings = tree.settings
        return node.depth >= maxDepth || range.count < settings.minSamplesSplit
            || range.count < 2 * settings.minSamplesLeaf || node.impurity <= Self.epsilon
    }

    /// Turns `node` into a split with two new open leaves.
    private mutating func apply(_ split: TreeSplit, to node: Int) -> (Int, Int) {
        let range = ranges[node], depth = tree.nodes[node].depth + 1
        let left = makeNode(parent: node, depth: depth, range: range.lowerBound..<split.position, impurity: split.impurityLeft)
        let right = makeNode(parent: node, depth: depth, range: split.position..<range.upperBound, impurity: split.impurityRight)
        tree.nodes[node].feature = split.feature
        tree.nodes[node].threshold = split.threshold
        tree.nodes[node].left = left
        tree.nodes[node].right = right
        tree.nodes[node].gain = split.gain
        return (left, right)
    }

    private mutating func makeNode(parent: Int, depth: Int, range: Range<Int>, impurity: Double) -> Int {
        let (sums, weight) = splitter.statistics(range.lowerBound, range.upperBound)
        let id = tree.nodes.count
        tree.nodes.append(TreeNode(feature: -1, threshold: 0, left: -1, right: -1, parent: parent, depth: depth,
                                   impurity: impurity, samples: range.count, weightedSamples: weight, gain: 0))
        if tree.classes > 0 {
            tree.values.append(contentsOf: sums)
        } else {
            tree.values.append(sums[0] / weight)
        }
        ranges.append(range)
        knownConstants.append(0)
        openNodes.insert(id)
        return id
    }
}
