/// Frees nested values without recursion.
///
/// Swift frees a list by releasing its elements, which frees the lists among them, and so
/// on: a list nested 100,000 deep (`x = [x]` in a loop) is freed by 100,000 nested calls and
/// overflows the stack. The containers of the language (lists, records, closures through their
/// captured frames) instead hand the values they hold to `drain`, which takes apart every
/// container that nothing else holds into one worklist, so each container is freed with
/// nothing left inside it and the stack depth stays constant.
enum ValueRelease {
    /// True when freeing `value` may free further containers (so it is worth the worklist).
    @inline(__always)
    static func mayHoldValues(_ value: Value) -> Bool {
        switch value {
        case .list, .record, .function: return true
        default: return false
        }
    }

    /// True when any of `values` may hold further values.
    @inline(__always)
    static func anyMayHoldValues(_ values: UnsafeBufferPointer<Value>) -> Bool {
        for value in values where mayHoldValues(value) { return true }
        return false
    }

    /// Releases `work`, emptying each uniquely held container into the worklist before it
    /// is freed.
    static func drain(_ work: inout [Value]) {
        // The references are moved out of `value` before the uniqueness checks: a `switch`
        // over `value` would keep its own copy of the payload alive through the check.
        while var value = work.popLast() {
            switch value.kind {
            case .list:
                var list = value.takeList()
                if isKnownUniquelyReferenced(&list) { work.append(contentsOf: list.takeElements()) }
            case .record:
                var record = value.takeRecord()
                if isKnownUniquelyReferenced(&record) { work.append(contentsOf: record.takeValues()) }
            case .function:
                var function = value.takeFunction()
                guard isKnownUniquelyReferenced(&function) else { break }
                // The function's frame, and the frames that frame was defined in, as far as
                // nothing else holds them.
                var next = function.takeCaptured()
                while var frame = next.take(), isKnownUniquelyReferenced(&frame) {
                    frame.moveSlots(into: &work)
                    next = frame.takeParent()
                }
            case .other:
                break
            }
        }
    }
}

private enum ContainerKind { case list, record, function, other }

private extension Value {
    var kind: ContainerKind {
        switch self {
        case .list: return .list
        case .record: return .record
        case .function: return .function
        default: return .other
        }
    }

    /// The list this value holds, leaving nil in its place (the caller checked the kind).
    mutating func takeList() -> ListValue {
        guard case .list(let list) = self else { preconditionFailure("not a list") }
        self = .null
        return list
    }

    mutating func takeRecord() -> RecordValue {
        guard case .record(let record) = self else { preconditionFailure("not a record") }
        self = .null
        return record
    }

    mutating func takeFunction() -> UserFunction {
        guard case .function(let function) = self else { preconditionFailure("not a function") }
        self = .null
        return function
    }
}

extension ListValue {
    /// The elements, leaving the list empty (for `ValueRelease`).
    func takeElements() -> [Value] {
        var taken: [Value] = []
        swap(&taken, &elements)
        return taken
    }
}

extension RecordValue {
    /// The field values, leaving the record's values empty (for `ValueRelease`; the record
    /// is being freed, so its names no longer matter).
    func takeValues() -> [Value] {
        var taken: [Value] = []
        swap(&taken, &values)
        return taken
    }
}

extension UserFunction {
    /// The captured frame, leaving none, and drops the free frames (whose parent it is), so
    /// the caller may hold the only reference (for `ValueRelease`: the function is being freed).
    func takeCaptured() -> Frame? {
        var free = freeFrames.take()
        while let frame = free { free = frame.nextFree.take() }
        freeFrameCount = 0
        return captured.take()
    }
}

extension Frame {
    /// The defining function's frame, leaving none (for `ValueRelease`).
    func takeParent() -> Frame? {
        withUnsafeMutablePointerToHeader { $0.pointee.parent.take() }
    }

    /// Moves every slot's value to `work`, leaving nil behind (for `ValueRelease`).
    func moveSlots(into work: inout [Value]) {
        let slots = self.slots
        for slot in 0..<count where ValueRelease.mayHoldValues(slots[slot]) {
            work.append(slots[slot])
            slots[slot] = .null
        }
    }
}
