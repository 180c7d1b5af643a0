import Foundation
import Testing
@testable import Runtime

/// `TableCSV`: a header, numeric features, a label column of names or numbers, and a message
/// naming the line and column of every bad input.
@Suite struct TableCSVTests {
    static let fiveFeaturesThreeClasses = """
        a,b,c,d,e,kind
        1,2,3,4,5,cat
        # a comment line
        6,7,8,9,10,dog

        11,12,13,14,15,bird
        16,17,18,19,20,dog
        """

    @Test func readsFeaturesAndNamedClasses() throws {
        let result = try TableCSV.parse(Self.fiveFeaturesThreeClasses, source: "t.csv", target: .label("kind"))
        let data = result.data
        #expect(data.featureNames == ["a", "b", "c", "d", "e"])
        #expect(data.classNames == ["bird", "cat", "dog"])  // sorted by name
        #expect(data.labels == [1, 2, 0, 2])
        #expect(data.points == (1...20).map(Float.init))
        #expect(data.name == "t.csv" && result.dropped.isEmpty)
    }

    @Test func numericLabelsAreClassesInNumericOrder() throws {
        let data = try TableCSV.parse("x,label,y\n1,10,2\n3,9,4\n5,10.0,6\n", source: "n.csv", target: .label("label")).data
        #expect(data.classNames == ["9", "10"])  // 9 < 10 numerically; "10.0" is class "10"
        #expect(data.labels == [1, 0, 1])
        #expect(data.featureNames == ["x", "y"] && data.points == [1, 2, 3, 4, 5, 6])
    }

    @Test func chosenFeaturesInTheirOrder() throws {
        let data = try TableCSV.parse(Self.fiveFeaturesThreeClasses, source: "t.csv", target: .label("kind"),
                                      features: ["e", "a"]).data
        #expect(data.featureNames == ["e", "a"] && Array(data.points.prefix(4)) == [5, 1, 10, 6])
    }

    @Test func regressionTarget() throws {
        let data = try TableCSV.parse("x,y,price\n1,2,3.5\n4,5,-1\n", source: "r.csv", target: .value("price")).data
        #expect(data.isRegression && data.targets == [3.5, -1] && data.targetName == "price")
        #expect(data.points == [1, 2, 4, 5])
    }

    @Test func quotedCellsAndCRLF() throws {
        let data = try TableCSV.parse("\u{FEFF}\"size, cm\",label\r\n\"1.5\",\"a \"\"big\"\" one\"\r\n2,small\r\n",
                                      source: "q.csv", target: .label("label")).data
        #expect(data.featureNames == ["size, cm"] && data.classNames == ["a \"big\" one", "small"])
        #expect(data.points == [1.5, 2])
    }

    @Test func missingValuesDropWhenAsked() throws {
        let text = "a,b,label\n1,2,x\nNA,3,y\n4,,x\n5,6,?\n7,8,y\n"
        let result = try TableCSV.parse(text, source: "m.csv", target: .label("label"), missing: .drop)
        #expect(result.dropped == [3, 4, 5])
        #expect(result.data.points == [1, 2, 7, 8] && result.data.labels == [0, 1])
        // A missing value in a column that is not used does not drop its row.
        let chosen = try TableCSV.parse(text, source: "m.csv", target: .label("label"), features: ["b"], missing: .drop)
        #expect(chosen.dropped == [4, 5] && chosen.data.points == [2, 3, 8])
    }

    @Test(arguments: [
        ("", "e.csv is empty: a table needs a header line naming its columns, then rows"),
        ("\n# only a comment\n", "e.csv is empty: a table needs a header line naming its columns, then rows"),
        ("a,b,label\n", "e.csv has a header but no rows"),
        ("a,b,label\n1,2,x\n3,abc,y\n", "e.csv line 3, column 2 'b': 'abc' is not a number; feature columns must be numeric"),
        ("a,b,label\n1,2,x\n3,4\n", "e.csv line 3: 2 cells, but the header has 3 columns"),
        ("a,b,label\n1,2,x,9\n", "e.csv line 2: 4 cells, but the header has 3 columns"),
        ("a,b,class\n1,2,x\n", "e.csv has no column 'label'; its columns are: a, b, class"),
        ("a,b,label\n1,2,x\n3,4,x\n", "e.csv: the label column 'label' has one class only ('x'); a classifier needs at least two"),
        ("a,b,label\n1,NA,x\n3,4,y\n", "e.csv line 2, column 2 'b': missing value 'NA'"),
        ("a,b,label\n1,2,\n3,4,y\n", "e.csv line 2, column 3 'label': missing value"),
        ("a,a,label\n1,2,x\n", "e.csv line 1: the column name 'a' is used twice"),
        ("a,,label\n1,2,x\n", "e.csv line 1: column 2 of the header has no name"),
        ("label\nx\ny\n", "e.csv has only the column 'label', no feature columns"),
        ("a,label\n\"1,x\n", "e.csv line 2: the quoted cell 1 is not closed"),
        ("a,label\n1e40,x\n2,y\n", "e.csv line 2, column 1 'a': '1e40' is not a number; feature columns must be numeric"),
        ("a,label\n\u{1b}]0;owned\u{07},x\n", "e.csv line 2, column 1 'a': '\\u{1b}]0;owned\\u{7}' is not a number; feature columns must be numeric"),
    ])
    func badInputNamesLineAndColumn(text: String, message: String) {
        #expect(throws: RuntimeError(message)) { try TableCSV.parse(text, source: "e.csv", target: .label("label")) }
    }

    @Test func badChoicesOfColumnsAreNamed() {
        let text = "a,b,label\n1,2,x\n3,4,y\n"
        #expect(throws: RuntimeError("e.csv: the column 'label' is the label; it cannot be a feature too")) {
            try TableCSV.parse(text, source: "e.csv", target: .label("label"), features: ["a", "label"])
        }
        #expect(throws: RuntimeError("e.csv has no column 'z'; its columns are: a, b, label")) {
            try TableCSV.parse(text, source: "e.csv", target: .label("label"), features: ["z"])
        }
        #expect(throws: RuntimeError("e.csv line 2, column 3 'label': 'x' is not a number; a regression target must be numeric")) {
            try TableCSV.parse(text, source: "e.csv", target: .value("label"))
        }
    }

    @Test func tooManyClassesSuggestsRegression() {
        let text = "a,label\n" + (0...TableCSV.maxClasses).map { "\($0),\($0).5" }.joined(separator: "\n")
        #expect { try TableCSV.parse(text, source: "e.csv", target: .label("label")) } throws: { error in
            (error as? RuntimeError)?.message.contains("is it a continuous value to regress on?") == true
        }
    }

    @Test func readsGzipAndPlainFiles() throws {
        let result = try TableCSV.read(path: TabularData.path(.penguins), target: .label("species"),
                                       features: TabularData.penguinFeatures, missing: .drop)
        #expect(result.data.count == 342)
        // digits.csv.gz has no header, so its first row of pixels is read as one: inflated.
        let digits = try TabularData.path(.digits)
        #expect(throws: RuntimeError("\(digits) line 1: the column name '0' is used twice")) {
            try TableCSV.read(path: digits, target: .label("0"))
        }
        #expect { try TableCSV.read(path: "/nonexistent-nv.csv", target: .label("x")) } throws: { error in
            (error as? RuntimeError)?.message.contains("cannot read") == true
        }
    }
}
