/// One run of Lloyd's k-means algorithm, advanced in half steps so each can be drawn: an
/// assignment (every point to its nearest centroid) and an update (every centroid to the mean of
/// its points).
///
/// The rules are scikit-learn's (`KMeans(algorithm="lloyd")`, read from its source), so the same
/// initial centroids give the same labels, centroids and inertia at every iteration:
/// - Nearest centroid by ‖c‖² − 2 x·c: ranked in float32 (the points are float32, as nv holds
///   data), and wherever float32 rounding could decide, ranked again in double precision on data
///   centred by its mean, as scikit-learn ranks (`KMeansFloatKernel`); an exact tie goes to the
///   lower centroid index. Sums, means and inertia are double precision (centroids to 1e-13 of
///   scikit-learn's on unscaled wine, whose proline is in the thousands).
/// - It stops when an assignment changes no label ("converged", checked from the second
///   assignment on), when the centroids moved less than `tolerance` × the mean variance of the
///   features in total squared distance, or after `maxIterations`. After the last two the points
///   are assigned once more to the final centroids (not counted as an iteration), so labels and
///   centroids always agree when it has stopped.
/// - An empty cluster takes the point farthest from its own centroid (the previous centroids);
///   several empty clusters, in index order, take the farthest points in decreasing distance
///   (equal distances: lower point index first — scikit-learn's order among equal distances is
///   that of numpy's argpartition). The point keeps its label until the next assignment, as there.
/// - `inertia` is the sum of squared distances of the points to their assigned centroids, recorded
///   at every assignment: `inertiaHistory[t]` is the inertia of the centroids after t updates.
public struct KMeans: Sendable {
    /// The half step `step()` does next.
    public enum Phase: Sendable, Equatable { case assign, update }

    /// Why a run stopped.
    public enum Stop: Sendable, Equatable {
        /// An assignment changed no point's cluster.
        case converged
        /// The centroids moved less than the tolerance (the total squared shift is given).
        case tolerance(shift: Double)
        /// `maxIterations` assignments were done.
        case maxIterations
    }

    /// Points, features and clusters.
    public let n: Int, d: Int, k: Int
    /// At most this many iterations (assignment + update).
    public let maxIterations: Int
    /// The relative tolerance as given (0 turns it off).
    public let tolerance: Double
    /// `tolerance` × the mean of the features' variances (scikit-learn's `_tolerance`).
    public let absoluteTolerance: Double
    /// The mean of the points, [d]; the work is done on centred data.
    public let mean: [Double]
    let x: [Float]             // x: [n, d], the points as given (float32, as nv holds data)
    let pointNorms: [Float]    // pointNorms: [n], ‖x‖² for the float32 rounding bound
    let totalNorm: Double      // Σ‖x‖² in double, for the inertia from the cluster sums
    var centred: [Double]      // centred: [k, d], the centroids minus `mean`

    /// Cluster of every point, [n]; −1 before the first assignment.
    public private(set) var labels: [Int]
    /// Which points changed cluster in the last assignment, [n].
    public private(set) var changed: [Bool]
    /// How many points changed cluster in the last assignment.
    public private(set) var changedCount = 0
    /// Points in every cluster after the last half step, [k].
    public private(set) var sizes: [Int]
    /// Completed iterations (assignments, as scikit-learn's `n_iter_` counts them).
    public private(set) var iterations = 0
    /// The next half step.
    public private(set) var next: Phase = .assign
    /// Inertia at every assignment (the first one is that of the initial centroids).
    public private(set) var inertiaHistory: [Double] = []
    /// The centroids, [k, d], at the start and after every update (and every edit): their trails.
    public private(set) var trail: [[Double]]
    /// Why the run stopped; nil while it goes on.
    public private(set) var stop: Stop?
    /// Total squared distance the centroids moved in the last update.
    public private(set) var lastShift: Double?

    // The last assignment's cluster sums (of the points as given, not centred) and counts, per
    // fixed half of the points, so the update's means do not depend on whether the halves ran
    // on one core or two.
    var sums: [[Double]]   // sums: [2][k, d]
    var counts: [[Int]]    // counts: [2][k]

    /// Starts a run on `points` `[n, d]` row-major with initial centroids chosen by `method`.
    /// - Throws: `RuntimeError` for no points, a size mismatch, a value that is not a finite
    ///   number, k outside 1...n, or given centroids of the wrong shape.
    public init(points: [Double], features d: Int, k: Int, init method: KMeansInit = .kmeansPlusPlus,
                maxIterations: Int = 300, tolerance: Double = 1e-4, rng: inout SeededGenerator) throws {
        _ = try KMeans.checkPoints(points, features: d)
        try self.init(points: points.map { Float($0) }, features: d, k: k, init: method,
                      maxIterations: maxIterations, tolerance: tolerance, rng: &rng)
    }

