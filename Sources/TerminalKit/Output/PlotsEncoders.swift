import Plots

extension PictureEncoders {
    /// The Plots encoders, configured for `capabilities`: tmux passthrough inside tmux, the
    /// colour depth for half blocks, braille coloured only with 24-bit colour.
    ///
    /// Under tmux a whole picture goes in one passthrough sequence, not one per kitty chunk:
    /// tmux 3.3a re-sends its scroll region after each passthrough, which homes the outer
    /// cursor, so with per-chunk wrapping kitty placed the picture at the screen's top-left
    /// (seen in kitty under tmux). tmux buffers up to 1 MB of one sequence, far more than a
    /// compressed frame.
    ///
    /// Live kitty frames after the first are sent as changes (`LiveFrameEncoder`) in kitty
    /// itself (`kittyFrameEdits`); elsewhere every frame is sent whole.
    public static func plots(for capabilities: TerminalCapabilities) -> PictureEncoders {
        let tmux = capabilities.tmux
        let pass: @Sendable ([UInt8]) -> [UInt8] = { tmux ? EscapeSequence.tmuxPassthrough($0) : $0 }
        return PictureEncoders(
            png: { PNGEncoder.encode($0) },
            kitty: { raster, imageID in
                pass(KittyEncoder.encode(raster, options: KittyEncoder.Options(
                    imageID: imageID, placementID: 1, keepCursor: true)))
            },
            kittyVirtual: { raster, imageID, columns, rows in
                pass(KittyPlaceholders.transmit(raster, imageID: imageID, columns: columns, rows: rows))
            },
            sixel: { [registers = capabilities.sixelColorRegisters] raster in
                pass(SixelEncoder.encode(raster, options: SixelEncoder.Options(maxColors: registers)))
            },
            iterm: { pass(ITermEncoder.encode($0)) },
            text: { raster, mode, colors, columns in
                switch (mode, colors) {
                case (.blocks, .trueColor):
                    return HalfBlockEncoder.encode(raster, columns: columns, palette: .trueColor)
                case (.blocks, .palette256):
                    return HalfBlockEncoder.encode(raster, columns: columns, palette: .xterm256)
                case (.braille, .none), (.blocks, .none):
                    return BrailleEncoder.encode(raster, columns: columns, colored: false)
                case (.braille, _):
                    return BrailleEncoder.encode(raster, columns: columns, colored: colors == .trueColor)
                default:
                    return AsciiEncoder.encode(raster, columns: columns)
                }
            },
            liveFrames: { mode, imageID in
                guard mode == .kitty, capabilities.kittyFrameEdits else { return nil }
                return LiveFrameEncoder(KittyEncoder.Options(imageID: imageID, placementID: 1, keepCursor: true), tmux: tmux)
            })
    }
}
