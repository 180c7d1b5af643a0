import Testing
@testable import NVCommand

@Suite struct CPUCheckTests {
    /// A Zen 2 flags line (abridged to what matters plus neighbours).
    static let modern = """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        flags\t\t: fpu vme sse sse2 ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand abm bmi1 avx2 bmi2 adx
        bugs\t\t: sysret_ss_attrs

        processor\t: 1
        flags\t\t: fpu
        """

    /// A Sandy Bridge: AVX but none of Haswell's additions.
    static let sandyBridge = """
        processor\t: 0
        flags\t\t: fpu sse sse2 ssse3 cx16 sse4_1 sse4_2 popcnt aes xsave avx
        """

    @Test func modernCPUPasses() {
        #expect(CPUCheck.missingFlags(cpuinfo: Self.modern) == [])
        #expect(CPUCheck.problem(cpuinfo: Self.modern) == nil)
    }

    @Test func olderCPUIsNamedWithWhatItLacks() throws {
        #expect(CPUCheck.missingFlags(cpuinfo: Self.sandyBridge) == ["avx2", "fma", "f16c", "bmi1", "bmi2", "movbe", "abm"])
        let message = try #require(CPUCheck.problem(cpuinfo: Self.sandyBridge))
        #expect(message.contains("AVX2 and FMA"))
        #expect(message.contains("lacks avx2, fma, f16c"))
    }

    /// Only the first flags line counts; a flag name inside another (avx in avx2) is no match.
    @Test func wholeWordsOfTheFirstFlagsLine() {
        let text = "flags\t: avx2 sse4_2 avx512f\nflags\t: avx fma f16c bmi1 bmi2 movbe abm popcnt\n"
        #expect(CPUCheck.missingFlags(cpuinfo: text) == ["avx", "fma", "f16c", "bmi1", "bmi2", "movbe", "abm", "popcnt"])
    }

    /// Without a flags line (another OS's format, an unreadable file) nothing is judged.
    @Test func noFlagsLineJudgesNothing() {
        #expect(CPUCheck.missingFlags(cpuinfo: "processor\t: 0\nmodel name\t: ?\n") == nil)
        #expect(CPUCheck.problem(cpuinfo: "") == nil)
    }

    /// The machine running the tests can run them, so its own /proc/cpuinfo must pass.
    @Test func thisMachinePasses() throws {
        #if arch(x86_64) && os(Linux)
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        #expect(CPUCheck.problem(cpuinfo: text) == nil)
        #endif
    }
}
