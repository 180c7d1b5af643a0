/// The site of a call of a global function (see Sites.swift for what a site is).

/// `f()`, `f(a)` or `f(a, b)` without labels, `f` a global: the function is borrowed from the
/// variable for the call (see Borrowing.swift) and its frame filled in place.
final class CallSite {
    let cell: GlobalCell
    let name: String
    let count: Int
    let first: Leaf
    let second: Leaf
    let labels: [String?]
    let argumentSpans: [SourceSpan]
    let calleeSpan: SourceSpan
    let span: SourceSpan
    let machine: Machine
    let globals: Globals
    let source: SourceText

    init(cell: GlobalCell, name: String, arguments: [Leaf], argumentSpans: [SourceSpan], calleeSpan: SourceSpan,
         span: SourceSpan, machine: Machine, globals: Globals, source: SourceText) {
        self.cell = cell
        self.name = name
        self.count = arguments.count
        self.first = arguments.count > 0 ? arguments[0] : .constant(.null)
        self.second = arguments.count > 1 ? arguments[1] : .constant(.null)
        self.labels = arguments.map { _ in nil }
        self.argumentSpans = argumentSpans
        self.calleeSpan = calleeSpan
        self.span = span
        self.machine = machine
        self.globals = globals
        self.source = source
    }

    func run(_ frame: Frame) throws(Unwind) -> Value {
        guard let borrowed = cell.unretainedFunction, borrowed.borrow({ $0.arity }) == count else {
            guard let function = cell.value else {
                throw .error("undefined variable '\(name)'\(globals.suggestion(for: name))", calleeSpan, source)
            }
            var values: [Value] = []
            if count > 0 { values.append(try first.run(frame)) }
            if count > 1 { values.append(try second.run(frame)) }
            return try Calls.call(function, values, labels, argumentSpans, machine, span, source)
        }
        return try borrowed.borrow { (user: UserFunction) throws(Unwind) -> Value in
            // Borrowed from the global without a retain, from before the arguments run
            // (they may reassign it) to the end of the call (see Borrowing.swift).
            user.borrowedCalls &+= 1
            defer { user.endBorrowedCall() }
            let callee = user.makeFrame()
            let slots = callee.slots
            if count > 0 {
                // The slots hold nil, which owns nothing, so initializing over them leaks nothing.
                do throws(Unwind) {
                    slots.initialize(to: try first.run(frame))
                    if count > 1 { (slots + 1).initialize(to: try second.run(frame)) }
                } catch {
                    user.recycle(callee)
                    throw error
                }
            }
            return try Calls.invoke(user, callee, machine, span, source)
        }
    }
}

extension Compiler {
    /// The site of a call of a global with at most two arguments, none labelled.
    func callSite(_ callee: Expr, _ arguments: [Argument], _ span: SourceSpan) -> CallSite? {
        guard case .name(let name) = callee.kind, arguments.count <= 2, arguments.allSatisfy({ $0.label == nil }),
              case .global(let cell) = resolve(name) else { return nil }
        return CallSite(cell: cell, name: name, arguments: arguments.map { leaf($0.value) },
                        argumentSpans: arguments.map(\.value.span), calleeSpan: callee.span, span: span,
                        machine: machine, globals: globals, source: source)
    }
}
