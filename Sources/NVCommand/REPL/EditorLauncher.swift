import Foundation

/// Opens text in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) on a temporary `.nv`
/// file and returns what was saved: the REPL's `:edit` and the lesson runner's `e`.
///
/// The editor gets the terminal as it is between prompts (cooked mode); the variable may hold
/// arguments (`EDITOR="code -w"`), so it runs through `/bin/sh`, with the file as `$1`.
enum EditorLauncher {
    struct Problem: Error {
        var message: String
    }

    static func edit(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<String, Problem>
    {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        let folder = NSTemporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("nv-edit-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).nv")
        guard FileManager.default.createFile(atPath: path, contents: Data((text + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            return .failure(Problem(message: ":edit: cannot write a temporary file in '\(folder)'"))
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "nv-edit", path]
        do {
            try process.run()
        } catch {
            return .failure(Problem(message: ":edit: cannot start the editor '\(editor)': \(error.localizedDescription)"))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(Problem(message: ":edit: the editor '\(editor)' exited with status \(process.terminationStatus); nothing run"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(message: ":edit: the edited file '\(path)' is gone; nothing run"))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}
