/// Turns the small part of TeX that the lessons use into readable Unicode for a terminal:
/// `\frac{a}{b}` becomes `a/b` (parenthesised when a side is more than one symbol), `x^2` and
/// `w_{ij}` become `x²` and `wᵢⱼ` where Unicode has the small letters (else `x^(…)`, `w_(…)`),
/// Greek letters and operators (`\sigma`, `\partial`, `\sum`, `\cdot`, `\leftarrow`) become their
/// symbols, `\hat{y}` becomes `ŷ`, and spacing commands become spaces.
///
/// It is a readable rendering, not a typesetter: an unknown command is kept as its name
/// without the backslash, so nothing is silently lost.
public enum FormulaText {
    /// The Unicode rendering of the TeX `source` (the text between `$…$` or `$$…$$`).
    public static func render(_ source: String) -> String {
        var parser = Reader(Array(source))
        return tidy(parser.sequence(until: nil))
    }

    /// Commands replaced by a symbol or word.
    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ",
        "psi": "ψ", "omega": "ω", "Delta": "Δ", "Gamma": "Γ", "Lambda": "Λ", "Sigma": "Σ",
        "Phi": "Φ", "Omega": "Ω", "Theta": "Θ",
        "partial": "∂", "nabla": "∇", "sum": "Σ", "prod": "Π", "infty": "∞", "sqrt": "√",
        "cdot": "·", "times": "×", "odot": "⊙", "circ": "∘", "pm": "±", "div": "÷",
        "leftarrow": "←", "gets": "←", "rightarrow": "→", "to": "→", "Rightarrow": "⇒",
        "mapsto": "↦", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠",
        "neq": "≠", "equiv": "≡", "in": "∈", "ldots": "…", "dots": "…", "cdots": "⋯",
        "lVert": "‖", "rVert": "‖", "Vert": "‖", "|": "‖", "lvert": "|", "rvert": "|",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "top": "ᵀ", "prime": "′",
        "exp": "exp", "log": "log", "ln": "ln", "max": "max", "min": "min", "tanh": "tanh",
        "sin": "sin", "cos": "cos", "arg": "arg", "argmax": "argmax", "argmin": "argmin",
        ",": " ", ";": " ", ":": " ", "!": "", "quad": "\u{1}", "qquad": "\u{1}\u{1}", " ": " ",
        "{": "{", "}": "}", "%": "%", "_": "_", "$": "$", "#": "#", "&": "&",
        "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "", "Bigl": "",
        "Bigr": "", "displaystyle": "", "limits": "",
    ]

    /// Commands that wrap one argument and mark it with a combining character (`\hat{y}` → ŷ).
    static let accents: [String: Character] = [
        "hat": "\u{0302}", "bar": "\u{0304}", "tilde": "\u{0303}", "dot": "\u{0307}",
        "vec": "\u{20D7}", "overline": "\u{0305}",
    ]

    /// Commands whose symbol is written against what follows it.
    static let prefixes: Set<String> = ["partial", "nabla", "sqrt", "neg"]

    /// Commands whose argument is shown as it is (`\text{loss}` → loss, `\mathbb{R}` → ℝ).
    static let styles: Set<String> = ["text", "mathrm", "mathbf", "mathit", "operatorname",
                                      "textbf", "mathcal", "boldsymbol", "mathsf", "mathtt"]

    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
        "9": "⁹", "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ",
        "T": "ᵀ", "a": "ᵃ", "b": "ᵇ", "c": "ᶜ", "d": "ᵈ", "e": "ᵉ", "f": "ᶠ", "g": "ᵍ", "h": "ʰ",
        "j": "ʲ", "k": "ᵏ", "l": "ˡ", "m": "ᵐ", "o": "ᵒ", "p": "ᵖ", "r": "ʳ", "s": "ˢ", "t": "ᵗ",
        "u": "ᵘ", "v": "ᵛ", "w": "ʷ", "x": "ˣ", "y": "ʸ", "z": "ᶻ", "′": "′", "*": "*",
    ]

    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈",
        "9": "₉", "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎", "a": "ₐ", "e": "ₑ",
        "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "o": "ₒ", "p": "ₚ",
        "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ", "β": "ᵦ", "γ": "ᵧ", "ρ": "ᵨ",
        "φ": "ᵩ", "χ": "ᵪ", ",": ",",
    ]

    static let doubleStruck: [Character: String] = ["R": "ℝ", "N": "ℕ", "Z": "ℤ", "E": "𝔼", "Q": "ℚ"]

    /// `text` raised or lowered with the small Unicode letters, or `mark(text)` when one of its
    /// characters has none (one plain symbol keeps no parentheses: `x^*`).
    static func script(_ text: String, table: [Character: Character], mark: String) -> String {
        let mapped = text.compactMap { table[$0] }
        if !text.isEmpty, mapped.count == text.count { return String(mapped) }
        return text.count == 1 ? mark + text : "\(mark)(\(text))"
    }

    /// `text` with parentheses when it is more than one symbol, for a side of a fraction.
    static func grouped(_ text: String) -> String {
        let plain = text.trimmingSpaces
        // One symbol, a number, or a letter with scripts and accents (∂w₂ⱼ, ŷᵢ) needs no brackets.
        let body = plain.hasPrefix("∂") ? String(plain.dropFirst()) : plain
        let isNumber = !body.isEmpty && body.allSatisfy { $0.isNumber || $0 == "." }
        let isScripted = body.first?.isLetter == true
            && body.dropFirst().allSatisfy { superscripts.values.contains($0) || subscripts.values.contains($0)
                || $0 == "′" || $0 == "," }
        let isBracketed = plain.hasPrefix("(") && plain.hasSuffix(")") && balancedInside(plain)
        // One term without spaces or operators, such as e^(z_c), reads unambiguously too.
        let isTerm = !plain.contains { " +−-=/·×,".contains($0) }
        return plain.count <= 1 || isNumber || isScripted || isBracketed || isTerm ? plain : "(\(plain))"
    }

    private static func balancedInside(_ text: String) -> Bool {
        var depth = 0
        for (index, character) in text.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0 && index < text.count - 1 { return false }
        }
        return true
    }

    /// Collapses runs of spaces, drops spaces inside brackets and before commas, and widens
    /// `\quad` (kept as U+0001 until here) to two spaces.
    static func tidy(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == " ", let last = result.last, " (⌊⌈⟨\u{1}".contains(last) { continue }
            if ")],⌋⌉⟩\u{1}".contains(character) && result.last == " " { result.removeLast() }
            result.append(character)
        }
        return result.trimmingSpaces.map { $0 == "\u{1}" ? "  " : String($0) }.joined()
    }

    /// A cursor over the formula's characters; each method reads one grammar piece.
    struct Reader {
        var characters: [Character]
        var index = 0
        init(_ characters: [Character]) { self.characters = characters }

        /// Items until `terminator` (consumed) or the end.
        mutating func sequence(until terminator: Character?) -> String {
            var result = ""
            while index < characters.count {
                let character = characters[index]
                if let terminator, character == terminator {
                    index += 1
                    return result
                }
                result += item()
            }
            return result
        }

        /// One item: a group, a command, a script, or a character.
        mutating func item() -> String {
            let character = characters[index]
            index += 1
            switch character {
            case "{": return sequence(until: "}")
            case "}": return ""
            case "\\": return command()
            case "^": return FormulaText.script(argument(), table: FormulaText.superscripts, mark: "^")
            case "_": return FormulaText.script(argument(), table: FormulaText.subscripts, mark: "_")
            case "~": return " "
            case "-": return "−"
            case "*": return "·"
            case "'": return "′"
            default: return String(character)
            }
        }

        /// The argument of a command or script: a braced group or the next item.
        mutating func argument() -> String {
            while index < characters.count, characters[index] == " " { index += 1 }
            guard index < characters.count else { return "" }
            return item()
        }

        /// A command after its backslash.
        mutating func command() -> String {
            guard index < characters.count else { return "" }
            var name = ""
            if characters[index].isLetter {
                while index < characters.count, characters[index].isLetter {
                    name.append(characters[index])
                    index += 1
                }
            } else {
                name = String(characters[index])
                index += 1
            }
            switch name {
            case "frac", "tfrac", "dfrac":
                let top = argument(), bottom = argument()
                // Spaces around it, so `\eta\frac{a}{b}\sum` reads `η a/b Σ`, not `ηa/bΣ`.
                return " \(FormulaText.grouped(top))/\(FormulaText.grouped(bottom)) "
            case "sqrt":
                return "√" + FormulaText.grouped(argument())
            case "mathbb":
                let inner = argument()
                return inner.count == 1 ? FormulaText.doubleStruck[inner.first!] ?? inner : inner
            case "\\":
                return "; "
            default:
                if let accent = FormulaText.accents[name] {
                    let inner = argument()
                    guard let first = inner.first else { return "" }
                    return String(first) + String(accent) + inner.dropFirst()
                }
                if FormulaText.styles.contains(name) { return argument() }
                guard name.first?.isLetter == true else { return FormulaText.symbols[name] ?? name }
                // A prefix symbol binds to what follows (`\partial L` reads `∂L`); other spaces
                // after a command are kept, so `\eta = 0.1` stays `η = 0.1`.
                if FormulaText.prefixes.contains(name) {
                    while index < characters.count, characters[index] == " " { index += 1 }
                }
                return FormulaText.symbols[name] ?? name
            }
        }
    }
}

extension String {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
