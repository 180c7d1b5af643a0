/// One REPL entry or lesson block as it ran: its code, what it printed, and its pictures, the
/// unit a notebook (`:save`) and an export (`nv --export`) are made of.
public struct NotebookEntry: Equatable, Sendable {
    /// The code as typed (a REPL entry) or as written (a lesson block).
    public var code: String
    /// The text it printed: `print` output, the echoed value, a run's closing status line.
    public var output: String
    /// Its pictures as PNG files, in the order they were shown (a live run's last frame once).
    public var pictures: [[UInt8]]
    /// The message of the error it stopped with, if any.
    public var error: String?

    public init(code: String, output: String = "", pictures: [[UInt8]] = [], error: String? = nil) {
        self.code = code
        self.output = output
        self.pictures = pictures
        self.error = error
    }
}
