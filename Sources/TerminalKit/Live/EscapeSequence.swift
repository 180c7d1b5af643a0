import Plots
import Foundation

/// The escape sequences nv writes to move the cursor, hide it, and ask the terminal questions.
///
/// Each builder returns the bytes of one sequence; nothing here touches the terminal.
public enum EscapeSequence {
    /// DECSC: saves the cursor position (`ESC 7`), understood by every terminal nv targets.
    public static let saveCursor = "\u{1B}7"
    /// DECRC: restores the position saved by `saveCursor` (`ESC 8`).
    public static let restoreCursor = "\u{1B}8"
    /// Hides the cursor while frames are drawn, so it does not flicker over the image.
    public static let hideCursor = "\u{1B}[?25l"
    /// Shows the cursor again.
    public static let showCursor = "\u{1B}[?25h"
    /// Erases the whole current line without moving the cursor.
    public static let eraseLine = "\u{1B}[2K"
    /// Erases from the cursor to the end of the line.
    public static let eraseToEndOfLine = "\u{1B}[K"
    /// Erases from the cursor to the end of the screen (ED 0).
    public static let eraseBelow = "\u{1B}[J"
    /// Starts a synchronized update (mode 2026): the terminal holds the screen until `endSync`.
    public static let beginSync = "\u{1B}[?2026h"
    /// Ends a synchronized update and lets the terminal paint.
    public static let endSync = "\u{1B}[?2026l"

    /// Deletes every placement of kitty image `imageID` from the screen (the image data stays,
    /// no reply).
    public static func kittyDeletePlacements(imageID: UInt32) -> String {
        "\u{1B}_Ga=d,d=i,i=\(imageID),q=2\u{1B}\\"
    }

    /// Moves the cursor up `lines` lines (nothing for 0), staying in its column.
    public static func cursorUp(_ lines: Int) -> String {
        lines > 0 ? "\u{1B}[\(lines)A" : ""
    }

    /// Moves the cursor down `lines` lines (nothing for 0); does not scroll at the bottom.
    public static func cursorDown(_ lines: Int) -> String {
        lines > 0 ? "\u{1B}[\(lines)B" : ""
    }

    /// The kitty graphics query: a 1x1 RGB image with `a=q`, which a kitty-protocol terminal
    /// answers with `ESC _ G i=31 ; OK ESC \` and does not display.
    public static let kittyQuery = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"
    /// The same query with a virtual placement (`U=1`, Unicode placeholders): kitty 0.28 and
    /// later answer `ESC _ G i=32 ; OK ESC \`; older versions reject the unknown key silently.
    /// Sent before `kittyQuery`, so its answer, if any, comes first.
    public static let kittyPlaceholderQuery = "\u{1B}_Gi=32,s=1,v=1,a=q,t=d,f=24,U=1;AAAA\u{1B}\\"
    /// The image id of `kittyPlaceholderQuery`.
    public static let kittyPlaceholderQueryID = 32
    /// Primary device attributes; every real terminal answers, so it goes last and its reply
    /// marks the end of the answers.
    public static let deviceAttributesQuery = "\u{1B}[c"
    /// DECRQM for mode 2026: does the terminal support synchronized output?
    public static let synchronizedOutputQuery = "\u{1B}[?2026$p"
    /// Asks for the cell size in pixels (`ESC [ 6 ; h ; w t`).
    public static let cellSizeQuery = "\u{1B}[16t"
    /// Asks for the text area size in pixels (`ESC [ 4 ; h ; w t`).
    public static let textAreaQuery = "\u{1B}[14t"

    /// XTSMGRAPHICS: reads the current and the largest Sixel image size (xterm answers
    /// `ESC [ ? 2 ; 0 ; W ; H S`; a bigger image is not shown at all).
    public static let sixelGeometryQuery = "\u{1B}[?2;1;0S"
    public static let sixelMaxGeometryQuery = "\u{1B}[?2;4;0S"
    /// XTSMGRAPHICS: reads the number of Sixel colour registers (xterm answers
    /// `ESC [ ? 1 ; 0 ; N S`; its VT340 mode has 16 unless told otherwise).
    public static let sixelColorRegistersQuery = "\u{1B}[?1;1;0S"
    /// XTSMGRAPHICS: asks for `count` colour registers; the answer is the count now in force.
    public static func sixelColorRegistersRequest(_ count: Int) -> String { "\u{1B}[?1;3;\(count)S" }

    /// All detection queries in the order they are sent; DA1 is last, so its answer means
    /// every other answer has arrived (terminals answer in order).
    /// Under tmux the kitty queries are wrapped so they reach the outer terminal, and the
    /// placeholder query goes first (placeholders are used only there).
    public static func detectionQueries(tmux: Bool) -> String {
        let kitty = tmux ? tmuxPassthrough(kittyPlaceholderQuery) + tmuxPassthrough(kittyQuery) : kittyQuery
        return kitty + synchronizedOutputQuery + cellSizeQuery + textAreaQuery
            + sixelGeometryQuery + sixelMaxGeometryQuery + sixelColorRegistersQuery + deviceAttributesQuery
    }

    /// Wraps `sequence` in tmux's passthrough (`ESC P tmux ; ... ESC \`), doubling every ESC
    /// inside, so tmux forwards it to the outer terminal unchanged. Needs tmux's
    /// `allow-passthrough` option (tmux 3.3 and later).
    public static func tmuxPassthrough(_ sequence: String) -> String {
        String(decoding: TmuxPassthrough.wrap(Array(sequence.utf8)), as: UTF8.self)
    }

    /// `tmuxPassthrough` on bytes (encoders produce bytes, not strings): `TmuxPassthrough`,
    /// the one wrapper.
    public static func tmuxPassthrough(_ sequence: [UInt8]) -> [UInt8] {
        TmuxPassthrough.wrap(sequence)
    }
}
