extension Compiler {
    func compileCall(_ callee: Expr, _ arguments: [Argument], _ span: SourceSpan) -> Code {
        if let site = callSite(callee, arguments, span) { return { frame throws(Unwind) in try site.run(frame) } }
        let calleeCode = compile(callee)
        let argumentCodes = arguments.map { Compiled(run: compile($0.value)) }
        let labels = arguments.map(\.label)
        let argumentSpans = arguments.map { argument in
            argument.labelSpan.map { SourceSpan(start: $0.start, end: argument.value.span.end) } ?? argument.value.span
        }
        let machine = self.machine, source = self.source
        let count = argumentCodes.count
        guard labels.allSatisfy({ $0 == nil }) else {
            return { frame throws(Unwind) in
                let function = try calleeCode(frame)
                var values: [Value] = []
                values.reserveCapacity(count)
                for code in argumentCodes { values.append(try code.run(frame)) }
                return try Calls.call(function, values, labels, argumentSpans, machine, span, source)
            }
        }
        return { frame throws(Unwind) in
            let function = try calleeCode(frame)
            if case .function(let user) = function, user.arity == count {
                let callee = user.makeFrame()
                let slots = callee.slots
                do throws(Unwind) {
                    for index in 0..<count { slots[index] = try argumentCodes[index].run(frame) }
                } catch {
                    user.recycle(callee)
                    throw error
                }
                return try Calls.invoke(user, callee, machine, span, source)
            }
            var values: [Value] = []
            values.reserveCapacity(count)
            for code in argumentCodes { values.append(try code.run(frame)) }
            return try Calls.call(function, values, labels, argumentSpans, machine, span, source)
        }
    }
}

/// Calling functions: user functions with their frames, builtins with their argument binder.
enum Calls {
    /// Runs a user function whose frame is already filled with its arguments.
    /// The frame goes back to the function's free list afterwards (see `UserFunction.recycle`).
    @inline(__always)
    static func invoke(_ function: UserFunction, _ frame: consuming Frame, _ machine: Machine, _ span: SourceSpan,
                       _ source: SourceText) throws(Unwind) -> Value {
        try machine.tick(span, source)
        try machine.enterCall(span, source)
        let result: Value
        do throws(Unwind) {
            result = try function.body.run(frame)
        } catch {
            machine.depth &-= 1
            switch error {
            case .returning(let value):
                function.recycle(frame)
                return value
            case .failure(let failure):
                failure.chain.append((function.name, span, source))
            case .breakLoop, .continueLoop: break
            }
            function.recycle(frame)
            throw error
        }
        machine.depth &-= 1
        function.recycle(frame)
        return result
    }

    /// Calls any value with evaluated arguments (`labels[i]` nil for positional ones).
    static func call(_ callee: Value, _ values: [Value], _ labels: [String?], _ argumentSpans: [SourceSpan],
                     _ machine: Machine, _ span: SourceSpan, _ source: SourceText) throws(Unwind) -> Value {
        switch callee {
        case .function(let function):
            let frame = function.makeFrame()
            let parameters = function.parameterNames
            var filled = [Bool](repeating: false, count: parameters.count)
            var nextPositional = 0
            for (index, value) in values.enumerated() {
                let argumentSpan = index < argumentSpans.count ? argumentSpans[index] : span
                if let label = index < labels.count ? labels[index] : nil {
                    guard let slot = parameters.firstIndex(of: label) else {
                        throw .error("\(function.name): unknown argument '\(label)'", argumentSpan, source)
                    }
                    if filled[slot] {
                        throw .error("\(function.name): argument '\(label)' given twice", argumentSpan, source)
                    }
                    frame.slots[slot] = value
                    filled[slot] = true
                } else {
                    while nextPositional < parameters.count && filled[nextPositional] { nextPositional += 1 }
                    guard nextPositional < parameters.count else {
                        throw .error("\(function.name): expected \(Calls.count(parameters.count)), got \(values.count)",
                                     span, source)
                    }
                    frame.slots[nextPositional] = value
                    filled[nextPositional] = true
                }
            }
            if let missing = filled.firstIndex(of: false) {
                let message = labels.allSatisfy({ $0 == nil })
                    ? "\(function.name): expected \(Calls.count(parameters.count)), got \(values.count)"
                    : "\(function.name): missing argument '\(parameters[missing])'"
                throw .error(message, span, source)
            }
            return try invoke(function, frame, machine, span, source)
        case .builtin(let builtin):
            try machine.tickBeforeBuiltin(span, source)
            guard let session = machine.session else { throw .error("the session has ended", span, source) }
            let context = BuiltinContext(session: session, machine: machine, span: span, source: source)
            do {
                let target = try builtin.dispatch?(values, labels) ?? builtin
                var arguments = try Arguments(builtin: target, values: values, labels: labels, context: context)
                return try target.body(&arguments)
            } catch let unwind as Unwind {
                throw unwind
            } catch let error as BuiltinError {
                let where_ = error.argumentIndex.flatMap { $0 < argumentSpans.count ? argumentSpans[$0] : nil } ?? span
                throw .error(error.message, where_, source)
            } catch let error as ValueError {
                throw .error("\(builtin.name): \(error.message)", span, source)
            } catch {
                throw .error("\(builtin.name): \(error)", span, source)
            }
        default:
            throw .error("cannot call a \(callee.typeName) (\(Indexing.shortDescription(callee)))", span, source)
        }
    }

    /// "1 argument", "2 arguments".
    static func count(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }
}
