// swift-tools-version:6.0
import PackageDescription

// Engine hot loops want full optimisation and no bounds checks in release builds (CNNEngine
// only: the readers of untrusted files, CNNFormats, keep their checks); debug builds keep every check.
// On x86-64 they also target Haswell (AVX2 + FMA, every x86-64 CPU since 2013): without it the
// kernels' SIMD fused multiply-adds become library calls.
#if arch(x86_64)
let kernelCPUFlags = ["-target-cpu", "haswell"]
#else
let kernelCPUFlags: [String] = []
#endif
let kernelSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"] + kernelCPUFlags, .when(configuration: .release)),
]

let package = Package(
    name: "cnnc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cnnc", targets: ["cnnc"]),
        .library(name: "CNNModel", targets: ["CNNModel"]),
        .library(name: "CNNFrontEnd", targets: ["CNNFrontEnd"]),
        .library(name: "CNNFormats", targets: ["CNNFormats"]),
        .library(name: "CNNEngine", targets: ["CNNEngine"]),
        .library(name: "CNNEmitters", targets: ["CNNEmitters"]),
    ],
    targets: [
        // MARK: Libraries
        // The checked model: layer descriptions, shape rules and counts. Shared by all.
        .target(name: "CNNModel"),
        // Diagnostics as data and their one renderer; knows nothing of the parser.
        .target(name: "CNNDiagnostics"),
        // Lexer, parser, AST, shape checker, summary rendering.
        .target(name: "CNNFrontEnd", dependencies: ["CNNModel", "CNNDiagnostics"]),
        // Tensors and the file formats' readers and writers (safetensors, npy, npz, IDX, gzip,
        // PGM/PPM): they parse untrusted bytes, so release builds keep every check here.
        .target(name: "CNNFormats", dependencies: ["CNNModel"]),
        // Kernels, layers, networks and training; knows nothing of the parser. Re-exports CNNFormats,
        // whose Tensor is its currency.
        .target(name: "CNNEngine", dependencies: ["CNNModel", "CNNFormats"], swiftSettings: kernelSettings),
        // ONNX out (and, to come, ONNX and Darknet in): models between cnnc and other tools.
        .target(name: "CNNInterchange", dependencies: ["CNNModel", "CNNFormats"]),
        // Swift, PyTorch, DOT and SVG writers.
        .target(name: "CNNEmitters", dependencies: ["CNNModel"]),
        // The command-line commands as a library, so tests reach everything the CLI does.
        .target(name: "CNNCommands",
                dependencies: ["CNNModel", "CNNDiagnostics", "CNNFrontEnd", "CNNEngine", "CNNEmitters", "CNNInterchange"]),

        // Code written by `cnnc emit --target swift`, compiled with the package to prove it builds.
        .target(name: "CNNExamples", dependencies: ["CNNEngine", "CNNModel"], path: "Examples/Swift"),

        // MARK: Executables
        .executableTarget(name: "cnnc", dependencies: ["CNNCommands"]),
        .executableTarget(name: "cnnc-bench",
                          dependencies: ["CNNModel", "CNNFrontEnd", "CNNEngine", "CNNEmitters", "CNNCommands"],
                          swiftSettings: kernelSettings),

        // MARK: Tests
        // Golden files and the example specs, shared by the test targets.
        .target(name: "CNNTestSupport", path: "Tests/TestSupport"),
        // The slow reference kernels and forward pass the fast ones are checked against: from the
        // definitions, on the checked model alone (no engine code), built with every check on.
        .target(name: "CNNReference", dependencies: ["CNNModel"], path: "Tests/Reference"),
        .testTarget(name: "CNNModelTests", dependencies: ["CNNModel"]),
        .testTarget(name: "CNNFrontEndTests", dependencies: ["CNNFrontEnd", "CNNModel", "CNNDiagnostics", "CNNTestSupport"]),
        .testTarget(name: "CNNFormatsTests", dependencies: ["CNNFormats", "CNNTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CNNEngineTests", dependencies: ["CNNEngine", "CNNModel", "CNNFrontEnd", "CNNReference", "CNNTestSupport"]),
        .testTarget(name: "CNNEmittersTests",
                    dependencies: ["CNNEmitters", "CNNModel", "CNNFrontEnd", "CNNEngine", "CNNExamples", "CNNReference",
                                   "CNNTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "CNNInterchangeTests",
                    dependencies: ["CNNInterchange", "CNNModel", "CNNFormats", "CNNFrontEnd", "CNNReference", "CNNTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CNNCommandsTests", dependencies: ["CNNCommands", "CNNFrontEnd", "CNNModel", "CNNInterchange", "CNNTestSupport"],
                    exclude: ["Golden"]),
    ]
)
