import Foundation
import Runtime

/// The charts of the k-means dashboard, each built from a run and its picture when drawn.
enum KMeansPanels {
    /// Cells per side of the Voronoi shading.
    static let regionResolution = 200

    /// The square plane around the points and every centroid position so far, with a 5% margin.
    static func plane(_ km: KMeans, _ picture: KMeansPicture) -> ClosedRange<Double> {
        var values = picture.xy.filter(\.isFinite)
        for c in km.trail { values += picture.projection.project(c).filter(\.isFinite) }
        guard let lo = values.min(), let hi = values.max(), lo < hi else { return -1...1 }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }

    /// Points coloured by cluster (gray before the first assignment), the Voronoi cells of the
    /// current centroids (exact planes only), rings on the points that changed cluster in the
    /// assignment just made, and the centroids with their trails.
    static func clusters(_ km: KMeans, _ picture: KMeansPicture, lineScale: Double = 1) -> any Chart {
        let range = plane(km, picture)
        var layers: [any PlotLayer] = []
        if picture.projection.isExact && picture.d == 2 {
            layers.append(voronoi(km, range: range))
        }
        let n = picture.xy.count / 2
        let xs = (0..<n).map { picture.xy[2 * $0] }, ys = (0..<n).map { picture.xy[2 * $0 + 1] }
        let assigned = km.labels.first.map { $0 >= 0 } ?? false
        let radius = n > 2000 ? 1.5 : n > 500 ? 2.5 : 3.5
        if assigned {
            layers.append(ScatterChart(xs: xs, ys: ys, classes: km.labels, classNames: (0..<km.k).map { "c\($0)" },
                                       radius: radius))
        } else {
            layers.append(ScatterChart(xs: xs, ys: ys, color: RGBA(150, 150, 150), radius: radius, label: "points"))
        }
        if km.next == .update || (km.isFinished && km.changedCount > 0) {
            let moved = (0..<n).filter { km.changed[$0] }
            if !moved.isEmpty && moved.count < n {
                layers.append(RingScatter(xs: moved.map { xs[$0] }, ys: moved.map { ys[$0] },
                                          classes: moved.map { km.labels[$0] }, radius: radius + 3,
                                          label: "changed cluster"))
            }
        }
        let trails = (0..<km.k).map { j in
            km.trail.map { c -> (x: Double, y: Double) in
                let p = picture.projection.project(Array(c[j * km.d ..< (j + 1) * km.d]))
                return (p[0], p[1])
            }
        }
        layers.append(CentroidTrails(trails: trails, size: 7 * lineScale))
        let (xName, yName) = picture.projection.axisNames(picture.featureNames)
        return Axes(layers, xLabel: xName, yLabel: yName, xRange: range, yRange: range, grid: false,
                    legend: .above)
    }

    /// The nearest centroid over a grid of the plane (its Voronoi cells), ties to the lower index.
    static func voronoi(_ km: KMeans, range: ClosedRange<Double>) -> ClassCells {
        let r = regionResolution
        let c = km.centroids
        let step = (range.upperBound - range.lowerBound) / Double(r)
        var classes = [Int](repeating: 0, count: r * r)
        for row in 0..<r {
            let y = range.lowerBound + (Double(row) + 0.5) * step
            for col in 0..<r {
                let x = range.lowerBound + (Double(col) + 0.5) * step
                var best = 0, bestDistance = Double.infinity
                for j in 0..<km.k {
                    let dx = x - c[j * 2], dy = y - c[j * 2 + 1]
                    let dist = dx * dx + dy * dy
                    if dist < bestDistance { bestDistance = dist; best = j }
                }
                classes[row * r + col] = best
            }
        }
        return ClassCells(classes: classes, columns: r, rows: r, x: range, y: range)
    }

    /// Centroids of image data drawn as images, captioned with their cluster and size.
    static func centroidImages(_ km: KMeans, width: Int, height: Int) -> any Chart {
        let c = km.centroids
        let tiles = (0..<km.k).map { j in
            ImageGrid.Tile(width: width, height: height,
                           values: c[j * km.d ..< (j + 1) * km.d].map(Float.init),
                           caption: "c\(j) · \(ViewFormat.count(km.sizes[j]))")
        }
        return ImageGrid(tiles: tiles, normalization: .fixed(low: 0, high: 1))
    }

    /// Inertia at every assignment: it never rises (each half step can only lower it).
    static func inertia(_ km: KMeans, lineScale: Double = 1) -> any Chart {
        guard !km.inertiaHistory.isEmpty else { return MessageChart("the inertia appears\nafter the first assignment") }
        let xs = km.inertiaHistory.indices.map(Double.init)
        return Axes([LineChart([LineSeries(km.inertiaHistory, xs: xs, label: nil, color: ClassPalette.color(0),
                                           width: 1.5 * lineScale)])],
                    xLabel: "iteration", yLabel: "inertia",
                    xRange: 0...Double(Swift.max(1, km.inertiaHistory.count - 1)), legend: nil)
    }

    /// Points per cluster.
    static func sizes(_ km: KMeans) -> any Chart {
        var chart = BarChart(labels: (0..<km.k).map { "c\($0)" }, values: km.sizes.map(Double.init), decimals: 0)
        chart.barColors = (0..<km.k).map(ClassPalette.color)
        return chart
    }

    /// Clusters against the true classes.
    static func contingency(_ km: KMeans, _ picture: KMeansPicture) -> any Chart {
        guard let truth = picture.truth, km.labels.first.map({ $0 >= 0 }) ?? false else {
            return MessageChart(picture.truth == nil ? "no true classes\nto compare with" : "the table appears\nafter the first assignment")
        }
        let classes = Swift.max(truth.max() ?? 0, (picture.classNames?.count ?? 0) - 1) + 1
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: km.k)
        for (label, t) in zip(km.labels, truth) where label >= 0 && t >= 0 && t < classes { counts[label][t] += 1 }
        return ContingencyTable(counts: counts, classNames: picture.classNames)
    }

    /// What the last half step did, for the title.
    static func status(_ km: KMeans) -> String {
        var parts = ["k-means", "k = \(km.k)", "iteration \(km.iterations)"]
        if km.inertiaHistory.isEmpty {
            parts.append("start")
        } else if km.next == .update || km.stop == .converged {
            parts.append("assignment: \(ViewFormat.count(km.changedCount)) changed")
        } else if let shift = km.lastShift {
            parts.append("update: moved \(ViewFormat.value(shift.squareRoot()))")
        }
        if let inertia = km.inertia { parts.append("inertia \(ViewFormat.value(inertia))") }
        switch km.stop {
        case .converged: parts.append("converged: no point changed")
        case .tolerance: parts.append("converged: moves below tol")
        case .maxIterations: parts.append("stopped at max_iter")
        case nil: break
        }
        return parts.joined(separator: " · ")
    }
}
