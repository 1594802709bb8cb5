import CNNTestSupport
import CNNEmitters
import CNNModel
import Foundation

/// Runs an emitted PyTorch module in python3 with torch: loads weights, runs NHWC inputs, and
/// reports the output (NHWC for images), the state_dict layout and the frozen parameters.
struct TorchRunner {
    struct Report {
        /// One value per output element of every sample, images in NHWC order.
        var output: [Float]
        /// `state_dict()` names and shapes, in order.
        var state: [(name: String, shape: [Int])]
        /// Parameters with `requires_grad`.
        var trainable: [String]
        /// Values of the parameters without `requires_grad` (fixed filters), by name.
        var frozen: [String: [Float]]
    }

    private static let driver = #"""
    import importlib
    import json
    import sys

    import torch

    directory, module_name, weights, request_path = sys.argv[1:5]
    sys.path.insert(0, directory)
    generated = importlib.import_module(module_name)
    model = generated.Model()
    if weights != "-":
        generated.load_safetensors(model, weights)
    model.eval()
    with open(request_path) as file:
        request = json.load(file)
    x = torch.tensor(request["input"], dtype=torch.float32).reshape(request["shape"])
    if x.dim() == 4:
        x = x.permute(0, 3, 1, 2)
    with torch.no_grad():
        y = model(x)
    if y.dim() == 4:
        y = y.permute(0, 2, 3, 1)
    print(json.dumps({
        "output": y.reshape(-1).tolist(),
        "state": [[name, list(tensor.shape)] for name, tensor in model.state_dict().items()],
        "trainable": [name for name, p in model.named_parameters() if p.requires_grad],
        "frozen": {name: p.reshape(-1).tolist() for name, p in model.named_parameters() if not p.requires_grad},
    }))
    """#

    let model: Model

    /// Emits the module, writes `weights` (nil: the module's own initialisation) and `input`
    /// (`samples` NHWC samples), and runs it.
    func run(weights: [String: [Float]]?, input: [Float], samples: Int) throws -> Report {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try PyTorchEmitter.emitModule(model).write(to: directory.appendingPathComponent("emitted.py"),
                                                   atomically: true, encoding: .utf8)
        try TorchRunner.driver.write(to: directory.appendingPathComponent("driver.py"), atomically: true, encoding: .utf8)
        var weightsPath = "-"
        if let weights {
            let url = directory.appendingPathComponent("weights.safetensors")
            try TestWeights.safetensors(weights, model: model).write(to: url)
            weightsPath = url.path
        }
        let values = input.map { "\($0)" }.joined(separator: ",")
        let shape = ([samples] + model.input.dimensions).map(String.init).joined(separator: ",")
        let request = directory.appendingPathComponent("request.json")
        try "{\"input\": [\(values)], \"shape\": [\(shape)]}".write(to: request, atomically: true, encoding: .utf8)
        let result = try Python.run(["driver.py", directory.path, "emitted", weightsPath, request.path], in: directory)
        guard result.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
              let output = json["output"] as? [Double], let state = json["state"] as? [[Any]],
              let trainable = json["trainable"] as? [String], let frozen = json["frozen"] as? [String: [Double]]
        else { throw TorchRunnerError(message: "python3 failed (\(result.status)):\n\(result.errors)") }
        return Report(
            output: output.map(Float.init),
            state: state.map { (name: $0[0] as? String ?? "?", shape: $0[1] as? [Int] ?? []) },
            trainable: trainable, frozen: frozen.mapValues { $0.map(Float.init) })
    }
}

struct TorchRunnerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// True when every `actual` value is within a relative and absolute tolerance of `expected`.
func isClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-4) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, b in
        abs(a - b) <= tolerance * (1 + abs(b))
    }
}
