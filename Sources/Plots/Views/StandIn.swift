import Runtime

// TEMPORARY stand-in for branch xorview's views, so this branch builds until it lands.
public enum PlaygroundViews {
    public static func dashboard(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool = false,
                                 width: Int = 1200, height: Int = 720) -> Figure {
        let losses = model.trainLosses.isEmpty ? [0] : model.trainLosses.map(Double.init)
        return Figure.single(Axes([LineChart([LineSeries(losses, xs: nil, label: "train")])]), title: "mlp stand-in", width: width, height: height)
    }
    public static func architecture(_ model: MLP) -> Figure { dashboard(model, train: try! Dataset(points: [], labels: [], name: "x"), test: nil) }
    public static func boundary(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool = false) -> Figure { dashboard(model, train: train, test: test) }
    public static func features(_ model: MLP, data: Dataset, layer: Int, neurons: (Int, Int)) -> Figure { dashboard(model, train: data, test: nil) }
}
