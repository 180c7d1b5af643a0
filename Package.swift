// swift-tools-version: 6.0
import PackageDescription

/// nv: machine learning, opened up, in the terminal.
///
/// Dependencies point one way: nv (executable) -> Interpreter -> Plots -> Runtime.
/// See DESIGN.md for what each module may and may not do.
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
        .target(name: "Runtime", dependencies: ["CZlib"]),
        .target(name: "Plots", dependencies: ["Runtime", "CZlib"]),
        .target(name: "Interpreter", dependencies: ["Runtime", "Plots"]),
        .executableTarget(name: "nv", dependencies: [
            "Interpreter", "Plots", "Runtime", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "Runtime"]),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "Plots", "Runtime"],
                    resources: [.copy("Scripts")]),
        .testTarget(name: "nvTests", dependencies: ["nv"]),
    ]
)

