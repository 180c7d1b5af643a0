import Foundation
import Plots
import Runtime

/// Pictures from plain data: `plot`, `scatter`, `heatmap`, `image`, `bars`, `hist`, and the
/// builtins that show and save any figure (`show`, `export`).
///
/// Every chart builtin returns a figure value; the REPL shows the last value of an entry, so
/// `plot([1, 4, 9])` draws at once and `f = plot(...)` keeps the picture for `export`.
enum PlotBuiltins {
    /// The options every chart builtin shares, appended to its signature.
    static let options = "title?, xlabel?, ylabel?, width: 640, height: 420"

    static func all() -> [Builtin] {
        [
            Builtin("plot(x, y?, labels?, log: false, \(options))", area: "plots",
                    doc: "A line chart: plot(ys) against 0, 1, 2…, plot(xs, ys) against xs; ys may be a list of series.",
                    example: "plot([1, 4, 9, 16], title: \"squares\")", body: plot),
            Builtin("scatter(x, y?, classes?, \(options))", area: "plots",
                    doc: "Points: scatter(xs, ys) or scatter(points) with [x, y] rows, coloured by optional whole-number classes.",
                    example: "scatter([[0, 0], [1, 1], [0, 1]], classes: [0, 0, 1])", body: scatter),
            Builtin("heatmap(matrix, colormap: \"viridis\", \(options))", area: "plots",
                    doc: "A matrix as coloured cells (row 0 at the top), with a colour bar.",
                    example: "heatmap([[1, 2], [3, 4]], title: \"a matrix\")", body: heatmap),
            Builtin("image(pixels, captions?, signed: false, size: 28, \(options))", area: "plots",
                    doc: "A grayscale image (a matrix), or a grid of them (a list of matrices), each scaled to its own range. Given a PNG path, loads your own digit as a size x size tensor like MNIST's (ink bright, cropped, centred) for predict, infer and saliency.",
                    example: "image([[0, 1, 0], [1, 0, 1], [0, 1, 0]])", body: image),
            Builtin("bars(values, labels?, \(options))", area: "plots",
                    doc: "Horizontal labelled bars, e.g. class probabilities.",
                    example: "bars([0.1, 0.7, 0.2], labels: [\"cat\", \"dog\", \"fox\"])", body: bars),
            Builtin("hist(values, bins?, \(options))", area: "plots",
                    doc: "A histogram of numbers; the bin count is chosen from the data unless given.",
                    example: "hist(randn(1000), bins: 30)", body: hist),
            Builtin("show(value, features?)", area: "plots",
                    doc: "Shows a figure inline (or prints any other value) and goes on. For a dataset, features picks the axes: two feature numbers ([2, 3]) or \"pca\" (the default beyond two features).",
                    example: "show(plot([3, 1, 2]))") { args in
                let value = args.any("value")
                if args.has("features") {
                    guard case .object(let object) = value, let data = object as? DatasetObject else {
                        throw args.error("features", "is for a dataset, and the value is \(value.typeName)")
                    }
                    args.context.session.present(data.figure(try projection(args, data.data)))
                } else if case .figure(let figure) = value {
                    args.context.session.present(figure.figure)
                } else if case .object(let object) = value, let showable = object as? ShowableObject {
                    args.context.session.present(showable.figure)
                } else {
                    args.context.display.write(value.description + "\n")
                }
                return .null
            },
            Builtin("export(figure, path, width?, height?)", area: "plots",
                    doc: "Saves a figure as a PNG file (written whole or not at all).",
                    example: "export(plot([1, 2, 3]), \"/tmp/line.png\")", body: export),
        ]
    }

    /// `features: [i, j]` (two feature numbers) or `features: "pca"` for a dataset of `data`'s shape.
    static func projection(_ args: Arguments, _ data: Dataset) throws -> DataViews.Projection {
        let value = args.any("features"), d = data.featureCount
        if case .string("pca") = value {
            guard d >= 2 else { throw args.error("features", "\"pca\" needs at least 2 features; this dataset has \(d)") }
            return .pca
        }
        let expected = "must be two feature numbers from 0 to \(d - 1), like [0, 1], or \"pca\""
        guard case .list(let list) = value, list.elements.count == 2,
              case .number(let a) = list.elements[0], case .number(let b) = list.elements[1],
              let i = Int(exactly: a), let j = Int(exactly: b) else {
            throw args.error("features", "\(expected), \(Arguments.got(value))")
        }
        guard (0..<d).contains(i), (0..<d).contains(j) else {
            throw args.error("features", "\(expected); this dataset has \(d) (\(data.featureNames.prefix(8).joined(separator: ", "))\(d > 8 ? ", …" : "")), got [\(i), \(j)]")
        }
        return .features(i, j)
    }

