import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// `cnnc run` and the module `cnnc emit --target pytorch` writes compute the same numbers from
/// the same safetensors weights and input: the engine agrees with PyTorch, layer semantics and
/// weight layouts included. Runs only where python3 has torch; the skip is reported, never silent.
@Suite(.enabled(if: Python.hasTorch, "needs python3 with torch, numpy and safetensors (pip install torch safetensors)"))
struct PyTorchAgreementTests {
    static let mixedSpecs = [
        """
        input 9x11x3
        conv 4 3x3 s2 same leakyrelu 0.2
        batchnorm
        maxpool 3 s2 same
        conv 6 3x3 d2 g2 same tanh
        lrn 3
        avgpool 2 same
        dropout 0.3
        dense 7 sigmoid nobias
        """,
        """
        input 10x10x2
        conv 8 4x4 same relu
        conv 4 3x3 full nobias
        maxpool 2 p1
        batchnorm
        conv 5 1x1 linear
        globalavgpool
        flatten
        dense 3
        softmax
        """,
        """
        input 12x12x1
        conv 3 3x3 same weights=sobel
        conv 6 5x3 s1x2 p2x1 relu
        globalmaxpool
        dense 4 softmax
        """,
    ]

    @Test(arguments: ["lenet5.cnn", "lenet5-classic.cnn", "digits.cnn", "chain39.cnn", "edges.cnn", "tour.cnn", "mixed0", "mixed1", "mixed2"])
    func engineMatchesPyTorch(spec name: String) throws {
        let text = name.hasPrefix("mixed") ? Self.mixedSpecs[Int(name.dropFirst(5))!] : try SpecFiles.text(of: name)
        let spec = try temporarySpec(text, name: "model.cnn")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let file = { (name: String) in spec.folder.appendingPathComponent(name).path }
        let model = try #require(Compiler.compile(source: text).model)

        try SafetensorsFile.write(Self.randomWeights(for: model), to: URL(fileURLWithPath: file("w.safetensors")))
        let input = Self.random(shape: [2] + model.input.dimensions, seed: 5, range: 0...1)
        try NpyFile.write(input, to: URL(fileURLWithPath: file("x.npy")))
        #expect(CommandRunner().run("emit", spec.path, "--target", "pytorch", "-o", file("model.py")).code == .success)
        let run = CommandRunner().run("run", spec.path, "--weights", file("w.safetensors"),
                                      "--input-file", file("x.npy"), "--output", file("engine.npy"))
        #expect(run.code == .success, "\(run.error)")

        let script = """
            import numpy as np, torch
            from model import Model, load_safetensors
            model = Model()
            load_safetensors(model, "w.safetensors")
            model.eval()
            x = torch.from_numpy(np.load("x.npy")).permute(0, 3, 1, 2)
            with torch.no_grad():
                y = model(x)
            if y.dim() == 4:
                y = y.permute(0, 2, 3, 1)
            np.save("torch.npy", y.contiguous().numpy().astype(np.float32))
            """
        let python = try Python.run(["-c", script], in: spec.folder)
        #expect(python.status == 0, "\(python.errors)")
        let engine = try NpyFile.read(from: URL(fileURLWithPath: file("engine.npy"))).tensor
        let torch = try NpyFile.read(from: URL(fileURLWithPath: file("torch.npy"))).tensor
        #expect(engine.shape == torch.shape)
        let scale = max(1, torch.scalars.map(abs).max() ?? 1)
        let worst = zip(engine.scalars, torch.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-4 * scale, "largest difference \(worst) of values up to \(scale)")
    }

    /// Every weight in [-0.5, 0.5], running variances in [0.5, 1.5]: batchnorm's statistics matter too.
    static func randomWeights(for model: Model) -> [String: Tensor] {
        var weights: [String: Tensor] = [:]
        for (index, parameter) in model.parameterTensors.enumerated() {
            let range: ClosedRange<Float> = parameter.name.hasSuffix("running_var") ? 0.5...1.5 : -0.5...0.5
            weights[parameter.name] = random(shape: parameter.shape, seed: UInt64(index + 1), range: range)
        }
        return weights
    }

    static func random(shape: [Int], seed: UInt64, range: ClosedRange<Float>) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let scalars = (0..<shape.reduce(1, *)).map { _ in
            range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextUnit()
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
