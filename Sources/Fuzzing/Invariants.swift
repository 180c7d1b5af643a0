/// Programs that check a fact about nv and end in a value that must print as `true`: a loop
/// runs as many times as its range is long, deep lists equal themselves, a flat chain of `+`
/// adds up, `str` and `len` agree. A wrong answer or the step budget running out (a loop that
/// never ends) is reported; an error message is accepted (a limit said out loud).
enum Invariants {
    static func program(_ random: inout FuzzRandom) -> String {
        switch random.below(6) {
        case 0:
            let start = random.pick(["0", "1e6", "4503599627370496", "9007199254740990", "9007199254740992",
                                     "1e16", "1e300", "-9007199254740995", "0.5", "1e15 + 0.5"])
            let count = random.int(0...4)
            let closed = random.chance(0.5)
            let range = "(\(start))\(closed ? "..." : "..<")(\(start)) + \(count)"
            return "n = 0\nfor i in \(range) { n += 1 }\nn == len(\(range))"
        case 1:
            let depth = random.pick([1, 5, 19, 20, 21, 25, 100, 1000])
            let wrap = random.pick(["[a]", "[a, 1]", "(k: a)", "[[a]]"])
            return "a = [1]\nb = [1]\nfor i in 0..<\(depth) { a = \(wrap); b = \(wrap.replacingOccurrences(of: "a", with: "b")) }\na == b"
        case 2:
            let terms = random.pick([2, 50, 199, 200, 201, 500, 2000])
            let op = random.pick([("+", "\(terms)"), ("*", "1"), ("-", "\(2 - terms)")])
            return Array(repeating: "1", count: terms).joined(separator: " \(op.0) ") + " == \(op.1)"
        case 3:
            let count = random.pick([0, 1, 3, 1000])
            return "xs = list(0..<\(count))\nlen(xs) == \(count) and len(str(xs)) > 1"
        case 4:
            let a = random.pick(["0", "-0.0", "1", "1e308", "-1e308", "2 ^ 53", "0.1 + 0.2", "1e-320"])
            return "x = \(a)\nx == x and str(x) == \"\\(x)\""
        default:
            let text = random.pick(["\"\"", "\"abc\"", "\"é\"", "\"\\u{1F600}\"", "\"a\" * 1000", "\"\\n\\t\""])
            return "s = \(text)\nn = 0\nfor c in s { n += 1 }\nn == len(s)"
        }
    }
}
