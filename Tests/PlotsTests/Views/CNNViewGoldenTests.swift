import Foundation
import Testing
@testable import Plots
import Runtime

/// Golden compact pictures of the CNN views from the fixed-seed fixture network (see
/// `CNNFixtures`): each figure rendered 800 px wide and compared as a `Golden` picture
/// (Goldens/cnn-views), which a person looked at (as PNG) before freezing it.
@Suite struct CNNViewGoldenTests {
    static let columns = 100, rows = 36

    @Test func cnnViewsMatchTheirGoldens() throws {
        for (name, figure) in try CNNViewsTests.figures() {
            let width = 800, height = Int(Double(width) * Double(figure.preferredHeight) / Double(figure.preferredWidth))
            try Golden.check(picture: figure.render(width: width, height: height), "cnn-views/\(name).txt",
                             columns: Self.columns, rows: Self.rows)
        }
    }
}
