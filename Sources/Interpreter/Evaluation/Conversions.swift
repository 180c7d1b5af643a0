import Runtime

/// Conversions between nested lists and tensors.
enum Conversions {
    /// A tensor from a number, a tensor, or a rectangular nested list of numbers.
    static func tensor(from value: Value) throws(ValueError) -> Tensor {
        switch value {
        case .number(let x): return Tensor(shape: [], data: [Float(x)])
        case .tensor(let tensor): return tensor.tensor
        case .list, .range:
            var shape: [Int] = []
            var probe = value
            while true {
                if case .list(let list) = probe {
                    shape.append(list.elements.count)
                    guard let first = list.elements.first else { break }
                    probe = first
                } else if case .range(let range) = probe {
                    shape.append(range.count)
                    break
                } else {
                    break
                }
                if shape.count > 16 { throw ValueError("lists nested too deeply for a tensor") }
            }
            var size = 1
            for extent in shape {
                let (product, overflow) = size.multipliedReportingOverflow(by: extent)
                guard !overflow, product <= 1 << 28 else { throw ValueError("a tensor of shape \(shape) is too large") }
                size = product
            }
            var data: [Float] = []
            data.reserveCapacity(size)
            try flatten(value, shape: shape, axis: 0, into: &data)
            return Tensor(shape: shape, data: data)
        default:
            throw ValueError("cannot make a tensor from a \(value.typeName)")
        }
    }

    private static func flatten(_ value: Value, shape: [Int], axis: Int, into data: inout [Float]) throws(ValueError) {
        if axis == shape.count {
            guard case .number(let x) = value else {
                throw ValueError("a tensor holds numbers only, found a \(value.typeName)")
            }
            data.append(Float(x))
            return
        }
        switch value {
        case .list(let list):
            guard list.elements.count == shape[axis] else {
                throw ValueError("rows of different lengths (\(shape[axis]) and \(list.elements.count)) cannot form a tensor")
            }
            for element in list.elements { try flatten(element, shape: shape, axis: axis + 1, into: &data) }
        case .range(let range) where axis == shape.count - 1:
            guard range.count == shape[axis] else { throw ValueError("rows of different lengths cannot form a tensor") }
            for i in 0..<range.count { data.append(Float(range.element(i))) }
        default:
            throw ValueError("rows of different lengths cannot form a tensor (found a \(value.typeName) where a list was expected)")
        }
    }

    /// A tensor as nested lists of numbers (a number for a scalar).
    /// A value assigned to `model.lr`: a positive finite number, or an error saying so.
    static func learningRate(from value: Value) throws(ValueError) -> Double {
        guard case .number(let lr) = value, lr.isFinite, lr > 0 else {
            throw ValueError("model.lr must be a positive number, got \(value.description)")
        }
        return lr
    }

    static func list(from tensor: Tensor) -> Value {
        func build(axis: Int, offset: Int) -> Value {
            if axis == tensor.rank { return .number(Double(tensor.data[offset])) }
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            return .list(ListValue((0..<tensor.shape[axis]).map { build(axis: axis + 1, offset: offset + $0 * stride) }))
        }
        return build(axis: 0, offset: 0)
    }
}
