import Plots
import Runtime

/// A value of the nv language.
///
/// Numbers, bools and strings are plain values. Lists, records, tensors, functions and the
/// opaque kinds (models, datasets, added by later builtins through `NVObject`) are references:
/// `b = a; b[0] = 9` changes `a` too, as in Python.
public enum Value {
    case number(Double)
    case bool(Bool)
    case string(String)
    case null
    case list(ListValue)
    case record(RecordValue)
    case range(RangeValue)
    case function(UserFunction)
    case builtin(Builtin)
    case tensor(TensorValue)
    case figure(FigureValue)
    case object(any NVObject)

    /// The name `type(x)` returns and error messages use.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .string: return "string"
        case .null: return "nil"
        case .list: return "list"
        case .record: return "record"
        case .range: return "range"
        case .function, .builtin: return "function"
        case .tensor: return "tensor"
        case .figure: return "figure"
        case .object(let object): return object.typeName
        }
    }

    /// Wraps a Swift list of values.
    public static func list(_ elements: [Value]) -> Value { .list(ListValue(elements)) }
    /// Wraps a tensor.
    public static func tensor(_ tensor: Tensor) -> Value { .tensor(TensorValue(tensor)) }
    /// Wraps a figure.
    public static func figure(_ figure: Figure) -> Value { .figure(FigureValue(figure)) }
}

/// A mutable list, shared by reference.
public final class ListValue {
    @exclusivity(unchecked) public var elements: [Value]
    public init(_ elements: [Value]) { self.elements = elements }

    deinit {
        // Deeply nested lists are freed by a worklist, not by recursion (see ValueRelease).
        if elements.withUnsafeBufferPointer(ValueRelease.anyMayHoldValues) {
            var work = takeElements()
            ValueRelease.drain(&work)
        }
    }
}

/// A record `(x: 1, y: 2)`: named fields in the order they were written, shared by reference.
public final class RecordValue {
    public private(set) var names: [String]
    @exclusivity(unchecked) public var values: [Value]

    public init(names: [String], values: [Value]) {
        self.names = names
        self.values = values
    }

    deinit {
        if values.withUnsafeBufferPointer(ValueRelease.anyMayHoldValues) {
            var work = takeValues()
            ValueRelease.drain(&work)
        }
    }

    /// The value of field `name`, if the record has it.
    public subscript(name: String) -> Value? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// Sets an existing field; false when the record has no such field.
    public func set(_ name: String, to value: Value) -> Bool {
        guard let index = names.firstIndex(of: name) else { return false }
        values[index] = value
        return true
    }
}

/// A range of numbers `lower..<upper` or `lower...upper`, stepping by 1.
public final class RangeValue {
    public let lower: Double
    public let upper: Double
    public let inclusive: Bool

    /// 2^53: the bounds of a range stay within it (the evaluator checks), since above it
    /// adding 1 to a Double no longer changes it.
    public static let maxExactInteger: Double = 9_007_199_254_740_992

    public init(lower: Double, upper: Double, inclusive: Bool) {
        self.lower = lower
        self.upper = upper
        self.inclusive = inclusive
    }

    /// How many numbers the range holds (0 when empty).
    public var count: Int {
        let span = (upper - lower).rounded(.down)
        var n = span + 1
        if !inclusive && lower + span >= upper { n -= 1 }
        guard n.isFinite, n > 0 else { return 0 }
        return n > Double(Int.max / 2) ? Int.max / 2 : Int(n)
    }

    /// The `index`-th number (0-based; the caller checks bounds).
    public func element(_ index: Int) -> Double { lower + Double(index) }
}

/// A tensor held by reference, so `t[0][1] = 2` can change it in place.
public final class TensorValue {
    public var tensor: Tensor
    public init(_ tensor: Tensor) { self.tensor = tensor }
}

/// A figure value: the REPL shows it as a picture.
public final class FigureValue {
    public let figure: Figure
    public init(_ figure: Figure) { self.figure = figure }
}

/// A problem with a value that the evaluator reports as a runtime error at the expression
/// that caused it (thrown by `NVObject` members and value helpers).
public struct ValueError: Error {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// An opaque reference value added by later parts of nv (models, datasets): it names its type,
/// describes itself, and may expose members and indexing. Member and index assignment reach
/// it too, so `net.layers[0].weight[0][1] = 0.5` can change a model.
public protocol NVObject: AnyObject {
    /// The name `type(x)` returns, e.g. "model".
    var typeName: String { get }
    /// What the REPL prints for the value.
    var description: String { get }
    /// The member names offered by Tab completion after `value.`.
    var memberNames: [String] { get }
    /// The member's value, or nil when there is no such member.
    func member(_ name: String) throws -> Value?
    /// Sets a member; throws `ValueError` to refuse.
    func setMember(_ name: String, to value: Value) throws
    /// The value at `index`; throws `ValueError` when the object is not indexable.
    func element(at index: Value) throws -> Value
    /// Sets the value at `index`; throws `ValueError` to refuse.
    func setElement(at index: Value, to value: Value) throws
}

extension NVObject {
    public var memberNames: [String] { [] }
    public func member(_ name: String) throws -> Value? { nil }
    public func setMember(_ name: String, to value: Value) throws {
        throw ValueError("cannot assign to member '\(name)' of a \(typeName)")
    }
    public func element(at index: Value) throws -> Value {
        throw ValueError("a \(typeName) cannot be indexed")
    }
    public func setElement(at index: Value, to value: Value) throws {
        throw ValueError("a \(typeName) cannot be indexed")
    }
}
