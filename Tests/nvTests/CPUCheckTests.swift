import CKernels
import Foundation
import Testing
@testable import NVCommand

@Suite struct CPUCheckTests {
    /// Every feature bit of `nv_cpu_features`.
    static let all = CPUCheck.requiredFeatures.reduce(UInt32(0)) { $0 | $1.bit.rawValue }

    /// A Sandy Bridge: AVX but none of Haswell's additions.
    static let sandyBridge = NV_CPU_AVX.rawValue | NV_CPU_POPCNT.rawValue | NV_CPU_SSE4_2.rawValue

    @Test func modernCPUPasses() {
        #expect(CPUCheck.missingFlags(features: Self.all) == [])
        #expect(CPUCheck.problem(missing: CPUCheck.missingFlags(features: Self.all)) == nil)
    }

    @Test func olderCPUIsNamedWithWhatItLacks() throws {
        let missing = CPUCheck.missingFlags(features: Self.sandyBridge)
        #expect(missing == ["avx2", "fma", "f16c", "bmi1", "bmi2", "movbe", "abm"])
        let message = try #require(CPUCheck.problem(missing: missing))
        #expect(message.hasPrefix("nv: error: this build of nv needs an x86-64 CPU with AVX2 and FMA"))
        #expect(message.contains("lacks avx2, fma, f16c, bmi1, bmi2, movbe, abm.\n"))
        #expect(message.hasSuffix("(the CNN is then slower).\n"))
    }

    /// Each flag is its own bit: a CPU lacking only one is told that one.
    @Test func eachFlagHasItsOwnBit() {
        for (flag, bit) in CPUCheck.requiredFeatures {
            #expect(CPUCheck.missingFlags(features: Self.all & ~bit.rawValue) == [flag])
        }
    }

    /// The machine running the tests can run them, so CPUID must find every feature here.
    @Test func thisMachinePasses() {
        #if arch(x86_64) && os(Linux)
        #expect(CPUCheck.missingFlags(features: nv_cpu_features()) == [])
        #endif
    }

    /// CPUID says what the kernel's /proc/cpuinfo says, flag by flag (the first flags line's
    /// whole words), so the check judges a CPU as it did when it read that file.
    @Test func agreesWithProcCpuinfo() throws {
        #if arch(x86_64) && os(Linux)
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        let words = Set(line.drop { $0 != ":" }.dropFirst().split(separator: " ").map(String.init))
        let features = nv_cpu_features()
        for (flag, bit) in CPUCheck.requiredFeatures {
            #expect(words.contains(flag) == (features & bit.rawValue != 0), "\(flag)")
        }
        #endif
    }
}
