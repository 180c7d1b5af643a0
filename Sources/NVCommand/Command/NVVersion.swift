/// The version `nv --version` and the REPL banner show.
enum NVVersion {
    /// Semantic version of the executable and its language.
    static let string = "0.1.0"
}
