import Foundation

/// Where a relative path a script reads from (`cnn("config/default_cnn_params.json")`,
/// `csv("examples/points.csv")`, `load(...)`) is found, so a lesson or example runs from any
/// directory, as its digit data already did (`MNIST.locateDirectory`): first from the current
/// directory, as typed; then from the directory of the script or lesson being run and its
/// parents (a lesson in docs/lessons names files from the repository root); then from the
/// directory of the `nv` executable and its parents (`.build/release/nv` lives in the
/// repository). Paths that are written (`save`, `export`) stay relative to the current directory.
public enum InputPath {
    /// How many parent directories are searched above each starting point.
    static let parentLevels = 4

    /// The first existing candidate for `path`, or `path` itself when none exists (the reader's
    /// error then names the path as the user wrote it).
    public static func resolve(_ path: String, sourceDirectory: String?,
                        executable: String = InputPath.executable,
                        exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") || expanded.isEmpty || exists(expanded) { return expanded }
        for base in bases(sourceDirectory: sourceDirectory, executable: executable) {
            let candidate = base.appendingPathComponent(expanded).standardizedFileURL.path
            if exists(candidate) { return candidate }
        }
        return expanded
    }

    /// This process's executable file. `nv` started through PATH has a bare "nv" as its first
    /// argument, so ask the kernel (`/proc/self/exe`) first.
    public static let executable: String = {
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if link != "/proc/self/exe", FileManager.default.fileExists(atPath: link) { return link }
        return Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
    }()

    /// The directories tried after the current one, nearest first.
    static func bases(sourceDirectory: String?, executable: String) -> [URL] {
        var starts: [URL] = []
        if let sourceDirectory {
            starts.append(URL(fileURLWithPath: sourceDirectory).standardizedFileURL)
        }
        if !executable.isEmpty, executable.contains("/") {
            starts.append(URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        var out: [URL] = []
        for start in starts {
            var dir = start
            for _ in 0...parentLevels {
                if !out.contains(dir) { out.append(dir) }
                let parent = dir.deletingLastPathComponent()
                if parent == dir { break }
                dir = parent
            }
        }
        return out
    }
}
