import Plots
import Runtime

/// The nv value of `kmeans(...)`: the settings, and once trained (or stepped) on data, the run
/// with its centroids, labels and history. `km.centroids[0] = [1, 2]` moves a centroid; the
/// next `step(km)` or `train(km)` then assigns the points to the moved centroids.
final class KMeansModel: NVObject, ModelObject, ShowableObject {
    static var family: ModelFamily { KMeansFamily.family }

    let k: Int
    let initMethod: KMeansInit
    let maxIterations: Int
    let tolerance: Double
    let restarts: Int
    /// The seed its starts are drawn from.
    let seed: UInt64
    /// The run on the data last given; nil before.
    var run: KMeans?
    /// The data of that run, for the pictures.
    var picture: KMeansPicture?
    var rows: PointRows?
    /// After restarts: which start was kept and every start's inertia.
    var bestRestart: Int?
    var restartInertias: [Double] = []

    init(k: Int, initMethod: KMeansInit, maxIterations: Int, tolerance: Double, restarts: Int, seed: UInt64) {
        self.k = k; self.initMethod = initMethod; self.maxIterations = maxIterations
        self.tolerance = tolerance; self.restarts = restarts; self.seed = seed
    }

    var typeName: String { "model" }

    var description: String {
        var text = "kmeans: k = \(k), init \(initMethod.name), max_iter \(maxIterations), tol \(Value.format(tolerance)), n_init \(restarts)"
        guard let run else { return text + "; not trained" }
        text += "; \(run.n) points of \(run.d) features, iteration \(run.iterations)"
        if let inertia = run.inertia { text += ", inertia \(Value.format(inertia))" }
        if let stop = run.stop { text += ", " + Self.stopText(stop) }
        return text
    }

    static func stopText(_ stop: KMeans.Stop) -> String {
        switch stop {
        case .converged: "converged (no point changed cluster)"
        case .tolerance: "converged (the centroids moved less than tol)"
        case .maxIterations: "stopped at max_iter"
        }
    }

    var memberNames: [String] { ["k", "centroids", "labels", "inertia", "iterations", "sizes", "converged"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "k": return .number(Double(k))
        case "centroids":
            guard run != nil else { return .null }
            return .object(CentroidsObject(model: self))
        case "labels": return .list((run?.labels ?? []).map { .number(Double($0)) })
        case "inertia": return run?.inertia.map { .number($0) } ?? .null
        case "iterations": return .number(Double(run?.iterations ?? 0))
        case "sizes": return .list((run?.sizes ?? []).map { .number(Double($0)) })
        case "converged":
            switch run?.stop {
            case .converged, .tolerance: return .bool(true)
            default: return .bool(false)
            }
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        guard name == "centroids" else {
            throw ValueError(memberNames.contains(name) ? "\(name) cannot be set; only km.centroids can" : "a kmeans model has no member '\(name)'")
        }
        guard run != nil else { throw ValueError("km.centroids can be set after train(km, data) or step(km, data)") }
        let rows: Tensor
        do { rows = try Conversions.tensor(from: value) } catch { throw ValueError("km.centroids must be \(k) rows of numbers: \(error.message)") }
        guard rows.rank == 2, rows.shape[0] == k else {
            throw ValueError("km.centroids must be \(k) rows of \(run!.d) numbers, got shape \(rows.shape)")
        }
        for j in 0..<k { try setCentroid(j, Array(rows.data[j * rows.shape[1] ..< (j + 1) * rows.shape[1]])) }
    }

    /// Moves centroid `index`, with the Runtime's check turned into a value error.
    func setCentroid(_ index: Int, _ value: [Float]) throws {
        do { try run?.setCentroid(index, to: value.map(Double.init)) } catch let error as RuntimeError {
            throw ValueError(error.message)
        }
    }

    var figure: Figure {
        guard let run, let picture else {
            return Figure.single(MessageChart("train(km, data) or step(km, data)\nto see the clusters"), title: description)
        }
        return KMeansViews.dashboard(run, picture: picture)
    }
}

/// `km.centroids`: the centroids as rows, `km.centroids[0] = [1, 2]` moving one.
final class CentroidsObject: NVObject {
    let model: KMeansModel
    init(model: KMeansModel) { self.model = model }
    var typeName: String { "list" }
    var rows: [[Double]] {
        guard let run = model.run else { return [] }
        let c = run.centroids
        return (0..<run.k).map { Array(c[$0 * run.d ..< ($0 + 1) * run.d]) }
    }
    var description: String { Value.list(rows.map { .list($0.map { .number($0) }) }).description }

    func element(at index: Value) throws -> Value {
        let j = try position(index)
        return .list(rows[j].map { .number($0) })
    }

    func setElement(at index: Value, to value: Value) throws {
        let j = try position(index)
        let row: Tensor
        do { row = try Conversions.tensor(from: value) } catch { throw ValueError("a centroid must be a list of numbers: \(error.message)") }
        try model.setCentroid(j, row.data)
    }

    func position(_ index: Value) throws -> Int {
        guard case .number(let x) = index, let j = Int(exactly: x), (0..<model.k).contains(j) else {
            throw ValueError("centroid index must be a whole number from 0 to \(model.k - 1), got \(index.description)")
        }
        return j
    }
}
