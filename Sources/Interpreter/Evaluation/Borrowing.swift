/// Reading a function or a list where it is stored, without taking a reference to it.
///
/// Copying a `Value` that holds an object retains the object and releases it afterwards: two
/// atomic operations, which cost more than the rest of a call of `fib` or of `xs[i]` together.
/// On the hot paths the compiled code instead borrows the object from the variable that holds
/// it, for as long as nothing can overwrite that variable:
/// - `xs[k]` borrows the list only after `k` is evaluated and only while it reads one element;
/// - a call of a global function borrows it for the whole call, during which the call's body
///   may reassign the global. So a function called that way counts its running calls
///   (`UserFunction.borrowedCalls`), and `GlobalCell` takes a reference of its own when such
///   a function is overwritten (`pin`), given back when its last borrowed call returns.

extension Unmanaged {
    /// Runs `body` with the instance, neither retained nor released: the caller guarantees
    /// that something else holds it until `body` returns. (`_withUnsafeGuaranteedRef`, which
    /// rethrows untyped errors, with the error type kept.)
    @inline(__always)
    func borrow<Result, Failure: Error>(_ body: (Instance) throws(Failure) -> Result) throws(Failure) -> Result {
        try _withUnsafeGuaranteedRef { instance in
            Swift.Result { () throws(Failure) -> Result in try body(instance) }
        }.get()
    }
}

extension GlobalCell {
    /// The user function the variable holds, unretained.
    @inline(__always)
    var unretainedFunction: Unmanaged<UserFunction>? {
        if case .function(let function)? = value { return .passUnretained(function) }
        return nil
    }

    /// The list the variable holds, unretained.
    @inline(__always)
    var unretainedList: Unmanaged<ListValue>? {
        if case .list(let list)? = value { return .passUnretained(list) }
        return nil
    }
}

extension UnsafeMutablePointer<Value> {
    /// The list the slot holds, unretained.
    @inline(__always)
    var unretainedList: Unmanaged<ListValue>? {
        if case .list(let list) = pointee { return .passUnretained(list) }
        return nil
    }
}

extension ListValue {
    /// The element at `key` when `key` is a whole number within the list (not counting from
    /// the end); nil for everything that needs `Indexing.element`.
    @inline(__always)
    func fastElement(_ key: Value) -> Value? {
        guard case .number(let x) = key, let i = x.wholeIndex, i < elements.count else { return nil }
        return elements[i]
    }
}

extension ListValue {
    /// The list held at `key` (a whole number within the list), unretained; nil otherwise.
    @inline(__always)
    func unretainedList(at key: Value) -> Unmanaged<ListValue>? {
        guard case .number(let x) = key, let i = x.wholeIndex, i < elements.count else { return nil }
        return elements.withUnsafeBufferPointer { buffer in
            if case .list(let list) = buffer[i] { return .passUnretained(list) }
            return nil
        }
    }
}

extension UserFunction {
    /// Keeps the function alive past the overwrite of the variable its running borrowed calls
    /// came through (see the top of this file).
    func pin() {
        pinned = true
        _ = Unmanaged.passUnretained(self).retain()
    }

    /// Ends one borrowed call; gives back the reference `pin` took when it was the last one.
    /// Nothing may use the function after this returns.
    @inline(__always)
    func endBorrowedCall() {
        borrowedCalls &-= 1
        if pinned && borrowedCalls == 0 {
            pinned = false
            Unmanaged.passUnretained(self).release()
        }
    }
}
