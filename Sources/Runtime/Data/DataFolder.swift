import Foundation

/// Where nv looks for the data it ships (`data/mnist`, `data/tabular`): `$NV_DATA/<name>` (or
/// `$NV_DATA` itself when it holds the files); else `data/<name>` under the current directory,
/// under the executable's directory or one of its parents (for `.build/release/nv`), or under
/// the package root a source file lives in (for tests). One list for every shipped folder.
enum DataFolder {
    /// The folders tried for `data/<name>`, in order; `filePath` is a source file of the package.
    static func candidates(_ name: String, filePath: String) -> [String] {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["NV_DATA"], !env.isEmpty {
            candidates += [env + "/" + name, env]
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/data/" + name)
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.path + "/data/" + name)
            dir = dir.deletingLastPathComponent()
        }
        var source = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        for _ in 0..<5 {
            source = source.deletingLastPathComponent()
            candidates.append(source.path + "/data/" + name)
        }
        return candidates
    }
}
