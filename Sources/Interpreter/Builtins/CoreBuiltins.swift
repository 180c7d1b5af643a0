import Runtime

/// print, len, type, range, seed, help, tensor, list, str.
enum CoreBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("print(values...)", area: "core",
                    doc: "Writes the values separated by spaces, then a new line; strings without quotes.",
                    example: "print(\"loss\", 0.25)") { args in
                var line = ""
                for (index, value) in args.rest.enumerated() {
                    let text: String
                    do throws(ValueError) { text = try value.printedText() } catch { throw BuiltinError("print: \(error.message)") }
                    guard line.utf8.count + text.utf8.count < Operators.maxStringBytes else {
                        throw BuiltinError("print: " + Value.tooLong("the printed line").message)
                    }
                    if index > 0 { line += " " }
                    line += text
                }
                args.context.display.write(line + "\n")
                return .null
            },
            Builtin("len(value)", area: "core",
                    doc: "The number of elements of a list, range, record or tensor (first axis), characters of a string, or images of an image set.",
                    example: "len([1, 2, 3])") { args in
                let value = args.any("value")
                switch value {
                case .list(let list): return .number(Double(list.elements.count))
                case .string(let text): return .number(Double(text.count))
                case .range(let range): return .number(Double(range.count))
                case .record(let record): return .number(Double(record.names.count))
                case .tensor(let tensor): return .number(Double(tensor.tensor.shape.first ?? 1))
                case .object(let object as CountedObject): return .number(Double(object.count))
                default: throw args.error("value", "must be a list, string, range, record, tensor or image set, \(Arguments.got(value))")
                }
            },
            Builtin("type(value)", area: "core", doc: "The name of the value's type, as a string.",
                    example: "type([1, 2])") { args in
                .string(args.any("value").typeName)
            },
            Builtin("range(start, end?, step: 1)", area: "core",
                    doc: "A list of numbers from start up to (not including) end; range(n) counts 0..<n.",
                    example: "range(0, 10, step: 2)") { args in
                var start = try args.number("start")
                var end = 0.0
                if args.has("end") { end = try args.number("end") } else { (start, end) = (0, start) }
                let step = try args.number("step", default: 1)
                guard step != 0, step.isFinite else { throw args.error("step", "must not be zero, got \(Value.format(step))") }
                for (name, bound) in [("start", start), ("end", end)] where !(abs(bound) <= RangeValue.maxExactInteger) {
                    // Beyond 2^53 the numbers are no longer exact, so steps would repeat values.
                    throw BuiltinError("range: \(name) must lie between -2^53 and 2^53 (\(Value.format(RangeValue.maxExactInteger))), got \(Value.format(bound))")
                }
                let count = ((end - start) / step).rounded(.up)
                guard count <= 10_000_000 else { throw BuiltinError("range: too many numbers (\(Value.format(count)))") }
                guard count > 0 else { return .list([]) }
                return .list((0..<Int(count)).map { .number(start + Double($0) * step) })
            },
            Builtin("seed(n)", area: "core",
                    doc: "Restarts the random generator from seed n, so what follows repeats exactly; models built without seed: start from n too.",
                    example: "seed(42)") { args in
                let n = try args.nonNegativeInteger("n")
                args.context.session.reseed(UInt64(n))
                return .null
            },
            Builtin("help(topic?)", area: "core",
                    doc: "Shows a builtin's signature, doc and example; help() lists every builtin.",
                    example: "help(range)") { args in
                var topic: String?
                switch args.any("topic") {
                case .null: topic = nil
                case .string(let name): topic = name
                case .builtin(let builtin): topic = builtin.name
                case let other: throw args.error("topic", "must be a builtin or its name, \(Arguments.got(other))")
                }
                guard let text = args.context.session.help(topic) else {
                    throw args.error("topic", "names no builtin: '\(topic ?? "")'")
                }
                args.context.display.write(text + "\n")
                return .null
            },
            Builtin("tensor(values)", area: "core",
                    doc: "A tensor (32-bit floats) from a number or a rectangular nested list of numbers.",
                    example: "tensor([[1, 2], [3, 4]])") { args in
                do throws(ValueError) {
                    return .tensor(TensorValue(try Conversions.tensor(from: args.any("values"))))
                } catch {
                    throw args.error("values", "cannot become a tensor: \(error.message)")
                }
            },
            Builtin("list(values)", area: "core",
                    doc: "A list from a range, string, tensor (nested lists) or list (a copy).",
                    example: "list(0..<5)") { args in
                if case .tensor(let tensor) = args.any("values") { return Conversions.list(from: tensor.tensor) }
                return .list(try args.sequence("values"))
            },
            Builtin("str(value)", area: "core", doc: "The value as a string, as print would show it.",
                    example: "str(3) + \" apples\"") { args in
                do throws(ValueError) {
                    return .string(try args.any("value").printedText())
                } catch {
                    throw BuiltinError("str: \(error.message)")
                }
            },
        ]
    }
}
