import Foundation

/// Next-character prediction on a text: the vocabulary is the text's distinct characters
/// (sorted), a sequence is `context` characters and its targets the same window shifted by one,
/// so position t predicts character t + 1 from characters 0...t (the model must be causal).
/// Windows start every context/2 characters; the last tenth of the text is the test split.
public enum TextTask {
    /// Texts longer than this are refused (the windows are built in memory).
    public static let maximumCharacters = 10_000_000
    /// At most this many distinct characters.
    public static let maximumVocabulary = 4096

    /// The task from a file.
    /// - Throws: `RuntimeError` naming the file when it cannot be read, is not UTF-8, is empty or
    ///   too short for the context.
    public static func load(path: String, context: Int) throws -> SequenceTask {
        let data = try RegularFile.read(path, what: "text", limit: 4 * maximumCharacters)
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuntimeError("text: '\(visible(path))' is not UTF-8 text")
        }
        let name = "text(\"\(visible(URL(fileURLWithPath: path).lastPathComponent))\", context: \(context))"
        return try make(text, context: context, name: name, source: "'\(visible(path))'")
    }

    /// The task from a string; `source` names it in messages.
    public static func make(_ text: String, context: Int, name: String, source: String) throws -> SequenceTask {
        guard context >= 1 && context <= AttentionConfig.maximumContext else {
            throw RuntimeError("text: argument 'context' must be an integer from 1 to \(AttentionConfig.maximumContext), got \(context)")
        }
        let characters = Array(text)
        guard !characters.isEmpty else { throw RuntimeError("text: \(source) is empty; next-character prediction needs some text") }
        guard characters.count <= maximumCharacters else {
            throw RuntimeError("text: \(source) has \(characters.count) characters; at most \(maximumCharacters) are supported")
        }
        let distinct = Array(Set(characters)).sorted()
        guard distinct.count <= maximumVocabulary else {
            throw RuntimeError("text: \(source) has \(distinct.count) distinct characters; at most \(maximumVocabulary) are supported")
        }
        guard distinct.count >= 2 else {
            throw RuntimeError("text: \(source) has only one distinct character; there is nothing to predict")
        }
        var index: [Character: Int32] = [:]
        for (i, c) in distinct.enumerated() { index[c] = Int32(i) }
        let ids = characters.map { index[$0]! }
        let testStart = ids.count - max(context + 1, ids.count / 10)
        guard testStart >= context + 1 else {
            throw RuntimeError("text: \(source) has \(ids.count) characters; a context of \(context) needs at least \(2 * (context + 1)) (one window to train on and one to test)")
        }
        let train = windows(ids[0..<testStart], context: context)
        let test = windows(ids[testStart...], context: context)
        return SequenceTask(name: name, tokens: distinct.map { String($0) }, train: train, test: test, causal: true, separator: "")
    }

    /// Windows of context + 1 ids every max(1, context/2): inputs the first context, targets the last.
    static func windows(_ ids: ArraySlice<Int32>, context: Int) -> SequenceSet {
        let ids = Array(ids)
        let step = max(1, context / 2)
        var x = [Int32](), y = [Int32]()
        var start = 0
        while start + context + 1 <= ids.count {
            x += ids[start..<(start + context)]
            y += ids[(start + 1)...(start + context)]
            start += step
        }
        return SequenceSet(inputs: x, targets: y, length: context)
    }
}