    // MARK: - Charts

    static func plot(_ args: inout Arguments) throws -> Value {
        var xs: [Double]?
        var series: [[Double]]
        if args.has("y") {
            xs = try numbers(args, "x")
            series = try seriesList(args, "y")
            for (i, ys) in series.enumerated() where ys.count != xs!.count {
                let which = series.count == 1 ? "'y'" : "'y' (series \(i + 1))"
                throw args.error("y", "has \(ys.count) values but 'x' has \(xs!.count); \(which) needs one y for each x")
            }
        } else {
            series = try seriesList(args, "x")
        }
        let labels = try strings(args, "labels", count: series.count)
        let logY = try flag(args, "log")
        if logY, !series.contains(where: { $0.contains { $0 > 0 && $0.isFinite } }) {
            throw args.error("log", "needs some positive values to draw on a log scale")
        }
        let lines = series.enumerated().map { i, ys in
            LineSeries(ys, xs: xs, label: labels?[i])
        }
        var axes = Axes([LineChart(lines)], xLabel: try optionalString(args, "xlabel"),
                        yLabel: try optionalString(args, "ylabel"), logY: logY)
        // Against indices, a few points read best with whole-number ticks, not 0.5 steps.
        let longest = series.map(\.count).max() ?? 0
        if xs == nil, longest <= 12 {
            axes.customXTicks = (0..<longest).map { Axes.AxisTick(Double($0), "\($0)") }
        }
        return try figure(axes, args)
    }

    static func scatter(_ args: inout Arguments) throws -> Value {
        var xs: [Double], ys: [Double]
        if args.has("y") {
            xs = try numbers(args, "x")
            ys = try numbers(args, "y")
            guard xs.count == ys.count else {
                throw args.error("y", "has \(ys.count) values but 'x' has \(xs.count)")
            }
        } else {
            let points = try tensor(args, "x")
            guard points.rank == 2, points.shape[1] == 2 else {
                throw args.error("x", "must be points as [x, y] rows (or give xs and ys), got shape \(points.shape)")
            }
            guard points.count > 0 else { throw args.error("x", "is empty: there is nothing to draw") }
            xs = stride(from: 0, to: points.count, by: 2).map { Double(points.data[$0]) }
            ys = stride(from: 1, to: points.count, by: 2).map { Double(points.data[$0]) }
        }
        var classes: [Int]?
        if args.has("classes") {
            let values = try numbers(args, "classes")
            guard values.count == xs.count else {
                throw args.error("classes", "has \(values.count) entries but there are \(xs.count) points")
            }
            classes = try values.map { value in
                guard let n = Int(exactly: value), n >= 0, n < 1000 else {
                    throw args.error("classes", "must hold whole numbers from 0 to 999, got \(Value.number(value).description)")
                }
                return n
            }
        }
        let axes = Axes([ScatterChart(xs: xs, ys: ys, classes: classes)],
                        xLabel: try optionalString(args, "xlabel"), yLabel: try optionalString(args, "ylabel"))
        return try figure(axes, args)
    }

