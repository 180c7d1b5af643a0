import CKernels
import Foundation

/// The instruction-set check `nv` runs before anything else.
///
/// Package.swift compiles the Runtime module for `-target-cpu haswell` on x86-64 (AVX2 + FMA for
/// the CNN kernels), and the compiler may then use any Haswell instruction anywhere in it. On an
/// older CPU the first such instruction would kill the process with SIGILL and no word of why,
/// so `main` asks the CPU first and, when a feature is missing, says what the build needs.
/// The CPU is asked with CPUID (CKernels' `nv_cpu_features`, built for baseline x86-64), which
/// tells what /proc/cpuinfo's flags line says: reading and splitting that file took a tenth of
/// the start-up. Linux only, as before; arm64 builds use no such flag.
enum CPUCheck {
    /// /proc/cpuinfo flag names of the features `-target-cpu haswell` turns on (LZCNT is `abm`),
    /// with the bit `nv_cpu_features` reports each as. Keep in step with `vectorSettings` in
    /// Package.swift.
    static let requiredFeatures: [(flag: String, bit: nv_cpu_feature)] = [
        ("avx", NV_CPU_AVX), ("avx2", NV_CPU_AVX2), ("fma", NV_CPU_FMA), ("f16c", NV_CPU_F16C),
        ("bmi1", NV_CPU_BMI1), ("bmi2", NV_CPU_BMI2), ("movbe", NV_CPU_MOVBE), ("abm", NV_CPU_LZCNT),
        ("popcnt", NV_CPU_POPCNT), ("sse4_2", NV_CPU_SSE4_2),
    ]

    /// The required flags that `features` (`nv_cpu_feature` bits) lacks, in `requiredFeatures` order.
    static func missingFlags(features: UInt32) -> [String] {
        requiredFeatures.filter { features & $0.bit.rawValue == 0 }.map(\.flag)
    }

    /// The message to print when a CPU lacking the `missing` flags cannot run the build, or nil
    /// when it lacks none.
    static func problem(missing: [String]) -> String? {
        guard !missing.isEmpty else { return nil }
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
        guard let message = problem(missing: missingFlags(features: nv_cpu_features())) else { return }
        FileHandle.standardError.write(Data(message.utf8))
        exit(1)
        #endif
    }
}
