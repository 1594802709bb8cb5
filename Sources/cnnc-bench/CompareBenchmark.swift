import CNNEmitters
import CNNFrontEnd
import CNNModel
import Foundation

/// `cnnc-bench compare [runs]`: whole networks through cnnc and, where python3 has torch (and
/// onnxruntime), through PyTorch and ONNX Runtime in the same invocation, each with 2 threads, on
/// random inputs: ms per batch (median of `runs`, default 3) and cnnc's time over the faster of
/// the two. The PyTorch model is the module `cnnc emit --target pytorch` writes for the same spec,
/// and ONNX Runtime runs its `torch.onnx.export`, so all three compute the same network.
func runCompareBenchmark(_ arguments: [String]) {
    let runs = arguments.first.flatMap(Int.init) ?? 3
    let python = PythonTimer()
    if let problem = python.problem { print("PyTorch and ONNX Runtime skipped: \(problem)") }
    print("network | batch | cnnc ms | PyTorch ms | ONNX Runtime ms | cnnc / best")
    print("---|---|---|---|---|---")
    for network in ComparedNetwork.all {
        do {
            let model = try network.model()
            let cnnc = try medianSeconds(model: model, batch: network.batch, runs: runs) * 1000
            let others = python.problem == nil ? try python.time(model, batch: network.batch, runs: runs) : nil
            let best = [others?.torch, others?.onnxRuntime].compactMap { $0 }.min()
            print("\(network.name) | \(network.batch) | \(format(cnnc)) | \(others.map { format($0.torch) } ?? "-") | "
                + "\(others?.onnxRuntime.map(format) ?? "-") | \(best.map { format(cnnc / $0) + "x" } ?? "-")")
        } catch {
            print("\(network.name) | \(network.batch) | failed: \(error)")
        }
    }
}

/// A row of the comparison: a Spec (or a spec written here) at one batch size.
struct ComparedNetwork {
    var name: String
    var batch: Int
    var file: String?
    var source: String?

    func model() throws -> Model {
        if let file { return try BenchmarkSpecs.model(file) }
        guard let model = Compiler.compile(source: source ?? "").model else { throw BenchmarkSpecs.Missing(path: name) }
        return model
    }

    /// MobileNet v1 as a plain chain: 4,231,976 parameters, as PyTorch counts them.
    static let mobileNetV1: String = {
        let stages = [(32, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1), (256, 512, 2)]
            + Array(repeating: (512, 512, 1), count: 5) + [(512, 1024, 2), (1024, 1024, 1)]
        return "input 224x224x3\nconv 32 3x3 s2 same nobias; batchnorm; relu\n"
            + stages.map { c, f, s in
                "conv \(c) 3x3 s\(s) g\(c) same nobias; batchnorm; relu; conv \(f) 1x1 nobias; batchnorm; relu\n"
            }.joined() + "globalavgpool\ndense 1000 softmax\n"
    }()

    static let all = [
        ComparedNetwork(name: "VGG-16", batch: 4, file: "vgg16.cnn"),
        ComparedNetwork(name: "MobileNet v1", batch: 8, source: mobileNetV1),
        ComparedNetwork(name: "3 x conv 512 3x3 on 28x28x512", batch: 4,
                        source: "input 28x28x512\nrepeat 3 { conv 512 3x3 p1 relu }\n"),
        ComparedNetwork(name: "ResNet-50", batch: 1, file: "resnet50.cnn"),
        ComparedNetwork(name: "ResNet-50", batch: 8, file: "resnet50.cnn"),
        ComparedNetwork(name: "MobileNetV2", batch: 8, file: "mobilenetv2.cnn"),
        ComparedNetwork(name: "EfficientNet-B0", batch: 8, file: "efficientnet_b0.cnn"),
    ]
}

/// Times the emitted PyTorch module of a model in a python3 child process, and its ONNX export in
/// ONNX Runtime when that is installed.
struct PythonTimer {
    /// Why Python cannot time anything here (nil when torch imports).
    let problem: String?

    init() {
        let check = PythonTimer.python(["-c", "import torch"])
        problem = check?.status == 0 ? nil : "python3 with torch not found"
    }

    static let driver = """
        import sys, time, importlib.util, io
        import torch
        torch.set_num_threads(2)
        spec = importlib.util.spec_from_file_location("emitted", sys.argv[1])
        module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
        batch, runs = int(sys.argv[2]), int(sys.argv[3])
        model = module.Model().eval()
        x = torch.rand(batch, *module.INPUT_SHAPE)
        def median(f):
            f()
            times = []
            for _ in range(runs):
                start = time.perf_counter(); f(); times.append(time.perf_counter() - start)
            return sorted(times)[len(times) // 2] * 1000
        with torch.no_grad():
            torch_ms = median(lambda: model(x))
        ort_ms = "-"
        try:
            import onnxruntime
            buffer = io.BytesIO()
            torch.onnx.export(model, x, buffer, dynamo=False, opset_version=17)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 2
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(buffer.getvalue(), options, providers=["CPUExecutionProvider"])
            feed = {session.get_inputs()[0].name: x.numpy()}
            ort_ms = median(lambda: session.run(None, feed))
        except Exception as error:
            print("onnxruntime:", error, file=sys.stderr)
        print(torch_ms, ort_ms)
        """

    /// Milliseconds per batch in PyTorch and (nil when unavailable) ONNX Runtime.
    func time(_ model: Model, batch: Int, runs: Int) throws -> (torch: Double, onnxRuntime: Double?)? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let module = folder.appendingPathComponent("emitted.py")
        try PyTorchEmitter.emitModule(model).write(to: module, atomically: true, encoding: .utf8)
        guard let result = PythonTimer.python(["-c", PythonTimer.driver, module.path, "\(batch)", "\(runs)"]),
              result.status == 0 else { return nil }
        let fields = result.output.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 2, let torch = Double(fields[0]) else { return nil }
        return (torch, Double(fields[1]))
    }

    /// Runs python3 with `arguments`; nil when it cannot start.
    static func python(_ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