    /// `init(points:...)` on float32 points, the form the work is done in (double-precision
    /// points are rounded to it; the sums, means and inertia are kept in double).
    public init(points: [Float], features d: Int, k: Int, init method: KMeansInit = .kmeansPlusPlus,
                maxIterations: Int = 300, tolerance: Double = 1e-4, rng: inout SeededGenerator) throws {
        let n = try KMeans.checkPoints(points.map(Double.init), features: d)
        guard k >= 1 else { throw RuntimeError("k must be at least 1, got \(k)") }
        guard k <= n else {
            throw RuntimeError("k = \(k) is more than the \(n) points; every cluster needs a point")
        }
        guard maxIterations >= 1 else { throw RuntimeError("max_iter must be at least 1, got \(maxIterations)") }
        guard tolerance >= 0, tolerance.isFinite else { throw RuntimeError("tol must be a number ≥ 0, got \(tolerance)") }
        if case .given(let c) = method {
            guard c.count == k * d else {
                throw RuntimeError("the initial centroids must be \(k) points of \(d) features, got \(c.count) values")
            }
            if let bad = c.firstIndex(where: { !$0.isFinite }) {
                throw RuntimeError("initial centroid \(bad / d) has a value that is not a number (\(RuntimeError.describe(c[bad])))")
            }
        }
        self.n = n
        self.d = d
        self.k = k
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        // The mean and variance per feature in double precision; the ranking works on centred
        // data (as scikit-learn's, which centres X) where it is done in double.
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for f in 0..<d { mean[f] += Double(points[i * d + f]) } }
        for f in 0..<d { mean[f] /= Double(n) }
        var variance = [Double](repeating: 0, count: d)
        var total = 0.0
        var pointNorms = [Float](repeating: 0, count: n)
        for i in 0..<n {
            var norm = 0.0
            for f in 0..<d {
                let v = Double(points[i * d + f])
                let e = v - mean[f]
                variance[f] += e * e
                norm += v * v
            }
            pointNorms[i] = Float(norm)
            total += norm
        }
        absoluteTolerance = tolerance == 0 ? 0 : variance.reduce(0, +) / Double(n) / Double(d) * tolerance
        self.mean = mean
        x = points
        self.pointNorms = pointNorms
        totalNorm = total
        var initial = KMeansInit.centroids(method, x: points.map(Double.init), n: n, d: d, k: k, rng: &rng)
        trail = [initial]
        for j in 0..<k { for f in 0..<d { initial[j * d + f] -= mean[f] } }
        centred = initial
        labels = [Int](repeating: -1, count: n)
        changed = [Bool](repeating: false, count: n)
        sizes = [Int](repeating: 0, count: k)
        sums = [[Double]](repeating: [Double](repeating: 0, count: k * d), count: 2)
        counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: 2)
    }

    /// Checks a point buffer `[n, d]` and returns n.
    static func checkPoints(_ points: [Double], features d: Int) throws -> Int {
        guard d >= 1 else { throw RuntimeError("the points need at least one feature") }
        guard !points.isEmpty else { throw RuntimeError("the data has no points") }
        guard points.count % d == 0 else {
            throw RuntimeError("\(points.count) values do not make points of \(d) features")
        }
        if let bad = points.firstIndex(where: { !$0.isFinite }) {
            throw RuntimeError("point \(bad / d), feature \(bad % d) is not a number (\(RuntimeError.describe(points[bad])))")
        }
        return points.count / d
    }

    /// The centroids, [k, d].
    public var centroids: [Double] {
        var c = centred
        for j in 0..<k { for f in 0..<d { c[j * d + f] += mean[f] } }
        return c
    }

    /// The inertia of the last assignment; nil before the first.
    public var inertia: Double? { inertiaHistory.last }

    /// True once the run has stopped.
    public var isFinished: Bool { stop != nil }

    /// Moves centroid `index` to `value` `[d]`; the next half step is then an assignment and a
    /// stopped run may go on.
    /// - Throws: `RuntimeError` for an index outside 0..<k, a wrong length or a non-finite value.
    public mutating func setCentroid(_ index: Int, to value: [Double]) throws {
        guard (0..<k).contains(index) else {
            throw RuntimeError("centroid index \(index) is outside 0...\(k - 1)")
        }
        guard value.count == d else {
            throw RuntimeError("a centroid has \(d) features, got \(value.count)")
        }
        if let bad = value.first(where: { !$0.isFinite }) {
            throw RuntimeError("a centroid value is not a number (\(RuntimeError.describe(bad)))")
        }
        for f in 0..<d { centred[index * d + f] = value[f] - mean[f] }
        trail.append(centroids)
        next = .assign
        stop = nil
    }

    /// Advances one half step; returns false (and does nothing) when the run has stopped.
    @discardableResult
    public mutating func step() -> Bool {
        guard stop == nil else { return false }
        switch next {
        case .assign: assign(counted: true)
        case .update: update()
        }
        return true
    }

    /// Runs to the end, calling `observer` after every half step (return false to stop early).
    public mutating func run(observer: (KMeans) -> Bool = { _ in true }) {
        while step() {
            if !observer(self) { return }
        }
    }

    /// Labels of new points `[m, d]` (nearest centroid, ties to the lower index).
    /// - Throws: `RuntimeError` when the points are not rows of d features or not finite.
    public func predict(_ points: [Double]) throws -> [Int] {
        let m = try KMeans.checkPoints(points, features: d)
        let norms = centroidNorms()
        return (0..<m).map { i in
            var best = 0, bestValue = Double.infinity
            for j in 0..<k {
                var dotValue = 0.0
                for f in 0..<d { dotValue += (points[i * d + f] - mean[f]) * centred[j * d + f] }
                let value = norms[j] - 2 * dotValue
                if value < bestValue { bestValue = value; best = j }
            }
            return best
        }
    }

    func centroidNorms() -> [Double] {
        centred.withUnsafeBufferPointer { c in (0..<k).map { KMeansKernels.dot(c.baseAddress! + $0 * d, c.baseAddress! + $0 * d, d) } }
    }

    /// The assignment half step; `counted` is false for the final one after a stop.
    mutating func assign(counted: Bool) {
        let (d, k) = (self.d, self.k)
        let exactNorms = centroidNorms()
        let current = centroids                                     // [k, d], not centred
        let floatCentroids = current.map { Float($0) }
        let floatNorms: [Float] = (0..<k).map { j in
            var s: Float = 0
            for f in 0..<d { s += floatCentroids[j * d + f] * floatCentroids[j * d + f] }
            return s
        }
        let largest = floatNorms.max().map { $0.squareRoot() } ?? 0
        let half = (n + 1) / 2
        var results = [KMeansFloatKernel.BlockResult](repeating: .init(), count: 2)
        var sums0 = [Double](repeating: 0, count: k * d), sums1 = sums0
        var counts0 = [Int](repeating: 0, count: k), counts1 = counts0
        x.withUnsafeBufferPointer { xp in
        pointNorms.withUnsafeBufferPointer { np in
        floatCentroids.withUnsafeBufferPointer { fcp in
        floatNorms.withUnsafeBufferPointer { fnp in
        mean.withUnsafeBufferPointer { mp in
        centred.withUnsafeBufferPointer { cp in
        exactNorms.withUnsafeBufferPointer { cnp in
        labels.withUnsafeMutableBufferPointer { lp in
        changed.withUnsafeMutableBufferPointer { chp in
        sums0.withUnsafeMutableBufferPointer { s0 in
        sums1.withUnsafeMutableBufferPointer { s1 in
        counts0.withUnsafeMutableBufferPointer { k0 in
        counts1.withUnsafeMutableBufferPointer { k1 in
            let xs = SendablePointer(xp.baseAddress!), ns = SendablePointer(np.baseAddress!)
            let fcs = SendablePointer(fcp.baseAddress!), fns = SendablePointer(fnp.baseAddress!)
            let ms = SendablePointer(mp.baseAddress!)
            let cs = SendablePointer(cp.baseAddress!), cns = SendablePointer(cnp.baseAddress!)
            let ls = SendableMutablePointer(lp.baseAddress!), chs = SendableMutablePointer(chp.baseAddress!)
            let sumsPointers = [SendableMutablePointer(s0.baseAddress!), SendableMutablePointer(s1.baseAddress!)]
            let countPointers = [SendableMutablePointer(k0.baseAddress!), SendableMutablePointer(k1.baseAddress!)]
            func block(_ h: Int) -> KMeansFloatKernel.BlockResult {
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * k)
                let exactScratch = UnsafeMutablePointer<Double>.allocate(capacity: d)
                defer { scratch.deallocate(); exactScratch.deallocate() }
                return KMeansFloatKernel.assign(
                    rows: h == 0 ? 0..<half : half..<n, d: d, k: k, x: xs.pointer, pointNorms: ns.pointer,
                    centroids: fcs.pointer, centroidNorms: fns.pointer, largestCentroid: largest,
                    mean: ms.pointer, exactCentroids: cs.pointer, exactNorms: cns.pointer,
                    labels: ls.pointer, changedFlags: chs.pointer, sums: sumsPointers[h].pointer,
                    counts: countPointers[h].pointer, scratch: scratch, exactScratch: exactScratch)
            }
            if n * d * k >= Parallel.threshold {
                var r0 = KMeansFloatKernel.BlockResult(), r1 = KMeansFloatKernel.BlockResult()
                Parallel.pair({ r0 = block(0) }, { r1 = block(1) })
                results = [r0, r1]
            } else {
                results = [block(0), block(1)]
            }
        }}}}}}}}}}}}}
        sums = [sums0, sums1]
        counts = [counts0, counts1]
        sizes = (0..<k).map { counts0[$0] + counts1[$0] }
        changedCount = results[0].changed + results[1].changed
        // Σ‖x − c‖² over the clusters from their sums: Σ‖x‖² − 2 Σ c·S + Σ n‖c‖².
        var inertia = totalNorm
        for j in 0..<k {
            var cross = 0.0, norm = 0.0
            for f in 0..<d {
                let c = current[j * d + f]
                cross += c * (sums0[j * d + f] + sums1[j * d + f])
                norm += c * c
            }
            inertia += Double(sizes[j]) * norm - 2 * cross
        }
        inertiaHistory.append(Swift.max(0, inertia))
        guard counted else { return }
        iterations += 1
        if iterations > 1 && changedCount == 0 {
            stop = .converged
        } else {
            next = .update
        }
    }

    /// The update half step: means of the clusters, empty clusters relocated, then the stop rules.
    mutating func update() {
        var sum = [Double](repeating: 0, count: k * d)
        var count = [Int](repeating: 0, count: k)
        for j in 0..<k {
            count[j] = counts[0][j] + counts[1][j]
            for f in 0..<d { sum[j * d + f] = sums[0][j * d + f] + sums[1][j * d + f] }
        }
        relocateEmptyClusters(sum: &sum, count: &count)
        let old = centred
        var new = sum
        var biggest = 0
        for j in 1..<k where count[j] > count[biggest] { biggest = j }
        for j in 0..<k where count[j] > 0 {
            let alpha = 1.0 / Double(count[j])
            for f in 0..<d { new[j * d + f] = new[j * d + f] * alpha - mean[f] }
        }
        // A cluster still empty (only when every point sits on its centroid) goes to the largest one.
        for j in 0..<k where count[j] == 0 {
            for f in 0..<d { new[j * d + f] = new[biggest * d + f] }
        }
        var shift = 0.0
        for j in 0..<k {
            var s = 0.0
            for f in 0..<d {
                let e = new[j * d + f] - old[j * d + f]
                s += e * e
            }
            shift += s
        }
        centred = new
        sizes = count
        lastShift = shift
        trail.append(centroids)
        next = .assign
        if shift <= absoluteTolerance {
            stop = .tolerance(shift: shift)
        } else if iterations >= maxIterations {
            stop = .maxIterations
        }
        if stop != nil { assign(counted: false) }
    }

    /// scikit-learn's `_relocate_empty_clusters_dense` on the summed clusters (sums of the
    /// points as given; distances on centred data in double precision).
    func relocateEmptyClusters(sum: inout [Double], count: inout [Int]) {
        let empty = (0..<k).filter { count[$0] == 0 }
        guard !empty.isEmpty else { return }
        let distance: [Double] = (0..<n).map { i in
            var s = 0.0
            for f in 0..<d {
                let e = Double(x[i * d + f]) - mean[f] - centred[labels[i] * d + f]
                s += e * e
            }
            return s
        }
        guard let farthest = distance.max(), farthest > 0 else { return }
        let order = (0..<n).sorted { distance[$0] != distance[$1] ? distance[$0] > distance[$1] : $0 < $1 }
        for (slot, cluster) in empty.enumerated() where slot < n {
            let point = order[slot]
            let from = labels[point]
            for f in 0..<d {
                let v = Double(x[point * d + f])
                sum[from * d + f] -= v
                sum[cluster * d + f] = v
            }
            count[cluster] = 1
            count[from] -= 1
        }
    }
}
