import Foundation
import Testing
@testable import Plots

/// Draws one of everything the canvas offers; checked by eye (NV_LOOK_DIR) and by a few
/// properties that would fail if a primitive silently drew nothing.
@Suite struct CanvasShowcaseTests {
    static func showcase() -> Raster {
        var r = Raster(width: 360, height: 240, fill: Theme.light.background)
        r.fillRect(Rect(x: 10, y: 10, width: 100, height: 60), color: .white)
        r.strokeRect(Rect(x: 10, y: 10, width: 100, height: 60), color: Theme.light.frame)
        r.line(from: Point(15, 65), to: Point(105, 15), width: 2, color: ClassPalette.color(0))
        r.line(from: Point(15, 15), to: Point(105, 65), width: 1, color: ClassPalette.color(1), dash: [5, 3])
        r.fillCircle(center: Point(150, 40), radius: 20, color: ClassPalette.color(2))
        r.strokeCircle(center: Point(200, 40), radius: 20, color: ClassPalette.color(3), lineWidth: 2)
        r.fillCircle(center: Point(240, 40), radius: 3, color: ClassPalette.color(4))
        r.fillPolygon([Point(260, 70), Point(290, 10), Point(320, 70), Point(290, 45)],
                      color: ClassPalette.color(5))
        r.strokePolygon([Point(260, 70), Point(290, 10), Point(320, 70), Point(290, 45)],
                        color: .black)
        let values: [Double] = (0..<64).map { (i: Int) -> Double in
            Double(i % 8 - 4) * Double(i / 8 - 4)
        }
        r.drawValues(values, columns: 8, rows: 8, in: Rect(x: 10, y: 80, width: 64, height: 64),
                     colormap: .diverging)
        r.drawValues(values, columns: 8, rows: 8, in: Rect(x: 80, y: 80, width: 64, height: 64),
                     colormap: .viridis, interpolation: .bilinear)
        r.withClip(Rect(x: 150, y: 80, width: 50, height: 50)) { r in
            r.fillCircle(center: Point(175, 105), radius: 40, color: ClassPalette.color(6))
        }
        r.drawText("loss ŷ α β γ δ ε η θ λ μ σ Σ ∇ x² x³ · × − → ≤ ≥ ± 90° …", x: 10, y: 160,
                   font: .small, color: Theme.light.text)
        r.drawText("Training loss ∇L", x: 10, y: 178, font: .large, color: Theme.light.text)
        r.drawText("unknown: 日本 ☃", x: 10, y: 200, font: .small, color: Theme.light.text)
        r.drawText("accuracy", x: 340, y: 160, font: .small, color: Theme.light.text,
                   anchor: .top, rotation: .up)
        r.polyline((0..<60).map { Point(210 + Double($0) * 2, 120 + 10 * sin(Double($0) / 5)) },
                   width: 1.5, color: ClassPalette.color(0))
        return r
    }

    @Test func showcaseDrawsEveryPrimitive() {
        let r = Self.showcase()
        LookAt.save(r, "showcase")
        #expect(r[150, 40] == ClassPalette.color(2))        // disc centre
        #expect(r[175, 105] == ClassPalette.color(6))       // clipped disc inside its clip
        #expect(r[175, 135] == Theme.light.background)      // ...and not below the clip
    }
}
