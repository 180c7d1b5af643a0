/// A `NumericSite`'s expression as a flat list of steps on a stack of Doubles, run by one loop
/// in one function: walking the `Leaf` tree instead cost a call (and its register saves) per
/// operation, which was most of the time of a loop body such as `s + xs[i % 10] * 2 - i % 7`.
///
/// Every step either computes exactly what the leaf's `run` computes for plain numbers or
/// gives up (nil), and the site then runs the leaf: since the parts only read, which step gave
/// up does not matter, and the order of the steps need not be the order of evaluation.
final class NumericProgram {
    /// What one step does; the stack's top is a register of `evaluate`.
    enum Step {
        /// Pushes a variable's or a written number.
        case local(Int)
        case global(Unmanaged<GlobalCell>)
        case constant(Double)
        /// Pushes `local + delta` (an `OffsetSite`).
        case offset(slot: Int, delta: Double)
        /// Replaces the top `x` by `x % divisor` (a `RemainderSite`).
        case remainder(Unmanaged<RemainderSite>)
        /// Replaces the top `k` by `xs[k]` (an `IndexSite`).
        case index(Unmanaged<IndexSite>)
        /// Replaces `j` and, on top, `k` by `xs[j][k]` (a `NestedIndexSite`).
        case nestedIndex(Unmanaged<NestedIndexSite>)
        /// Replace the two top values `x`, `y` (on top) by `x op y`.
        case add, subtract, multiply, divide, remainderOf
        /// Replace the top `x` by `x op c`, `c` written in the code (`x * 2`).
        case addConstant(Double), subtractConstant(Double), multiplyConstant(Double)
    }

    // steps: [count]; the objects they name are kept alive by the site's `Leaf`.
    private let steps: ContiguousArray<Step>
    /// The most values the stack holds below its top.
    private let depth: Int
    // stack: [depth], the values below the top. One per program, allocated once: a program
    // cannot run again while it runs, as its steps only read numbers and lists.
    private let stack: UnsafeMutablePointer<Double>

    /// The program of a leaf that is `isNumeric`; nil for any other.
    init?(_ leaf: Leaf) {
        var steps = ContiguousArray<Step>()
        var height = 0, depth = 0
        func push(_ step: Step, _ change: Int) {
            steps.append(step)
            height += change
            depth = max(depth, height)
        }
        func emit(_ leaf: Leaf) -> Bool {
            switch leaf {
            case .local(let slot): push(.local(slot), 1)
            case .global(let cell, _): push(.global(.passUnretained(cell)), 1)
            case .constant(.number(let x)): push(.constant(x), 1)
            case .offset(let site): push(.offset(slot: site.slot, delta: site.delta), 1)
            case .remainder(let site):
                guard emit(site.base) else { return false }
                push(.remainder(.passUnretained(site)), 0)
            case .index(let site):
                guard emit(site.key) else { return false }
                push(.index(.passUnretained(site)), 0)
            case .nestedIndex(let site):
                guard emit(site.row.key), emit(site.key) else { return false }
                push(.nestedIndex(.passUnretained(site)), -1)
            case .add(let site), .subtract(let site), .multiply(let site), .binary(let site):
                guard emit(site.l) else { return false }
                if case .constant(.number(let c)) = site.r {
                    switch site.op {
                    case .add: push(.addConstant(c), 0); return true
                    case .subtract: push(.subtractConstant(c), 0); return true
                    case .multiply: push(.multiplyConstant(c), 0); return true
                    default: break
                    }
                }
                guard emit(site.r) else { return false }
                switch site.op {
                case .add: push(.add, -1)
                case .subtract: push(.subtract, -1)
                case .multiply: push(.multiply, -1)
                case .divide: push(.divide, -1)
                case .remainder: push(.remainderOf, -1)
                default: return false
                }
            case .numeric(let site): return emit(site.leaf)
            default: return false
            }
            return true
        }
        guard emit(leaf), height == 1 else { return nil }
        self.steps = steps
        self.depth = depth
        self.stack = .allocate(capacity: depth)
        self.stack.initialize(repeating: 0, count: depth)
    }

    deinit { stack.deallocate() }

    /// The expression's value when every part is a number on the plain path; nil when the
    /// leaf must run (for the value or the error it gives).
    func evaluate(_ frame: Frame) -> Double? {
        let stack = self.stack
        return steps.withUnsafeBufferPointer { steps -> Double? in
            // The top of the stack; stack[0..<below] holds the rest (stack[0] a placeholder).
            var top = 0.0
            var below = 0
            @inline(__always) func push(_ x: Double) {
                stack[below] = top
                below &+= 1
                top = x
            }
            @inline(__always) func pop() -> Double {
                below &-= 1
                return stack[below]
            }
            for step in steps {
                switch step {
                case .local(let slot):
                    guard case .number(let x) = frame.slots[slot] else { return nil }
                    push(x)
                case .global(let cell):
                    guard let x = cell._withUnsafeGuaranteedRef({ $0.number }) else { return nil }
                    push(x)
                case .constant(let x): push(x)
                case .offset(let slot, let delta):
                    guard case .number(let x) = frame.slots[slot] else { return nil }
                    push(x + delta)
                case .remainder(let site):
                    top = site._withUnsafeGuaranteedRef { $0.number(top) }
                case .index(let site):
                    guard let i = top.wholeIndex,
                          let x = site._withUnsafeGuaranteedRef({ site -> Double? in
                              guard let list = site.unretainedList(frame) else { return nil }
                              return list.borrow { $0.number(at: i) }
                          }) else { return nil }
                    top = x
                case .nestedIndex(let site):
                    let j = pop()
                    guard let rowIndex = j.wholeIndex, let i = top.wholeIndex,
                          let x = site._withUnsafeGuaranteedRef({ site -> Double? in
                              guard let outer = site.row.unretainedList(frame),
                                    let inner = outer.borrow({ $0.unretainedList(at: .number(Double(rowIndex))) })
                              else { return nil }
                              return inner.borrow { $0.number(at: i) }
                          }) else { return nil }
                    top = x
                case .add: top = pop() + top
                case .subtract: top = pop() - top
                case .multiply: top = pop() * top
                case .divide:
                    guard top != 0 else { return nil }
                    top = pop() / top
                case .remainderOf:
                    guard top != 0 else { return nil }
                    top = Operators.remainder(pop(), top)
                case .addConstant(let c): top += c
                case .subtractConstant(let c): top -= c
                case .multiplyConstant(let c): top *= c
                }
            }
            return top
        }
    }
}
