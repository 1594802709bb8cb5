// cnnc-bench: release-build benchmarks that print figures (never asserted in tests).
//
//     swift run -c release cnnc-bench summary [runs]   # `cnnc summary` of VGG-16, ResNet-50, DenseNet-121
//     swift run -c release cnnc-bench engine [runs]    # forward passes: LeNet-5, 3x3 convs, ResNet-18, MobileNetV2
//     swift run -c release cnnc-bench train            # training throughput and accuracy
//     swift run -c release cnnc-bench compare [runs]   # whole networks: cnnc beside PyTorch and ONNX Runtime

let benchmarks: [(name: String, run: ([String]) -> Void)] = [
    ("summary", runSummaryBenchmark),
    ("engine", runEngineBenchmark),
    ("train", runTrainingBenchmark),
    ("compare", runCompareBenchmark),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let benchmark = benchmarks.first(where: { $0.name == name }) {
    benchmark.run(Array(arguments.dropFirst()))
} else {
    print("usage: cnnc-bench \(benchmarks.map(\.name).joined(separator: "|")) [runs]")
    print("build with: swift build -c release; run with: swift run -c release cnnc-bench NAME")
}
