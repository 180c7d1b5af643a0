import Runtime

/// The run-time state compiled code shares: call depth, the stack limit, the interrupt flag
/// and the step budget, and the builtin context.
final class Machine {
    /// Calls nest at most this deep, whatever the stack allows.
    static let maxCallDepth = 20_000
    /// How many loop iterations and calls pass between polls of the interrupt flag.
    static let pollInterval = 1024

    let interrupt: StopFlag
    @exclusivity(unchecked) var depth = 0
    /// Evaluation stops with "recursion too deep" when the stack pointer goes below this.
    @exclusivity(unchecked) var stackFloor: UInt = 0
    /// Counts down at every loop iteration and call; the interrupt flag is polled when it
    /// crosses a multiple of `pollInterval`.
    @exclusivity(unchecked) var ticks = 0
    /// Total steps allowed in one run (tests and the fuzzer set it); nil for no limit.
    var stepBudget: Int?
    @exclusivity(unchecked) var stepsUsed = 0
    /// The session, for builtins (display, generator, options). Weak: the session owns us.
    weak var session: Session?

    init(interrupt: StopFlag) { self.interrupt = interrupt }

    /// Called at every loop back-edge and call.
    @inline(__always)
    func tick(_ span: SourceSpan, _ source: SourceText) throws(Unwind) {
        ticks &-= 1
        if ticks < 0 { try poll(span, source) }
    }

    /// Called before every builtin call. A builtin can take long (loading data, training), so a
    /// loop of them would answer Ctrl-C only after `pollInterval` calls (20 s for a loop of
    /// `mnist()` loads, found by nv-fuzz): here the flag is read every time (one atomic load).
    @inline(__always)
    func tickBeforeBuiltin(_ span: SourceSpan, _ source: SourceText) throws(Unwind) {
        if interrupt.isRaised { throw .error("interrupted", span, source) }
        try tick(span, source)
    }

    private func poll(_ span: SourceSpan, _ source: SourceText) throws(Unwind) {
        ticks = Machine.pollInterval
        stepsUsed += Machine.pollInterval
        if interrupt.isRaised { throw .error("interrupted", span, source) }
        if let budget = stepBudget, stepsUsed > budget {
            throw .error("step budget of \(budget) exceeded", span, source)
        }
    }

    /// Checks the depth and the stack before entering a call.
    @inline(__always)
    func enterCall(_ span: SourceSpan, _ source: SourceText) throws(Unwind) {
        depth += 1
        if depth > Machine.maxCallDepth || currentStackAddress() < stackFloor {
            depth -= 1
            throw .error("recursion too deep (more than \(depth) nested calls)", span, source)
        }
    }
}

/// An address near the top of the current stack.
@inline(__always)
func currentStackAddress() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
}
