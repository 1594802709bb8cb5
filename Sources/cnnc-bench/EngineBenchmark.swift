import CNNEngine
import CNNModel
import Dispatch

/// `cnnc-bench engine [runs]`: forward-pass throughput of the engine, printed (never asserted).
///
/// LeNet-5 (Specs/lenet5.cnn) in images/s at batch 1 and 64, GFLOP/s (2 per MAC) of two 3x3, 64-filter
/// `same` convolutions on 56x56x64 at batch 8, and the branching ResNet-18 and MobileNetV2 (224x224)
/// in ms per batch at batch 1 and 8. Each figure is the median of `runs` timed runs (default 7)
/// after a warm-up; other processes on the machine make single runs noisy.
func runEngineBenchmark(_ arguments: [String]) {
    let runs = arguments.first.flatMap(Int.init) ?? 7
    do {
        let lenet = try BenchmarkSpecs.model("lenet5.cnn")
        let convolutions = try Model(input: .image(height: 56, width: 56, channels: 64), operations: [
            .convolution(Convolution(filters: 64, kernel: Size2(square: 3), padding: .same, activation: .relu)),
            .convolution(Convolution(filters: 64, kernel: Size2(square: 3), padding: .same, activation: .relu)),
        ])
        for batch in [1, 64] {
            let seconds = try medianSeconds(model: lenet, batch: batch, runs: runs)
            print("lenet5 batch \(batch): \(format(Double(batch) / seconds)) img/s "
                + "(\(format(seconds * 1e6)) us/batch, median of \(runs))")
        }
        let seconds = try medianSeconds(model: convolutions, batch: 8, runs: runs)
        let flops = Double(convolutions.flops) * 8
        print("conv 2x(64 3x3 same) on 56x56x64 batch 8: \(format(flops / seconds / 1e9)) GFLOP/s "
            + "(\(format(seconds * 1e3)) ms/batch, median of \(runs))")
        for name in ["resnet18.cnn", "mobilenetv2.cnn"] {
            let model = try BenchmarkSpecs.model(name)
            for batch in [1, 8] {
                let seconds = try medianSeconds(model: model, batch: batch, runs: runs)
                print("\(name) 224x224 batch \(batch): \(format(seconds * 1e3)) ms/batch, "
                    + "\(format(Double(batch) / seconds)) img/s, "
                    + "\(format(Double(model.flops * batch) / seconds / 1e9)) GFLOP/s (median of \(runs))")
            }
        }
    } catch {
        print("engine benchmark failed: \(error)")
    }
}

/// Median over `runs` of the mean seconds per forward call, each run lasting about 0.2 s.
func medianSeconds(model: Model, batch: Int, runs: Int) throws -> Double {
    let network = Network(model: model, seed: 1)
    var generator = SeededGenerator(seed: 2)
    let shape = network.inputShape(batch: batch)
    let input = Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in generator.nextUnit() })
    let start = DispatchTime.now().uptimeNanoseconds
    var calls = 0
    while DispatchTime.now().uptimeNanoseconds - start < 100_000_000 || calls < 2 {
        _ = try network.forward(input)
        calls += 1
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let callsPerRun = max(1, Int(0.2 / (elapsed / Double(calls))))
    var timings: [Double] = []
    for _ in 0..<runs {
        let begin = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<callsPerRun { _ = try network.forward(input) }
        timings.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9 / Double(callsPerRun))
    }
    return timings.sorted()[timings.count / 2]
}

func format(_ value: Double) -> String {
    value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 10)) / 10)
}