    static func heatmap(_ args: inout Arguments) throws -> Value {
        let grid = try matrix(args, "matrix")
        let name = try optionalString(args, "colormap") ?? "viridis"
        guard let colormap = Colormap.named(name) else {
            throw args.error("colormap", "must be one of \"viridis\", \"diverging\", \"gray\", \"gray_r\", got \"\(name)\"")
        }
        // The Heatmap layer puts row 0 at the bottom (a field over y); a matrix reads top-down.
        var bottomUp: [Double] = []
        bottomUp.reserveCapacity(grid.values.count)
        for row in (0..<grid.rows).reversed() {
            bottomUp.append(contentsOf: grid.values[(row * grid.columns)..<((row + 1) * grid.columns)])
        }
        let layer = Heatmap(values: bottomUp, columns: grid.columns, rows: grid.rows,
                            x: 0...Double(grid.columns), y: 0...Double(grid.rows),
                            colormap: colormap, interpolation: .nearest)
        let xTicks = (0..<grid.columns).map { Axes.AxisTick(Double($0) + 0.5, "\($0)") }
        let yTicks = (0..<grid.rows).map { Axes.AxisTick(Double(grid.rows - $0) - 0.5, "\($0)") }
        let axes = Axes([layer], xLabel: try optionalString(args, "xlabel") ?? "column",
                        yLabel: try optionalString(args, "ylabel") ?? "row", grid: false, legend: nil,
                        customXTicks: xTicks, customYTicks: yTicks)
        return try figure(axes, args)
    }

    static func image(_ args: inout Arguments) throws -> Value {
        if case .string = args.any("pixels") {
            let path = try args.path("pixels")
            let size = try args.count("size", default: 28, limit: 1024)
            guard size >= 4 else { throw args.error("size", "must be at least 4 pixels, got \(size)") }
            return .tensor(try CNNViewBuiltins.loadDigit(args, path: path, size: size))
        }
        if args.has("size") { throw args.error("size", "is for loading a PNG digit: image(\"digit.png\", size: 28)") }
        let tensor = try tensor(args, "pixels")
        let tiles: [ImageGrid.Tile]
        switch tensor.rank {
        case 2:
            tiles = [ImageGrid.Tile(width: tensor.shape[1], height: tensor.shape[0], values: tensor.data)]
        case 3:
            let (count, height, width) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
            tiles = (0..<count).map { i in
                ImageGrid.Tile(width: width, height: height,
                               values: Array(tensor.data[(i * height * width)..<((i + 1) * height * width)]))
            }
        default:
            throw args.error("pixels", "must be a matrix (one image) or a list of matrices, got a tensor of shape \(tensor.shape)")
        }
        guard !tiles.isEmpty, tiles[0].width > 0, tiles[0].height > 0 else {
            throw args.error("pixels", "has no pixels")
        }
        var captioned = tiles
        if let captions = try strings(args, "captions", count: tiles.count) {
            for i in captioned.indices { captioned[i].caption = captions[i] }
        }
        let grid = ImageGrid(tiles: captioned, normalization: try flag(args, "signed") ? .signed : .minMax)
        return try figure(grid, args)
    }

    static func bars(_ args: inout Arguments) throws -> Value {
        let values = try numbers(args, "values")
        let labels = try strings(args, "labels", count: values.count) ?? values.indices.map { "\($0)" }
        let chart = BarChart(labels: labels, values: values, xLabel: try optionalString(args, "xlabel"))
        // Bars keep a readable thickness, so a few bars get a shorter figure, not empty space.
        return try figure(chart, args, defaultHeight: min(420, 90 + 34 * values.count))
    }

    static func hist(_ args: inout Arguments) throws -> Value {
        let values = try numbers(args, "values")
        var bins: Int?
        if args.has("bins") {
            bins = try args.positiveInteger("bins")
            guard bins! <= 1000 else { throw args.error("bins", "must be at most 1000, got \(bins!)") }
        }
        let axes = Axes([Histogram(values: values, bins: bins)], xLabel: try optionalString(args, "xlabel"),
                        yLabel: try optionalString(args, "ylabel") ?? "count", legend: nil)
        return try figure(axes, args)
    }

    // MARK: - Saving

    static func export(_ args: inout Arguments) throws -> Value {
        guard case .figure(let figure) = args.any("figure") else {
            throw args.error("figure", "must be a figure (from plot, scatter, …), \(Arguments.got(args.any("figure")))")
        }
        let path = try args.path("path")
        guard path.lowercased().hasSuffix(".png") else {
            throw args.error("path", "must end in .png (nv writes PNG files), got \"\(path)\"")
        }
        let width = try size(args, "width", default: figure.figure.preferredWidth)
        let height = try size(args, "height", default: figure.figure.preferredHeight)
        let raster = figure.figure.render(width: width, height: height)
        try args.runtime { try AtomicFile.write(PNGEncoder.encode(raster, options: .compact), to: path, what: "export") }
        args.context.display.write("wrote \(visible(path, limit: 200)) (\(raster.width)x\(raster.height))\n")
        return .null
    }

