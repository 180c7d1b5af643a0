import Dispatch

/// Encodes the frames of one live kitty picture, each as the smallest update after which the
/// screen shows exactly that frame: the first frame whole, then only the boxes that changed since
/// the frame before (`FrameDifference.changedBoxes`), each editing the image already shown in
/// place (`KittyEncoder.encodeUpdate`, `a=f,r=1`), deflated at level 6. Nothing is sent when
/// nothing changed. A training dashboard keeps its titles, axes and much of its panels between
/// frames, but changes in scattered places (a title's numbers, a curve's new end, a heatmap's
/// levels), so one bounding box would be nearly the whole frame.
///
/// Measured over the README's XOR run at 735 px (`nv-bench-plots --run`): 48 KB a frame against
/// 166 KB for whole frames, for about 1 ms more encoding. Sixel has no such edit, and Sixel
/// frames are sent whole. xterm keeps at most 16 Sixel images and, when full, recycles the one
/// on the smallest row, so a part would in time replace the picture it updates. Terminals that
/// paint Sixel into their cell grid (mlterm, foot) replace just the cells a new image covers, so
/// a part must cover whole cells; and a dashboard's heatmaps change in every pixel from one
/// frame to the next and carry over half of a Sixel frame's bytes. Measured with `nv-bench-plots
/// --sixel-cells` (XOR run at 735 px), changed cells sent 21% fewer bytes than whole frames
/// with one palette per frame (colour registers shared between images: mlterm's are, foot's and
/// xterm's not by default), and 26% more with each part defining its own colours.
///
/// The caller keeps one encoder per live picture and starts a new one when the picture's size or
/// place changes.
public struct LiveFrameEncoder: Sendable {
    /// One frame's bytes.
    public struct Update: Equatable, Sendable {
        /// The escape sequences (in one tmux passthrough when `tmux`); empty when nothing changed.
        public var bytes: [UInt8]
        /// The pixels sent, in the frame's coordinates.
        public var boxes: [PixelBox]
        /// True when the whole frame was sent (`a=T`).
        public var isFull: Bool
    }

    /// The options of whole frames (image id, placement, format); edits use the same image id.
    public let options: KittyEncoder.Options
    /// Wrap each update in one tmux passthrough sequence (not one per kitty chunk: see
    /// `PictureEncoders.plots`).
    public let tmux: Bool
    /// The frame on screen.
    private var previous: Raster?

    /// Tiles of this many pixels a side: simulated over a XOR run, the bytes were lowest for
    /// 16 to 32 (smaller tiles add a header per box, larger ones re-send unchanged pixels).
    static let tileSize = 32
    /// Changed boxes covering at least this share of the frame are sent as a whole frame.
    static let wholeFrameShare = 0.75
    /// How edits are deflated. Over `nv-bench-plots --run` (XOR at 1200x720, 735 px, CNN),
    /// level 6 sent 16%, 19% and 25% fewer bytes than level 2 for about 15% more encoding time
    /// (render + encode stays under 10 ms at 1200x720); level 9 saved 2% more at 2.4 times the
    /// time of level 6.
    static let editFormat = KittyEncoder.Format.zlib(DeflateSettings(level: 6))

    /// An encoder whose first frame will be sent whole with `options`.
    public init(_ options: KittyEncoder.Options, tmux: Bool = false) {
        self.options = options
        self.tmux = tmux
    }

    /// The update that turns the previous frame on screen into `raster` (the first frame, or a
    /// frame of another size, is sent whole).
    public mutating func encode(_ raster: Raster) -> Update {
        var update = unwrapped(raster)
        previous = raster
        if tmux && !update.bytes.isEmpty { update.bytes = TmuxPassthrough.wrap(update.bytes) }
        return update
    }

    private func unwrapped(_ raster: Raster) -> Update {
        func whole() -> Update {
            Update(bytes: KittyEncoder.encode(raster, options: options),
                   boxes: [PixelBox(minX: 0, minY: 0, maxX: raster.width, maxY: raster.height)], isFull: true)
        }
        guard let previous, previous.width == raster.width, previous.height == raster.height else { return whole() }
        let boxes = FrameDifference.changedBoxes(from: previous, to: raster,
                                                 tileWidth: Self.tileSize, tileHeight: Self.tileSize)
        let area = boxes.reduce(0) { $0 + ($1.maxX - $1.minX) * ($1.maxY - $1.minY) }
        if Double(area) >= Self.wholeFrameShare * Double(raster.width * raster.height) { return whole() }
        var edit = options
        edit.format = Self.editFormat
        return Update(bytes: Self.edits(raster, boxes: boxes, options: edit, area: area), boxes: boxes, isFull: false)
    }

    /// Boxes changing at least this many pixels are deflated on two cores.
    static let parallelArea = 1 << 16

    /// The edits of `boxes`, in order. Each band of a box is deflated alone, so a large change is
    /// cut into two runs of boxes of about equal area, one per core (as whole frames are deflated
    /// on two cores), each run with its own band planner (`KittyEditBands`, which learns the
    /// bytes per pixel as it goes): the bytes depend on the cut, not on the cores.
    static func edits(_ raster: Raster, boxes: [PixelBox], options: KittyEncoder.Options, area: Int) -> [UInt8] {
        guard area >= parallelArea, boxes.count > 1 else {
            var bands = KittyEditBands()
            return boxes.flatMap { bands.encode(raster, box: $0, options: options) }
        }
        var split = 0, firstArea = 0
        while split < boxes.count - 1 && 2 * firstArea < area {
            firstArea += (boxes[split].maxX - boxes[split].minX) * (boxes[split].maxY - boxes[split].minY)
            split += 1
        }
        let halves = [Array(boxes[..<split]), Array(boxes[split...])]
        let results = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: 2)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            var bands = KittyEditBands()
            shared[n] = halves[n].flatMap { bands.encode(raster, box: $0, options: options) }
        }
        return results[0] + results[1]
    }
}
