import Foundation

/// A peer benchmark script under tools/reference (PyTorch, JAX...) run from an nv benchmark, so
/// that nv and its peers are measured in one run. The script prints one JSON object per line.
public enum PeerScript {
    /// The Python that runs the peers: `NV_PEER_PYTHON` when set, else the first of the reference
    /// venvs that exists (/work/venv-ref has torch and jax; /work/venv-cnn is the older one
    /// tools/reference/README.md describes).
    public static func python() -> String {
        if let chosen = ProcessInfo.processInfo.environment["NV_PEER_PYTHON"] { return chosen }
        let candidates = ["/work/venv-ref/bin/python", "/work/venv-cnn/bin/python"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Runs `tools/reference/<script> --seconds <seconds>` and returns the JSON objects it printed.
    /// Every other line, and why the script did not run or how it failed, is printed after
    /// `prefix`; a missing Python or script gives no objects.
    public static func run(_ script: String, seconds: Double, prefix: String) -> [[String: Any]] {
        let python = python()
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/reference/\(script)").path
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: path) else {
            print("\(prefix)skipped (no \(python) or \(path); set NV_PEER_PYTHON)")
            return []
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [path, "--seconds", String(seconds)]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            print("\(prefix)cannot run \(python): \(error)")
            return []
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var objects: [[String: Any]] = []
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
                objects.append(object)
            } else {
                print("\(prefix)\(line)")
            }
        }
        if process.terminationStatus != 0 { print("\(prefix)the script exited with status \(process.terminationStatus)") }
        return objects
    }

    /// A number field of a peer's line, or nil.
    public static func number(_ object: [String: Any], _ key: String) -> Double? {
        (object[key] as? NSNumber)?.doubleValue
    }
}
