import Testing
@testable import Plots
import Runtime

@Suite struct KittyEditBandsTests {
    /// `base` with `patch` pasted at (x, y).
    static func pasted(_ patch: Raster, into base: Raster, x: Int, y: Int) -> Raster {
        var out = base
        for py in 0..<patch.height { for px in 0..<patch.width { out[x + px, y + py] = patch[px, py] } }
        return out
    }

    @Test func aBoxWellWithinOneChunkIsOneEdit() throws {
        let base = Raster(width: 400, height: 300, fill: .white)
        // A filled disc and a line of text-like ticks: flat runs, as most of a dashboard's boxes.
        var plot = Raster(width: 140, height: 90, fill: RGBA(240, 240, 250))
        for y in 0..<90 { for x in 0..<140 where (x - 70) * (x - 70) + (y - 45) * (y - 45) <= 900 { plot[x, y] = RGBA(31, 119, 180) } }
        for x in stride(from: 5, to: 135, by: 7) { for y in 80..<86 { plot[x, y] = .black } }
        let next = Self.pasted(plot, into: base, x: 40, y: 50)
        let options = KittyEncoder.Options(format: LiveFrameEncoder.editFormat)
        // The box deflated whole fills well under half a chunk: the prediction must not cut it.
        let whole = KittyEncoder.encodedPixels(plot, options: options).payload.count
        try #require(Base64.encodedCount(whole) <= 2048)
        var bands = KittyEditBands()
        var canvas = KittyCanvas()
        try canvas.apply(KittyEncoder.encode(base))
        try canvas.apply(bands.encode(next, box: PixelBox(minX: 40, minY: 50, maxX: 180, maxY: 140), options: options))
        #expect(canvas.image == next)
        #expect(canvas.transmissions.count == 2)
        #expect(bands.overflows == 0)
    }

    @Test func theRateLearntOnOneBoxCutsTheNextWithoutASecondDeflate() throws {
        let base = Raster(width: 300, height: 200, fill: .white)
        var next = Self.pasted(TestPattern.noise(width: 100, height: 60, seed: 5), into: base, x: 10, y: 10)
        next = Self.pasted(TestPattern.noise(width: 100, height: 60, seed: 6), into: next, x: 150, y: 100)
        let options = KittyEncoder.Options(format: LiveFrameEncoder.editFormat)
        var bands = KittyEditBands()
        var canvas = KittyCanvas()
        try canvas.apply(KittyEncoder.encode(base))
        try canvas.apply(bands.encode(next, box: PixelBox(minX: 10, minY: 10, maxX: 110, maxY: 70), options: options))
        let firstOverflows = bands.overflows
        try canvas.apply(bands.encode(next, box: PixelBox(minX: 150, minY: 100, maxX: 250, maxY: 160), options: options))
        #expect(canvas.image == next)
        #expect(bands.overflows == firstOverflows)
        let edits = canvas.transmissions.dropFirst()
        #expect(edits.count > 2)
        #expect(edits.allSatisfy { $0.chunkKeys.count == 1 && $0.chunkLengths[0] <= 4096 })
    }

    @Test func rowCostsCountLiteralsWholeAndMatchesAsAQuarter() {
        var raster = Raster(width: 6, height: 2, fill: .white)
        raster[2, 0] = .black; raster[3, 0] = .black
        raster[2, 1] = .black; raster[3, 1] = .black
        // Row 0: white (literal), black (literal), white (literal). Row 1: white equals the
        // pixel above (a match starts), black and the white after it likewise.
        #expect(KittyEditBands.rowCosts(raster, box: PixelBox(minX: 0, minY: 0, maxX: 6, maxY: 2)) == [3, 0.75])
    }
}

@Suite struct KittyEditReplayTests {
    /// The XOR dashboard at full size through a run's first reports: large changed boxes cut
    /// into many planned bands on two cores, each edit one chunk, and the canvas equal to every
    /// frame.
    @Test func aXORDashboardRunReplaysExactlyAt1200x720() throws {
        var rng = SeededGenerator(seed: 42)
        var network = try XORNetwork(hidden: 2, rng: &rng)
        var encoder = LiveFrameEncoder(KittyEncoder.Options())
        var canvas = KittyCanvas()
        for report in 0..<6 {
            let frame = XORViews.dashboard(network).render(width: 1200, height: 720)
            let update = encoder.encode(frame)
            try canvas.apply(update.bytes)
            #expect(canvas.image == frame, "report \(report)")
            try network.train(epochs: 100, every: 100)
        }
        let edits = canvas.transmissions.filter { $0.keys["a"] == "f" }
        #expect(edits.count > 10)
        #expect(edits.allSatisfy { $0.chunkKeys.count == 1 && $0.chunkLengths[0] <= 4096 })
    }
}
