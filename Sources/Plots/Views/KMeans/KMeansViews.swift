import Foundation
import Runtime

/// The pictures of k-means: the live dashboard of a run, the elbow curve and the silhouette plot.
/// Every figure captures its values and builds its charts only when drawn.
public enum KMeansViews {
    /// The dashboard under a title line (k, iteration, what the last half step did, inertia,
    /// why it stopped): the clusters (points by cluster, Voronoi cells of the centroids on 2D
    /// data, rings on the points that just changed cluster, centroids with trails) — or, for
    /// image data, the centroids as images — over two thirds of the width; beside it the inertia
    /// per iteration, the cluster sizes and, when the data has labels, clusters against classes.
    public static func dashboard(_ km: KMeans, picture: KMeansPicture, width: Int = 1200, height: Int = 720,
                                 lineScale: Double = 1) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let title = KMeansPanels.status(km)
            let main = Panel(mainChart(km, picture, lineScale: lineScale),
                             title: picture.imageSize != nil ? "centroids (as images)" : mainTitle(km, picture),
                             row: 0, column: 0, rowSpan: 3, columnSpan: 2)
            guard width >= narrowWidth else {
                let panels = width < 280 ? [main] : [main, Panel(KMeansPanels.inertia(km, lineScale: lineScale), title: "inertia")]
                return Figure.grid(rows: 1, columns: panels.count,
                                   panels: panels.map { Panel($0.chart, title: $0.title) },
                                   title: title, width: width, height: height)
            }
            var panels = [main,
                          Panel(KMeansPanels.inertia(km, lineScale: lineScale), title: "inertia per iteration", row: 0, column: 2),
                          Panel(KMeansPanels.sizes(km), title: "cluster sizes", row: 1, column: 2)]
            if picture.truth != nil {
                panels.append(Panel(KMeansPanels.contingency(km, picture), title: "clusters × true classes", row: 2, column: 2))
            } else {
                panels[2].rowSpan = 2
            }
            return Figure.grid(rows: 3, columns: 3, panels: panels, title: title, width: width, height: height)
        }
    }

    /// Below this width (about 56 columns) the side panels would be unreadable: the clusters and
    /// the inertia side by side (the clusters alone below 280 px).
    static let narrowWidth = 560

    static func mainChart(_ km: KMeans, _ picture: KMeansPicture, lineScale: Double) -> any Chart {
        if let size = picture.imageSize { return KMeansPanels.centroidImages(km, width: size.width, height: size.height) }
        return KMeansPanels.clusters(km, picture, lineScale: lineScale)
    }

    static func mainTitle(_ km: KMeans, _ picture: KMeansPicture) -> String {
        var title = picture.projection.isExact ? "clusters · Voronoi cells" : "clusters"
        if case .pca = picture.projection.kind { title += " (PCA projection of \(picture.d) features)" }
        if case .features(let a, let b) = picture.projection.kind { title += " (features \(a), \(b) of \(picture.d))" }
        return title
    }

    /// Inertia against k: the bend ("elbow") where adding a cluster stops paying is a good k.
    public static func elbow(ks: [Int], inertias: [Double], width: Int = 640, height: Int = 420) -> Figure {
        Figure.built(preferredWidth: width, preferredHeight: height) { w, h in
            let xs = ks.prefix(inertias.count).map(Double.init)
            let chart: any Chart = inertias.isEmpty ? MessageChart("no k tried") : Axes(
                [LineChart([LineSeries(inertias, xs: Array(xs), color: ClassPalette.color(0), width: 2)]),
                 ScatterChart(xs: Array(xs), ys: inertias, color: ClassPalette.color(0), radius: 3.5)],
                xLabel: "k (clusters)", yLabel: "inertia", legend: nil,
                customXTicks: xs.count <= 30 ? xs.map { Axes.AxisTick($0, String(Int($0))) } : nil)
            return Figure.single(chart, title: "elbow: inertia against k", width: w, height: h)
        }
    }

    /// The silhouette plot of a clustering, titled with its score.
    public static func silhouette(values: [Double], labels: [Int], width: Int = 640, height: Int = 480) -> Figure {
        Figure.built(preferredWidth: width, preferredHeight: height) { w, h in
            let plot = SilhouettePlot(values: values, labels: labels)
            let chart = Axes([plot], xLabel: "silhouette coefficient", yLabel: "points by cluster", legend: .above,
                             customYTicks: [])
            return Figure.single(chart, title: "silhouette · score \(ViewFormat.value(plot.score)) · \(Set(labels).count) clusters",
                                 width: w, height: h)
        }
    }
}
