import Runtime

/// What `train` says after an xor run that ended unsolved, as a lesson: why (one unit cannot,
/// not there yet, or stuck on a plateau or in a local minimum) and the line to type next.
/// Every claim in it ("a copy solves after 12,000 more epochs", "seed 1 solves in 40,000") was
/// just tried by `XORNetwork.diagnose`, not assumed.
enum XORVerdict {
    /// The text for `diagnosis` (nil when solved); `name` is the user's variable for the model.
    static func text(_ diagnosis: XORDiagnosis, hidden: Int, learningRate: Double, name: String) -> String? {
        switch diagnosis {
        case .solved:
            return nil
        case .cannotSolve:
            return """
                Not solved, and it cannot be: one hidden unit draws one line across the plane,
                and no line puts [0, 1] and [1, 0] on one side and [0, 0] and [1, 1] on the
                other. Two units draw two lines: \(name) = xor(hidden: 2)

                """
        case .solvesAfter(let more):
            return """
                Not solved yet, but not stuck: a copy of this network solves XOR within
                \(grouped(more)) more epochs. Go on from here: train(\(name), epochs: \(roundedUp(more)))

                """
        case .diverged:
            return """
                Not solved: the weights are no longer finite numbers, so the learning rate
                \(Value.format(learningRate)) is far too large. Start again with a smaller one:
                  \(name) = xor(hidden: \(hidden), lr: 0.1)

                """
        case .stuck(let checked, let otherSeed, let epochs):
            var text = """
                Not solved: the network is stuck, on a plateau (the loss surface almost flat,
                the gradient almost zero) or in a local minimum (every small step goes
                uphill). More epochs will not help: a copy trained \(grouped(checked)) more is still
                stuck. Gradient descent only walks downhill from where it starts, so try
                another start:

                """
            let seed = otherSeed.map { "\($0)" } ?? "2"
            text += "  \(name) = xor(hidden: \(hidden)\(lrArgument(learningRate)), seed: \(seed))\n"
            text += "  train(\(name), epochs: \(epochs), every: 100)"
            text += otherSeed == nil ? "\n" : "   # this start solves in \(grouped(epochs))\n"
            if hidden == 2 {
                text += "With hidden: 3 a start rarely gets stuck (about 1 in 20, against 1 in 3\n"
                text += "with 2 units): the third unit gives gradient descent another way down.\n"
            }
            return text
        }
    }

    /// The variable that holds `model` in the session, else "net".
    static func name(of model: XORModel, in session: Session) -> String {
        for (name, value) in session.globals.defined {
            if case .object(let object) = value, object as AnyObject === model { return name }
        }
        return "net"
    }

    private static func lrArgument(_ lr: Double) -> String { lr == 0.1 ? "" : ", lr: \(Value.format(lr))" }

    /// 12345 → "12,345".
    static func grouped(_ n: Int) -> String {
        var digits = String(n), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    /// Rounds up to two significant digits, so the suggested command has a round number: 12,345 → 13000.
    static func roundedUp(_ n: Int) -> Int {
        var unit = 1
        while n / unit >= 100 { unit *= 10 }
        return (n + unit - 1) / unit * unit
    }
}
