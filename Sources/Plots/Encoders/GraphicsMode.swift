/// How pictures reach the user: a terminal graphics protocol, a text rendering, or nothing.
public enum GraphicsMode: String, CaseIterable, Sendable {
    /// Detect from the terminal (queries, then environment variables).
    case auto
    /// The kitty graphics protocol.
    case kitty
    /// DEC Sixel.
    case sixel
    /// iTerm2's inline images (OSC 1337), also understood by WezTerm and mlterm.
    case iterm
    /// Unicode half blocks, two pixels per cell, coloured.
    case blocks
    /// Unicode braille, 2x4 dots per cell (best for line charts).
    case braille
    /// Plain ASCII characters, no escape sequences at all.
    case ascii
    /// Pictures are not shown.
    case none
}
