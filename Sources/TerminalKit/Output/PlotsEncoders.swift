import Plots

extension PictureEncoders {
    /// The Plots encoders, configured for `capabilities`: tmux passthrough inside tmux, the
    /// colour depth for half blocks, braille coloured only with 24-bit colour.
    public static func plots(for capabilities: TerminalCapabilities) -> PictureEncoders {
        let tmux = capabilities.tmux
        return PictureEncoders(
            png: { PNGEncoder.encode($0) },
            kitty: { raster, imageID in
                KittyEncoder.encode(raster, options: KittyEncoder.Options(
                    imageID: imageID, placementID: 1, keepCursor: true, tmux: tmux))
            },
            sixel: { SixelEncoder.encode($0, options: SixelEncoder.Options(tmux: tmux)) },
            iterm: { ITermEncoder.encode($0, options: ITermEncoder.Options(tmux: tmux)) },
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
            })
    }
}
