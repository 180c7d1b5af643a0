import Runtime

/// How points of any number of features are placed on a drawing's plane: as they are (two
/// features), by a chosen pair of features, or by their first two principal components. The
/// algorithms keep working in the full space; only the picture is projected.
public struct PlaneProjection: Sendable {
    /// The kinds of projection.
    public enum Kind: Sendable {
        case identity
        case features(Int, Int)
        case pca(PCA)
    }

    public let kind: Kind
    /// Features per point before projection.
    public let d: Int

    public init(kind: Kind, features d: Int) {
        self.kind = kind; self.d = d
    }

    /// The natural projection of `points` `[n, d]`: identity for two features, else the first two
    /// principal components (of at most 2,000 evenly spaced points, so large sets stay quick).
    public static func automatic(points: [Float], features d: Int) -> PlaneProjection {
        guard d != 2 else { return PlaneProjection(kind: .identity, features: 2) }
        guard d > 2 else { return PlaneProjection(kind: .features(0, 0), features: d) }
        let n = points.count / d
        let step = Swift.max(1, n / 2000)
        var sample: [Float] = []
        for i in stride(from: 0, to: n, by: step) { sample += points[i * d ..< i * d + d] }
        guard let pca = try? PCA.fit(points: sample, featureCount: d, components: 2) else {
            return PlaneProjection(kind: .features(0, 1), features: d)
        }
        return PlaneProjection(kind: .pca(pca), features: d)
    }

    /// True when the plane is the data's own space, so regions drawn on it are exact.
    public var isExact: Bool {
        if case .identity = kind { return true }
        return false
    }

    /// Rows `[m, d]` placed on the plane: [m, 2].
    public func project(_ rows: [Double]) -> [Double] {
        switch kind {
        case .identity:
            return rows
        case .features(let a, let b):
            let m = rows.count / d
            return (0..<m).flatMap { [rows[$0 * d + a], rows[$0 * d + b]] }
        case .pca(let pca):
            return pca.project(rows)
        }
    }

    /// The axis names, given the features' names when known.
    public func axisNames(_ featureNames: [String]?) -> (String, String) {
        func name(_ i: Int) -> String { featureNames.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? "feature \(i)" }
        switch kind {
        case .identity: return (name(0), name(1))
        case .features(let a, let b): return (name(a), name(b))
        case .pca: return ("PC 1", "PC 2")
        }
    }
}