    // MARK: - Shared argument readers

    /// A figure of one chart, with the shared options.
    private static func figure(_ chart: any Chart, _ args: Arguments, defaultHeight: Int = 420) throws -> Value {
        let width = try size(args, "width", default: 640)
        let height = try size(args, "height", default: defaultHeight)
        return .figure(Figure.single(chart, title: try optionalString(args, "title"), width: width, height: height))
    }

    /// A pixel size: a positive integer, clamped to what figures render at.
    private static func size(_ args: Arguments, _ name: String, default fallback: Int) throws -> Int {
        guard args.has(name) else { return fallback }
        let pixels = try args.positiveInteger(name)
        return min(max(pixels, Figure.sideLimits.lowerBound), Figure.sideLimits.upperBound)
    }

    private static func flag(_ args: Arguments, _ name: String) throws -> Bool {
        switch args.any(name) {
        case .null: return false
        case .bool(let on): return on
        case let other: throw args.error(name, "must be true or false, \(Arguments.got(other))")
        }
    }

    private static func optionalString(_ args: Arguments, _ name: String) throws -> String? {
        args.has(name) ? try args.string(name) : nil
    }

    /// Optional labels: a list of `count` values, each shown as text.
    private static func strings(_ args: Arguments, _ name: String, count: Int) throws -> [String]? {
        guard args.has(name) else { return nil }
        let items = try args.sequence(name)
        guard items.count == count else {
            throw args.error(name, "has \(items.count) entries but there are \(count) to label")
        }
        return items.map { if case .string(let text) = $0 { text } else { $0.description } }
    }

    private static func tensor(_ args: Arguments, _ name: String) throws -> Tensor {
        do {
            return try Conversions.tensor(from: args.any(name))
        } catch {
            throw args.error(name, "must be numbers: \(error.message)")
        }
    }

    /// A flat, non-empty list of numbers (a list, range, or 1-D tensor).
    private static func numbers(_ args: Arguments, _ name: String) throws -> [Double] {
        let tensor = try tensor(args, name)
        guard tensor.rank == 1 else {
            throw args.error(name, "must be a flat list of numbers, got a tensor of shape \(tensor.shape)")
        }
        guard tensor.count > 0 else { throw args.error(name, "is empty: there is nothing to draw") }
        return tensor.data.map(Double.init)
    }

    /// One series (a flat list) or several (a list of lists / a matrix), each non-empty.
    private static func seriesList(_ args: Arguments, _ name: String) throws -> [[Double]] {
        if case .list(let list) = args.any(name), list.elements.contains(where: { if case .list = $0 { true } else { false } }) {
            // Series of different lengths are fine (each is its own line), so convert one by one.
            return try list.elements.enumerated().map { i, element in
                guard let series = try? Conversions.tensor(from: element), series.rank == 1, series.count > 0 else {
                    throw args.error(name, "series \(i + 1) must be a non-empty flat list of numbers")
                }
                return series.data.map(Double.init)
            }
        }
        let tensor = try tensor(args, name)
        switch tensor.rank {
        case 1 where tensor.count > 0: return [tensor.data.map(Double.init)]
        case 1: throw args.error(name, "is empty: there is nothing to draw")
        case 2 where tensor.count > 0:
            let width = tensor.shape[1]
            return (0..<tensor.shape[0]).map { row in tensor.data[(row * width)..<((row + 1) * width)].map(Double.init) }
        default: throw args.error(name, "must be a list of numbers or a list of series, got shape \(tensor.shape)")
        }
    }

    /// A non-empty rectangular matrix of numbers, row-major.
    private static func matrix(_ args: Arguments, _ name: String) throws -> (rows: Int, columns: Int, values: [Double]) {
        let tensor = try tensor(args, name)
        guard tensor.rank == 2 else {
            throw args.error(name, "must be a matrix (a list of equal-length rows), got shape \(tensor.shape)")
        }
        guard tensor.count > 0 else { throw args.error(name, "is empty: there is nothing to draw") }
        return (tensor.shape[0], tensor.shape[1], tensor.data.map(Double.init))
    }
}
