// swift-tools-version: 6.0
import Foundation
import PackageDescription
#if canImport(Glibc)
import Glibc
#endif

/// nv: machine learning, opened up, in the terminal.
///
/// Dependencies point one way: nv (executable) -> TerminalKit -> Interpreter -> Plots -> Runtime.
/// See DESIGN.md for what each module may and may not do.
/// The CNN's kernels are written with 8-lane SIMD vectors. On x86-64 they are compiled for
/// AVX2 with FMA (Haswell, 2013, and every x86-64 CPU since), where one vector is one register;
/// for the baseline x86-64 target each would be two SSE halves. `nv` checks the CPU at start.
/// CKernels (the packed GEMM, C with intrinsics) is compiled for the same Haswell baseline; its
/// AVX-512 kernel carries its own target attribute and runs only when the CPU reports AVX-512.
#if arch(x86_64)
let vectorSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let kernelSettings: [CSetting] = [.unsafeFlags(["-march=haswell", "-O3"])]
#else
let vectorSettings: [SwiftSetting] = []
let kernelSettings: [CSetting] = [.unsafeFlags(["-O3"])]
#endif

/// The test suites `@testable import` the modules, which needs them compiled with
/// `-enable-testing`. `swift test` adds that flag to every module itself (its default
/// `--enable-testable-imports`), so its modules differ from `swift build -c release`'s and the
/// README's two commands cost two full builds. With the flag set here instead, `swift build`,
/// `swift run` and `swift test --disable-testable-imports` in release compile every module with
/// the same command line and share one build. (The XOR and CNN benchmarks measure no cost.)
let testable: [SwiftSetting] = [.unsafeFlags(["-enable-testing"])]

/// On Linux `nv` links the Swift runtime and Foundation statically: start-up then skips the
/// dynamic loader's mapping and relocating of a dozen shared libraries (Foundation and its ICU
/// above all), most of its time (about 7.5 ms against 3.5). Only the thin `nv` executable
/// carries this setting; the command itself is the `NVCommand` library, which the tests link
/// next to the shared Swift Testing library (a process cannot hold a second, static runtime).
/// `NV_STATIC_STDLIB=0` links the shared libraries instead. Static Foundation does not pull its
/// own archives in, so they are named here.
///
/// The link itself is shaped for start-up too (an empty script, perf stat: 4.3 -> 3.9 ms):
/// - lld instead of gold, for `-z pack-relative-relocs` (DT_RELR): the loader reads 16 KB of
///   relative relocations instead of 2 MB (82,000 RELA entries) at every start. glibc runs
///   DT_RELR from 2.36, so older ones keep the RELA table.
/// - `--no-export-dynamic` undoes the `-export-dynamic` of the toolchain's static-stdlib-args.lnk:
///   nothing looks nv's own symbols up by name, and the 13,700 exported (every internal symbol,
///   modules being built with `-enable-testing`) made the runtime's one `dladdr` at start a
///   linear scan of them.
/// - libstdc++ (the runtime's and ICU's C++) and libgcc are linked statically too, which spares
///   the loader two more libraries, their symbol lookups and their constructors (libgcc_s asks
///   the CPU its features with `cpuid`, slow in a virtual machine): 3.9 -> 3.5 ms. The
///   toolchain's own `-lstdc++` cannot be reordered, so a linker script named libstdc++.so in
///   Sources/nv/StaticLibraries, first on the library path, sends it to libstdc++.a. Its
///   libreadline.so and libz.so do the same for readline (with terminfo) and zlib, whose
///   static archives come with the -dev packages the build already needs: 3.5 -> 3.3 ms. nv
///   then loads libc and libm alone.
#if os(Linux)
let staticRuntime: [LinkerSetting] = ProcessInfo.processInfo.environment["NV_STATIC_STDLIB"] == "0"
    ? []
    : [.unsafeFlags(["-static-stdlib"] + ["Foundation", "FoundationInternationalization", "FoundationEssentials",
                                          "CoreFoundation", "_FoundationICU", "_FoundationCShims",
                                          "_FoundationCollections", "swiftSynchronization", "swiftDispatch",
                                          "dispatch", "BlocksRuntime", "stdc++", "util", "dl"].map { "-l" + $0 }
                    + ["-use-ld=lld", "-Xlinker", "--no-export-dynamic"]
                    + ["-L", Context.packageDirectory + "/Sources/nv/StaticLibraries", "-Xclang-linker", "-static-libgcc"]
                    + (glibcRunsRELR ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : []))]

