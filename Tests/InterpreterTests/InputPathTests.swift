import Testing
@testable import Interpreter

/// Where a relative path a script reads is looked for: as typed, then from the script's folder
/// and its parents, then from the executable's folder and its parents.
@Suite struct InputPathTests {
    @Test func pathsAreTriedInOrder() {
        let files: Set<String> = ["/repo/config/a.json", "/home/me/lesson/data.csv", "/repo/models/m.safetensors"]
        func resolve(_ path: String, source: String? = "/home/me/lesson") -> String {
            InputPath.resolve(path, sourceDirectory: source, executable: "/repo/.build/release/nv",
                              exists: { files.contains($0) })
        }
        #expect(resolve("data.csv") == "/home/me/lesson/data.csv")
        #expect(resolve("config/a.json") == "/repo/config/a.json", "found from the executable's parents")
        #expect(resolve("models/m.safetensors", source: nil) == "/repo/models/m.safetensors")
        #expect(resolve("config/missing.json") == "config/missing.json", "not found: the path as typed")
        #expect(resolve("/abs/x.json") == "/abs/x.json")
    }

    @Test func theCurrentDirectoryComesFirst() {
        let found = InputPath.resolve("here.csv", sourceDirectory: "/elsewhere", executable: "/repo/nv",
                                      exists: { $0 == "here.csv" || $0 == "/elsewhere/here.csv" })
        #expect(found == "here.csv")
    }
}
