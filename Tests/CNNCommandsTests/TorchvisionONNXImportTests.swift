import CNNCommands
import CNNEngine
import CNNTestSupport
import Foundation
import Testing

/// torchvision's networks exported by `torch.onnx.export` import with torchvision's exact
/// parameter counts (batchnorm statistics included) and give ONNX Runtime's outputs in
/// `cnnc run` on the imported spec and weights (largest difference at most 1e-4 of the largest
/// value, the torchvision suites' measure). 64x64 inputs keep the debug build quick.
@Suite(.enabled(if: Python.hasTorchvision && Python.hasONNXRuntime,
                "needs python3 with torch, torchvision, onnx and onnxruntime"))
struct TorchvisionONNXImportTests {
    @Test(arguments: ["resnet18", "mobilenet_v2", "squeezenet1_1", "densenet121"])
    func importsWithItsCountsAndONNXRuntimesOutputs(_ network: String) throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = """
            import numpy as np, torch, torchvision, onnxruntime as ort
            torch.manual_seed(0)
            model = torchvision.models.\(network)(weights=None).eval()
            for module in model.modules():
                if isinstance(module, torch.nn.BatchNorm2d):
                    module.running_mean.uniform_(-0.5, 0.5); module.running_var.uniform_(0.5, 1.5)
            x = torch.rand(2, 3, 64, 64)
            torch.onnx.export(model, x, "model.onnx", input_names=["input"], output_names=["logits"], dynamo=False,
                              opset_version=17, training=torch.onnx.TrainingMode.PRESERVE)
            count = sum(p.numel() for p in model.parameters())
            count += sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
            print(count)
            np.save("x.npy", x.permute(0, 2, 3, 1).contiguous().numpy())
            session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
            np.save("ort.npy", session.run(None, {"input": x.numpy()})[0])
            """
        let python = try Python.run(["-c", export], in: folder)
        try #require(python.status == 0, "\(python.errors)")
        let file = { (name: String) in folder.appendingPathComponent(name).path }

        let imported = CommandRunner().run("import", file("model.onnx"), "-o", file("model.cnn"), "--weights-out", file("w.safetensors"))
        try #require(imported.code == .success, "\(imported.error)")
        let summary = CommandRunner().run("summary", file("model.cnn"), "--format", "json")
        let totals = try #require(try JSONSerialization.jsonObject(with: Data(summary.output.utf8)) as? [String: Any])
        #expect("\(totals["total_params"] ?? "")" == python.output.trimmingCharacters(in: .whitespacesAndNewlines))

        let run = CommandRunner().run("run", file("model.cnn"), "--weights", file("w.safetensors"),
                                      "--input-file", file("x.npy"), "--output", file("cnnc.npy"))
        try #require(run.code == .success, "\(run.error)")
        let engine = try NpyFile.read(from: URL(fileURLWithPath: file("cnnc.npy"))).imageTensor
        let reference = try NpyFile.read(from: URL(fileURLWithPath: file("ort.npy"))).imageTensor
        #expect(engine.shape == reference.shape)
        let scale = max(1, reference.scalars.map(abs).max() ?? 0)
        let difference = zip(engine.scalars, reference.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(difference / scale <= 1e-4, "\(network): \(difference / scale)")
    }
}
