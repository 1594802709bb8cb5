import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// What `cnnc emit --target onnx` writes passes `onnx.checker` (with shape inference, which must
/// find the spec's output shapes) and computes in ONNX Runtime what `cnnc run` computes from the
/// same weights and input: relative error below 1e-5. The specs cover every layer, activation
/// and merge of the language; every Spec under 10M parameters runs at the smallest size it
/// accepts (the larger ones, AlexNet, VGG-16, ResNet-18/50 and U-Net, repeat the same layers and
/// take minutes in a debug build).
@Suite(.enabled(if: Python.hasONNXRuntime, "needs python3 with onnx, onnxruntime and numpy (pip install onnx onnxruntime)"))
struct ONNXAgreementTests {
    static let cases = PyTorchAgreementTests.mixedSpecs.indices.map { "mixed\($0)" }
        + PyTorchAgreementTests.graphSpecs.indices.map { "graph\($0)" }
        + EverySpecTests.names.filter { name in
            ((try? EverySpecTests.smallest(name).model.parameterCount) ?? 0) < 10_000_000
        }

    @Test(arguments: cases)
    func onnxRuntimeMatchesTheEngine(_ name: String) throws {
        let text: String, input: String?, model: Model
        if name.hasPrefix("mixed") || name.hasPrefix("graph") {
            let index = try #require(Int(name.dropFirst(5)))
            text = name.hasPrefix("mixed") ? PyTorchAgreementTests.mixedSpecs[index] : PyTorchAgreementTests.graphSpecs[index]
            input = nil
            model = try #require(Compiler.compile(source: text).model)
        } else {
            text = try SpecFiles.text(of: name)
            (input, model) = try EverySpecTests.smallest(name)
        }
        let spec = try temporarySpec(text, name: "model.cnn")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let file = { (name: String) in spec.folder.appendingPathComponent(name).path }
        let sizing = input.map { ["--input", $0] } ?? []

        try SafetensorsFile.write(PyTorchAgreementTests.randomWeights(for: model), to: URL(fileURLWithPath: file("w.safetensors")))
        let x = PyTorchAgreementTests.random(shape: [2] + model.input.dimensions, seed: 5, range: 0...1)
        try NpyFile.write(x, to: URL(fileURLWithPath: file("x.npy")))
        let emit = CommandRunner().run(["emit", spec.path, "--target", "onnx", "--weights", file("w.safetensors"),
                                        "-o", file("model.onnx")] + sizing)
        try #require(emit.code == .success, "\(emit.error)")
        let run = CommandRunner().run(["run", spec.path, "--weights", file("w.safetensors"), "--input-file", file("x.npy"),
                                       "--output", file("engine.npz")] + sizing)
        try #require(run.code == .success, "\(run.error)")

        let names = model.outputs.map { "'\($0.name)'" }.joined(separator: ", ")
        let script = """
            import numpy as np, onnx, onnxruntime as ort
            model = onnx.load("model.onnx")
            onnx.checker.check_model(model, full_check=True)
            inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
            options = ort.SessionOptions()
            options.intra_op_num_threads = 2
            session = ort.InferenceSession("model.onnx", options, providers=["CPUExecutionProvider"])
            assert [i.name for i in session.get_inputs()] == ["input"]
            assert [o.name for o in session.get_outputs()] == [\(names)], [o.name for o in session.get_outputs()]
            ys = session.run(None, {"input": np.load("x.npy").transpose(0, 3, 1, 2)})
            engine = np.load("engine.npz")
            for name, y in zip([\(names)], ys):
                if y.ndim == 4:
                    y = y.transpose(0, 2, 3, 1)
                assert engine[name].shape == y.shape, (name, engine[name].shape, y.shape)
                scale = max(1.0, float(np.abs(y).max()))
                print(name, float(np.abs(engine[name] - y).max()) / scale)
            """
        PyTorchAgreementTests.expectAgreement(try Python.run(["-c", script], in: spec.folder),
                                              outputs: model.outputs.count, name)
    }
}
