import Foundation
import Runtime

/// Pictures of a `Dataset` on its own: its rows as points on two axes, coloured by class with
/// `ClassPalette` (ten distinguishable colours; beyond ten classes colours repeat, and the
/// legend says which is which).
///
/// With two features the axes are the features. With more, the axes are a chosen pair of
/// features (`Projection.features`) or the first two principal components (`Projection.pca`) of
/// the standardised features (`FeatureScaling`, then `PCA`), the default. A one-feature set is drawn against its class
/// (or target). A regression set is drawn in one colour, its target on the title.
public enum DataViews {
    /// Which two coordinates the points are drawn at.
    public enum Projection: Sendable, Equatable {
        /// Features i and j (0-based) on x and y.
        case features(Int, Int)
        /// The first two principal components.
        case pca
    }

    /// `.features(0, 1)` for one or two features, `.pca` for more.
    public static func defaultProjection(for data: Dataset) -> Projection {
        data.featureCount > 2 ? .pca : .features(0, min(1, data.featureCount - 1))
    }

    /// The scatter of `data` seen through `projection` (nil: `defaultProjection`), titled with
    /// the set's name. A feature index out of range, or PCA of a one-feature set, draws a panel
    /// saying so (callers check indices first; this keeps a bad one from crashing a picture).
    public static func scatter(_ data: Dataset, projection: Projection? = nil, width: Int = 560, height: Int = 480) -> Figure {
        let projection = projection ?? defaultProjection(for: data)
        return Figure.single(chart(data, projection: projection), title: title(data, projection),
                             width: width, height: height)
    }

    /// The scatter panel alone.
    public static func chart(_ data: Dataset, projection: Projection) -> any Chart {
        guard let view = try? coordinates(data, projection: projection) else {
            return MessageChart(problem(data, projection))
        }
        let classes = data.isRegression ? nil : data.labels
        let radius = data.count > 1000 ? 2.0 : 3.5
        // Classes named by numbers ("0", "1", the digits) read better as "class 0" in a legend.
        let numbered = data.classNames.allSatisfy { Double($0) != nil }
        let names = numbered ? data.classNames.map { "class " + $0 } : data.classNames
        let scatter = ScatterChart(xs: view.xs, ys: view.ys, classes: classes, classNames: names,
                                   radius: radius, label: data.isRegression ? data.targetName : nil)
        return Axes([scatter], xLabel: view.xLabel, yLabel: view.yLabel, legend: classes == nil ? nil : .best)
    }

    /// The 2D coordinates of every row under `projection`, with axis labels: feature names, or
    /// "PC1 (73% of variance)" for principal components.
    /// - Throws: `RuntimeError` for an index outside the features, or PCA of fewer than 2 features.
    public static func coordinates(_ data: Dataset, projection: Projection)
        throws -> (xs: [Double], ys: [Double], xLabel: String, yLabel: String) {
        let d = data.featureCount
        switch projection {
        case .features(let i, let j):
            guard (0..<d).contains(i), (0..<d).contains(j) else { throw RuntimeError(problem(data, projection)) }
            if d == 1 {
                let ys = data.targets.map { $0.map(Double.init) } ?? data.labels.map(Double.init)
                return (data.column(0).map(Double.init), ys, data.featureNames[0],
                        data.isRegression ? data.targetName : "class")
            }
            return (data.column(i).map(Double.init), data.column(j).map(Double.init),
                    data.featureNames[i], data.featureNames[j])
        case .pca:
            guard d >= 2, data.count >= 1 else { throw RuntimeError(problem(data, projection)) }
            // Standardised first: unscaled, the feature with the largest unit (a body mass in
            // grams, wine's proline) would be the whole of PC1.
            let scaled = FeatureScaling.fit(points: data.points, featureCount: d).apply(data.points)
            let pca = try PCA.fit(points: scaled, featureCount: d, components: 2)
            let projected = pca.project(points: scaled)  // [count, 2]
            let ratio = pca.explainedRatio
            return ((0..<data.count).map { Double(projected[2 * $0]) }, (0..<data.count).map { Double(projected[2 * $0 + 1]) },
                    "PC1 (\(percent(ratio[0])) of variance)", "PC2 (\(percent(ratio[1])) of variance)")
        }
    }

    static func title(_ data: Dataset, _ projection: Projection) -> String {
        var what: String
        switch projection {
        case .pca: what = "PCA of \(data.featureCount) standardised features"
        case .features(let i, let j):
            let d = data.featureCount
            what = data.featureCount == 2 && i == 0 && j == 1 ? ""
                : (0..<d).contains(i) && (0..<d).contains(j) ? "features \(i) and \(j)" : ""
        }
        if data.isRegression { what += (what.isEmpty ? "" : ", ") + "target \(data.targetName)" }
        return what.isEmpty ? data.name : "\(data.name): \(what)"
    }

    static func problem(_ data: Dataset, _ projection: Projection) -> String {
        switch projection {
        case .pca: return "PCA needs at least 2 features and 1 row;\nthis set has \(data.featureCount) and \(data.count)"
        case .features: return "features are numbered 0 to \(data.featureCount - 1)"
        }
    }

    /// "73%"; "0.4%" below 1%, "<0.1%" below that; never "100%" for a share below 1.
    static func percent(_ share: Double) -> String {
        let p = share * 100
        if p == 0 { return "0%" }
        if p < 0.1 { return "<0.1%" }
        if p < 1 { return String(format: "%.1f%%", p) }
        return p > 99.5 && share < 1 ? ">99%" : "\(Int(p.rounded()))%"
    }
}
