import Foundation
import Runtime

/// The model builtins that belong to no family: `load`, which asks the session's families
/// which of them wrote the file.
enum ModelBuiltins {
    static func all(families: [ModelFamily]) -> [Builtin] {
        [
            Builtin("load(path)", area: "models", doc: "Loads a model saved by save().",
                    example: "net = load(\"/tmp/xor.safetensors\")") { args in
                try load(&args, families: families)
            },
        ]
    }

    static func load(_ args: inout Arguments, families: [ModelFamily]) throws -> Value {
        let path = try args.inputPath("path")
        return try args.runtime {
            let file = try SafeTensors.read(path: path)
            let format = file.metadata["format"]
            guard let checkpoint = families.lazy.compactMap(\.checkpoint).first(where: { $0.format == format }) else {
                let known = families.compactMap(\.checkpoint?.format)
                let list = known.dropLast().joined(separator: ", ") + (known.count > 1 ? " or " : "") + (known.last ?? "")
                throw RuntimeError("'\(visible(path, limit: 200))' is a safetensors file but not an nv model (no \(list) format in __metadata__)")
            }
            return .object(try checkpoint.load(file, path))
        }
    }
}
