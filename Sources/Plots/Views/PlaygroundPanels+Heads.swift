import Foundation
import Runtime

/// The panels of the playground dashboard for the heads beyond two classes: a softmax
/// network's K class regions and a regression's fitted surface (from above, with the points
/// coloured by their targets, and in 3D).
extension PlaygroundPanels {
    /// Each class's region over the plane (the most probable class, pale where the network is
    /// unsure), the training points as dots and the test points as rings in their classes'
    /// colours.
    static func regions(_ model: MLP, train: Dataset, test: Dataset?, plane: InputPlane) -> any Chart {
        guard let fields = try? model.outputFields(resolution: fieldResolution, plane: plane), !fields.isEmpty else {
            return MessageChart("no class regions:\nthe plane does not fit the network's inputs")
        }
        let n = fieldResolution
        var classes = [Int](repeating: 0, count: n * n), confidence = [Double](repeating: 0, count: n * n)
        for s in 0..<(n * n) {
            var best = 0
            for k in 1..<fields.count where fields[k].values[s] > fields[best].values[s] { best = k }
            classes[s] = best
            confidence[s] = Double(fields[best].values[s])
        }
        let (xRange, yRange, xCells, yCells) = cellRanges(plane, resolution: n)
        let (xName, yName) = axisNames(model, plane, train)
        var layers: [any PlotLayer] = [
            ClassRegions(classes: classes, confidence: confidence, columns: n, rows: n, x: xCells, y: yCells,
                         classCount: fields.count),
        ]
        layers += classPoints(model, train: train, test: test, plane: plane, names: names(model, train))
        return Axes(layers, xLabel: xName, yLabel: yName, xRange: xRange, yRange: yRange, grid: false,
                    legend: .above)
    }

    /// The colour range of a regression's pictures: symmetric around 0 and wide enough for
    /// every target and fitted value, so white is 0 as in Playground.
    static func valueRange(_ sets: [Dataset], _ field: [Float]) -> ClosedRange<Double> {
        var top: Float = 0
        for set in sets { for v in set.targets ?? [] where v.isFinite { top = max(top, abs(v)) } }
        for v in field where v.isFinite { top = max(top, abs(v)) }
        let bound = Double(top > 0 ? top : 1)
        return -bound...bound
    }

    /// The regression's fitted surface from above: the network's output over the plane, the
    /// training points as dots and the test points as rings, coloured by their targets on the
    /// same scale, so a point that differs from the field under it is a miss.
    static func fittedSurface(_ model: MLP, train: Dataset, test: Dataset?, plane: InputPlane) -> any Chart {
        guard let field = try? model.outputFields(resolution: fieldResolution, plane: plane)[0] else {
            return MessageChart("no fitted surface:\nthe plane does not fit the network's inputs")
        }
        let n = fieldResolution
        let sets = [train] + (test.map { [$0] } ?? [])
        let range = valueRange(sets, field.values)
        let (xRange, yRange, xCells, yCells) = cellRanges(plane, resolution: n)
        let (xName, yName) = axisNames(model, plane, train)
        var layers: [any PlotLayer] = [
            Heatmap(values: field.values.map(Double.init), columns: n, rows: n, x: xCells, y: yCells,
                    colormap: FieldColormap.soft, range: range, interpolation: .bilinear, label: "ŷ"),
        ]
        let (tx, ty) = coordinates(train, model: model, plane: plane)
        layers.append(ValuePoints(xs: tx, ys: ty, values: (train.targets ?? []).map(Double.init), colormap: .diverging,
                                  range: range, radius: 3, label: "train (target)"))
        if let test, test.count > 0 {
            let (x, y) = coordinates(test, model: model, plane: plane)
            layers.append(ValuePoints(xs: x, ys: y, values: (test.targets ?? []).map(Double.init), colormap: .diverging,
                                      range: range, radius: 3.5, hollow: true, label: "test (rings)"))
        }
        return Axes(layers, xLabel: xName, yLabel: yName, xRange: xRange, yRange: yRange, grid: false,
                    legend: .above)
    }

    /// The fitted surface in 3D: height and colour are the network's output over the plane.
    static func surface3D(_ model: MLP, train: Dataset, test: Dataset?, plane: InputPlane) -> any Chart {
        let n = thumbnailResolution + 10
        guard let field = try? model.outputFields(resolution: n, plane: plane)[0] else {
            return MessageChart("no fitted surface:\nthe plane does not fit the network's inputs")
        }
        let xs = (0..<n).map { Double(GridField.coordinate($0, of: n, in: plane.xRange)) }
        let ys = (0..<n).map { Double(GridField.coordinate($0, of: n, in: plane.yRange)) }
        let z = (0..<n).map { j in (0..<n).map { i in Double(field.values[j * n + i]) } }
        let (xName, yName) = axisNames(model, plane, train)
        var surface = Surface3D(xs: xs, ys: ys, z: z, colormap: FieldColormap.soft, axisNames: [xName, yName, "ŷ"])
        surface.meshLines = true
        let range = valueRange([train] + (test.map { [$0] } ?? []), field.values)
        surface.bounds = Projection.Bounds(x: xs[0]...xs[n - 1], y: ys[0]...ys[n - 1], z: range)
        return surface
    }
}
