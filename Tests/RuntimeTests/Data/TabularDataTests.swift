import Testing
@testable import Runtime

/// The shipped tables load with the shapes, names and class counts their README states.
@Suite struct TabularDataTests {
    @Test func irisHas150RowsOf4FeaturesIn3Species() throws {
        let iris = try TabularData.iris()
        #expect(iris.count == 150 && iris.featureCount == 4)
        #expect(iris.classNames == ["setosa", "versicolor", "virginica"])
        #expect(iris.classCounts == [50, 50, 50])
        #expect(iris.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
        // The first row of the file: 5.1,3.5,1.4,0.2,0.
        #expect(Array(iris.points.prefix(4)) == [5.1, 3.5, 1.4, 0.2] && iris.labels[0] == 0)
    }

    @Test func wineHas178RowsOf13Features() throws {
        let wine = try TabularData.wine()
        #expect(wine.count == 178 && wine.featureCount == 13)
        #expect(wine.classNames == ["class_0", "class_1", "class_2"])
        #expect(wine.classCounts == [59, 71, 48])
        #expect(wine.column(12).max() == 1680)  // proline, in its own units
    }

    @Test func penguinsDropTheTwoRowsWithoutMeasurements() throws {
        let result = try TabularData.penguins()
        #expect(result.dropped == [5, 273])
        let penguins = result.data
        #expect(penguins.count == 342 && penguins.featureCount == 4)
        #expect(penguins.classNames == ["Adelie", "Chinstrap", "Gentoo"])
        #expect(penguins.classCounts == [151, 68, 123])
        #expect(penguins.name == "penguins")
        #expect(Array(penguins.points.prefix(4)) == [39.1, 18.7, 181, 3750])
    }

    @Test func penguinsCanRefuseMissingValues() {
        #expect { try TabularData.penguins(missing: .error) } throws: { error in
            (error as? RuntimeError)?.message.hasSuffix("line 5, column 3 'bill_length_mm': missing value 'NA'") == true
        }
    }

    @Test func digitsHave1797ImagesOf64PixelsIn10Classes() throws {
        let digits = try TabularData.digits()
        #expect(digits.count == 1797 && digits.featureCount == 64 && digits.classCount == 10)
        #expect(digits.points.allSatisfy { $0 >= 0 && $0 <= 16 && $0 == $0.rounded() })
        #expect(digits.classCounts.allSatisfy { (174...183).contains($0) })
        #expect(digits.featureNames[9] == "pixel_1_1")
        #expect(digits.labels[0] == 0)
    }

    @Test func loadByNameMatchesTheLoaders() throws {
        #expect(try TabularData.load(.iris) == TabularData.iris())
        #expect(try TabularData.load(.penguins) == TabularData.penguins().data)
    }

    @Test func aDirectoryWithoutTheTablesIsNamed() {
        #expect { try TabularData.iris(directory: "/nonexistent-nv") } throws: { error in
            (error as? RuntimeError)?.message.contains("/nonexistent-nv/iris.csv") == true
        }
    }
}
