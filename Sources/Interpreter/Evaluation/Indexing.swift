import Runtime

/// Member access and indexing on every kind of value, for reading and for assignment.
/// Indices are whole numbers; negative ones count from the end (`xs[-1]` is the last).
enum Indexing {
    /// A value in a few characters, for error messages.
    static func shortDescription(_ value: Value) -> String {
        value.description(maxCharacters: 40)
    }

    static func member(_ value: Value, _ name: String, _ span: SourceSpan, _ source: SourceText) throws(Unwind) -> Value {
        switch value {
        case .record(let record):
            if let field = record[name] { return field }
            throw .error("record has no field '\(name)' (fields: \(record.names.joined(separator: ", ")))", span, source)
        case .object(let object):
            do {
                if let member = try object.member(name) { return member }
            } catch let error as ValueError {
                throw .error(error.message, span, source)
            } catch {
                throw .error("\(error)", span, source)
            }
            let known = object.memberNames.isEmpty ? "" : " (members: \(object.memberNames.joined(separator: ", ")))"
            throw .error("\(object.typeName) has no member '\(name)'\(known)", span, source)
        case .tensor(let tensor) where name == "shape":
            return .list(ListValue(tensor.tensor.shape.map { .number(Double($0)) }))
        default:
            throw .error("a \(value.typeName) has no member '\(name)'", span, source)
        }
    }

    /// Names offered after `value.` by completion.
    static func memberNames(_ value: Value) -> [String] {
        switch value {
        case .record(let record): return record.names
        case .object(let object): return object.memberNames
        case .tensor: return ["shape"]
        default: return []
        }
    }

    static func setMember(_ value: Value, _ name: String, _ newValue: Value, _ span: SourceSpan,
                          _ source: SourceText) throws(Unwind) {
        switch value {
        case .record(let record):
            if record.set(name, to: newValue) { return }
            throw .error("record has no field '\(name)' (fields: \(record.names.joined(separator: ", ")))", span, source)
        case .object(let object):
            do {
                try object.setMember(name, to: newValue)
            } catch let error as ValueError {
                throw .error(error.message, span, source)
            } catch {
                throw .error("\(error)", span, source)
            }
        default:
            throw .error("cannot set member '\(name)' of a \(value.typeName)", span, source)
        }
    }

    /// Resolves `key` to a position in a sequence of `count` elements.
    static func position(_ key: Value, count: Int, of kind: String, _ span: SourceSpan,
                         _ source: SourceText) throws(Unwind) -> Int {
        guard case .number(let x) = key else {
            throw .error("a \(kind) index must be a number, got \(key.typeName)", span, source)
        }
        guard let index = Int(exactly: x) else {
            throw .error("a \(kind) index must be a whole number, got \(Value.format(x))", span, source)
        }
        let resolved = index < 0 ? index + count : index
        guard resolved >= 0 && resolved < count else {
            throw .error("index \(index) is out of range for a \(kind) of \(count) element\(count == 1 ? "" : "s")",
                         span, source)
        }
        return resolved
    }

    static func element(_ value: Value, _ key: Value, _ span: SourceSpan, _ source: SourceText) throws(Unwind) -> Value {
        switch value {
        case .list(let list):
            return list.elements[try position(key, count: list.elements.count, of: "list", span, source)]
        case .string(let text):
            let characters = Array(text)
            return .string(String(characters[try position(key, count: characters.count, of: "string", span, source)]))
        case .range(let range):
            return .number(range.element(try position(key, count: range.count, of: "range", span, source)))
        case .tensor(let tensor):
            let count = tensor.tensor.shape.first ?? 0
            if tensor.tensor.rank == 0 { throw .error("a scalar tensor cannot be indexed", span, source) }
            return tensorRow(tensor.tensor, try position(key, count: count, of: "tensor", span, source))
        case .record:
            guard case .string(let name) = key else {
                throw .error("a record is indexed by a field name string, got \(key.typeName)", span, source)
            }
            return try member(value, name, span, source)
        case .object(let object):
            do {
                return try object.element(at: key)
            } catch let error as ValueError {
                throw .error(error.message, span, source)
            } catch {
                throw .error("\(error)", span, source)
            }
        default:
            throw .error("a \(value.typeName) cannot be indexed", span, source)
        }
    }

    static func setElement(_ value: Value, _ key: Value, _ newValue: Value, _ span: SourceSpan,
                           _ source: SourceText) throws(Unwind) {
        switch value {
        case .list(let list):
            list.elements[try position(key, count: list.elements.count, of: "list", span, source)] = newValue
        case .record(let record):
            guard case .string(let name) = key else {
                throw .error("a record is indexed by a field name string, got \(key.typeName)", span, source)
            }
            try setMember(.record(record), name, newValue, span, source)
        case .object(let object):
            do {
                try object.setElement(at: key, to: newValue)
            } catch let error as ValueError {
                throw .error(error.message, span, source)
            } catch {
                throw .error("\(error)", span, source)
            }
        case .string:
            throw .error("strings cannot be changed in place; build a new one", span, source)
        default:
            throw .error("cannot assign into a \(value.typeName)", span, source)
        }
    }

    /// Row `index` of a tensor: a number for rank 1, else a tensor of one rank less (a copy).
    static func tensorRow(_ tensor: Tensor, _ index: Int) -> Value {
        if tensor.rank <= 1 { return .number(Double(tensor.data[index])) }
        let inner = Array(tensor.shape.dropFirst())
        let stride = inner.reduce(1, *)
        return .tensor(TensorValue(Tensor(shape: inner, data: Array(tensor.data[(index * stride)..<((index + 1) * stride)]))))
    }

    /// `t[i][j]... = v`: writes into the tensor in place. With as many indices as axes the
    /// value is a number; with fewer, a tensor or list of the remaining shape.
    static func setTensorElement(_ target: TensorValue, _ keys: [Value], _ newValue: Value, _ span: SourceSpan,
                                 _ source: SourceText) throws(Unwind) {
        let shape = target.tensor.shape
        guard keys.count <= shape.count else {
            throw .error("too many indices (\(keys.count)) for a tensor with \(shape.count) axes", span, source)
        }
        var offset = 0
        for (axis, key) in keys.enumerated() {
            offset = offset * shape[axis] + (try position(key, count: shape[axis], of: "tensor", span, source))
        }
        let rest = Array(shape[keys.count...])
        let size = rest.reduce(1, *)
        offset *= size
        if case .number(let x) = newValue, rest.isEmpty {
            target.tensor.data[offset] = Float(x)
            return
        }
        guard let values = try? Conversions.tensor(from: newValue), values.shape == rest else {
            throw .error("cannot store \(newValue.typeName) \(shortDescription(newValue)) into a tensor part of shape \(rest)",
                         span, source)
        }
        target.tensor.data.replaceSubrange(offset..<(offset + size), with: values.data)
    }
}
