/// Causes the fuzzer finds that issue 10 lists and that other branches fix (interpreter limits,
/// CNN sizes, file escaping). The short CI run reports them as known issues, and fails on any
/// other cause. Remove an entry once its fix is merged; an empty list is the goal.
enum KnownIssues {
    /// (what the finding's line in findings.tsv contains, which item of issue 10 it is).
    static let patterns: [(text: String, item: String)] = []

    /// The issue-10 item a findings.tsv line belongs to, if it is a known one.
    static func item(for line: String) -> String? {
        patterns.first { line.contains($0.text) }?.item
    }
}
