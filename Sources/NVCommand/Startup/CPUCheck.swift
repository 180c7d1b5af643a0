import Foundation

/// The instruction-set check `nv` runs before anything else.
///
/// Package.swift compiles the Runtime module for `-target-cpu haswell` on x86-64 (AVX2 + FMA for
/// the CNN kernels), and the compiler may then use any Haswell instruction anywhere in it. On an
/// older CPU the first such instruction would kill the process with SIGILL and no word of why,
/// so `main` asks the CPU first and, when a feature is missing, says what the build needs.
/// Linux only (the flags of /proc/cpuinfo); elsewhere, or when the file cannot be read, the check
/// passes rather than stop a CPU it cannot see. arm64 builds use no such flag.
enum CPUCheck {
    /// /proc/cpuinfo flag names of the features `-target-cpu haswell` turns on (LZCNT is `abm`).
    /// Keep in step with `vectorSettings` in Package.swift.
    static let requiredFlags = ["avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "movbe", "abm", "popcnt", "sse4_2"]

    /// The required flags that the first `flags` line of a /proc/cpuinfo text lacks, in
    /// `requiredFlags` order; nil when the text has no flags line (nothing to judge by).
    static func missingFlags(cpuinfo: String) -> [String]? {
        guard let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return nil }
        let present = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        return requiredFlags.filter { !present.contains($0) }
    }

    /// The message to print when this CPU cannot run the build, or nil when it can.
    static func problem(cpuinfo: String) -> String? {
        guard let missing = missingFlags(cpuinfo: cpuinfo), !missing.isEmpty else { return nil }
        return """
            nv: error: this build of nv needs an x86-64 CPU with AVX2 and FMA (Intel Haswell or AMD \
            Excavator/Zen, 2013 or newer); this CPU lacks \(missing.joined(separator: ", ")).
            To run here, rebuild without the "-target-cpu", "haswell" flags in Package.swift \
            (the CNN is then slower).

            """
    }

    /// Stops the process with a clear message when the CPU lacks what the build was compiled for.
    static func exitIfUnsupported() {
        #if arch(x86_64) && os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let message = problem(cpuinfo: text) else { return }
        FileHandle.standardError.write(Data(message.utf8))
        exit(1)
        #endif
    }
}
