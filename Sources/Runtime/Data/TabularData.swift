import Foundation

/// The real tables shipped in `data/tabular` (data/tabular/README.md gives their provenance,
/// licences and checksums): iris, wine, penguins and the 8×8 digits. Each loader returns the
/// rows in file order; shuffling is `Dataset.split`'s job.
public enum TabularData {
    /// Which table.
    public enum Name: String, Sendable, CaseIterable {
        case iris, wine, penguins, digits
    }

    /// The file each table lives in.
    static let files: [Name: String] = [
        .iris: "iris.csv", .wine: "wine_data.csv", .penguins: "penguins.csv", .digits: "digits.csv.gz",
    ]

    /// Iris: 150 flowers, 4 measurements in cm, 3 species.
    static let irisFeatures = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    /// Wine: 178 wines, 13 chemical measurements, 3 cultivars (scikit-learn's feature names).
    static let wineFeatures = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
                               "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                               "od280/od315_of_diluted_wines", "proline"]
    /// Penguins: the four body measurements; island, sex and year are not used as features.
    public static let penguinFeatures = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    /// Digits: pixel (row, column) of the 8×8 image, row-major: "pixel_0_0" … "pixel_7_7".
    static let digitFeatures = (0..<64).map { "pixel_\($0 / 8)_\($0 % 8)" }

    /// Loads a table by name. Penguins leaves out its rows without measurements (see `penguins`).
    /// - Throws: `RuntimeError` when the file cannot be found or is damaged.
    public static func load(_ name: Name, directory: String? = nil) throws -> Dataset {
        switch name {
        case .iris: return try iris(directory: directory)
        case .wine: return try wine(directory: directory)
        case .penguins: return try penguins(directory: directory).data
        case .digits: return try digits(directory: directory)
        }
    }

    /// Fisher's iris: 150 rows, features `irisFeatures` (cm), classes setosa, versicolor, virginica.
    public static func iris(directory: String? = nil) throws -> Dataset {
        try SklearnCSV.read(path: path(.iris, directory), featureNames: irisFeatures, name: "iris")
    }

    /// The UCI wine recognition data: 178 rows, 13 features (`wineFeatures`, in their own units:
    /// proline runs to about 1,700 while hue stays near 1), classes class_0, class_1, class_2.
    public static func wine(directory: String? = nil) throws -> Dataset {
        try SklearnCSV.read(path: path(.wine, directory), featureNames: wineFeatures, name: "wine")
    }

    /// Palmer penguins: the species (Adelie, Chinstrap, Gentoo) from the four body measurements
    /// (`penguinFeatures`). Island and sex are text and year is not a measurement, so they are not
    /// features; a missing sex therefore costs nothing. Two of the 344 rows have no measurements at
    /// all: by default (`.drop`) they are left out, 342 rows remain and `dropped` names their lines
    /// (5 and 273); `.error` stops at the first.
    public static func penguins(directory: String? = nil, missing: TableCSV.Missing = .drop) throws -> TableCSV.Result {
        var result = try TableCSV.read(path: path(.penguins, directory), target: .label("species"),
                                       features: penguinFeatures, missing: missing)
        result.data.name = "penguins"
        return result
    }

    /// The 8×8 optical digits (UCI test part, as scikit-learn ships it): 1,797 images of 64
    /// pixels with values 0...16 (not rescaled), features `pixel_r_c`, classes "0" … "9".
    public static func digits(directory: String? = nil) throws -> Dataset {
        try SklearnCSV.readHeaderless(path: path(.digits, directory), featureNames: digitFeatures,
                                      classNames: (0..<10).map(String.init), name: "digits")
    }

    /// The path of a table's file in `directory`, or in the shipped directory found by
    /// `locateDirectory`.
    public static func path(_ name: Name, _ directory: String? = nil) throws -> String {
        try (directory ?? locateDirectory()) + "/" + files[name]!
    }

    /// Finds the shipped `data/tabular` directory among `DataFolder.candidates`.
    /// - Throws: `RuntimeError` listing the places tried.
    public static func locateDirectory(filePath: String = #filePath) throws -> String {
        let candidates = DataFolder.candidates("tabular", filePath: filePath)
        let isTables = { (dir: String) in FileManager.default.fileExists(atPath: dir + "/" + files[.iris]!) }
        if let found = candidates.first(where: isTables) { return found }
        throw RuntimeError("cannot find nv's tables (data/tabular/iris.csv); tried \(candidates.prefix(4).map { visible($0, limit: 200) }.joined(separator: ", ")) ...; set NV_DATA")
    }
}
