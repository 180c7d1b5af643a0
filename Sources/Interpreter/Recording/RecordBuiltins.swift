import Runtime

/// `record(path) { … }`: an animation of everything a block shows.
enum RecordBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("record(path, body)", area: "plots",
                    doc: "Runs body (a block after the call, or a function of no arguments) and writes every frame it shows — each training report, each figure — as one animated GIF or APNG (by the extension). Each frame lasts 1/fps of its train call (30 a second by default), the last holds 2.5 s. The file is written when the block ends, also when it stops early (q, Ctrl-C, an error): a whole animation of the frames so far, or no file without any.",
                    example: "record(\"/tmp/xor.gif\") { train(xor(hidden: 2), epochs: 2000, every: 100) }") { args in
                let path = try args.path("path")
                if let problem = AnimationSink.problem(with: path) {
                    throw args.error("path", "cannot be recorded to: \(problem)")
                }
                let body = try args.function("body")
                let session = args.context.session
                let sink = AnimationSink(path: path, maxWidth: session.options.maxWidth)
                session.addFrameSink(sink)
                let result: Value
                do {
                    result = try args.context.call(body, [])
                } catch {
                    session.removeFrameSink(sink)
                    try? sink.finish()
                    throw error
                }
                session.removeFrameSink(sink)
                do { try sink.finish() } catch { throw BuiltinError("\(error)") }
                return result
            },
        ]
    }
}