/// True when this machine's glibc applies DT_RELR relocations (2.36 and later).
var glibcRunsRELR: Bool {
    var name = [CChar](repeating: 0, count: 64)  // "glibc 2.36"
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &name, name.count) > 0 else { return false }
    let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let parts = text.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    return parts.count >= 2 && (parts[0], parts[1]) >= (2, 36)
}
#else
let staticRuntime: [LinkerSetting] = []
#endif

let package = Package(
    name: "nv",
    products: [
        .executable(name: "nv", targets: ["nv"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CKernels", cSettings: kernelSettings),
        .target(name: "Runtime", dependencies: ["CZlib", "CKernels"], swiftSettings: vectorSettings + testable),
        .target(name: "Plots", dependencies: ["Runtime", "CZlib"], swiftSettings: testable),
        .target(name: "Interpreter", dependencies: ["Runtime", "Plots"], swiftSettings: testable),
        .target(name: "TerminalKit", dependencies: ["Interpreter", "Plots", "Runtime"],
                swiftSettings: testable),
        .target(name: "NVCommand", dependencies: [
            "Interpreter", "Plots", "Runtime", "CReadline", "CKernels", "TerminalKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: testable),
        .executableTarget(name: "nv", dependencies: ["NVCommand"], exclude: ["StaticLibraries"],
                         linkerSettings: staticRuntime),
        // The fuzzer: input generators, mutators and a crash-surviving driver (not part of the
        // product). Long run on demand: swift run -c release nv-fuzz --programs 100000 --files 20000
        .target(name: "Fuzzing", dependencies: ["Interpreter", "Plots", "Runtime", "CZlib"], swiftSettings: testable),
        .executableTarget(name: "nv-fuzz", dependencies: ["Fuzzing"], swiftSettings: testable),
        .executableTarget(name: "nv-bench-runtime", dependencies: ["Runtime"]),
        // Encoder benchmark; run it in release: swift run -c release nv-bench-plots
        .executableTarget(name: "nv-bench-plots", dependencies: ["Plots", "Runtime"]),
        // Large GEMM against NumPy/OpenBLAS; run it in release: swift run -c release nv-bench-gemm
        .executableTarget(name: "nv-bench-gemm", dependencies: ["Runtime"]),
        // Runs a tools/reference peer script for the benchmarks that measure nv beside PyTorch/JAX.
        .target(name: "BenchPeers"),
        // CNN benchmark against PyTorch/JAX; run it in release: swift run -c release nv-bench-cnn
        .executableTarget(name: "nv-bench-cnn", dependencies: ["Runtime", "BenchPeers"]),
        // Trees and forests against scikit-learn (tools/reference/check_trees.py); release only
        .executableTarget(name: "nv-bench-trees", dependencies: ["Runtime"]),
        // Attention: time to learn reverse, steps/s, and files for tools/reference/check_attention.py.
        .executableTarget(name: "nv-bench-attention", dependencies: ["Runtime", "BenchPeers"]),
        // k-means/kNN data for tools/reference/check_kmeans_knn.py and its speed benchmark (release)
        .executableTarget(name: "nv-bench-cluster", dependencies: ["Runtime"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "Runtime"],
                    exclude: ["Goldens"]),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "Plots", "Runtime"],
                    resources: [.copy("Scripts")]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "Interpreter", "Plots"]),
        .testTarget(name: "nvTests", dependencies: ["NVCommand"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "nv-fuzz", "Interpreter", "Runtime"]),
    ]
)

