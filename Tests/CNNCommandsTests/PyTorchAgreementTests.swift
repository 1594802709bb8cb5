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

    /// Graphs with every merge, blocks, and the layers that came with them.
    static let graphSpecs = [
        """
        input 9x9x3
        def basic f {
          add { conv $f 3x3 p1 nobias; batchnorm; relu; conv $f 3x3 p1 nobias; batchnorm }
          relu
        }
        def down f {
          add { conv $f 3x3 s2 p1 nobias; batchnorm eps=0.001; relu6; conv $f 3x3 p1 nobias; batchnorm }
              { conv $f 1x1 s2 nobias; batchnorm }
          relu
        }
        conv 4 3x3 p1; basic 4; down 6
        mul { globalavgpool; conv 2 1x1 silu; conv 6 1x1 sigmoid }
        maxpool 2 ceil
        dense 5 softmax
        """,
        """
        input 8x8x2
        def fire s e {
          conv $s 1x1 relu
          concat { conv $e 1x1 relu } { conv $e 3x3 p1 relu }
        }
        fire 3 4
        f: fire 2 3
        avgpool 3 s2 ceil
        upsample 2 bilinear
        concat @f.conv1 { conv 2 1x1 hardswish }
        conv 3 2x2 s2 same gelu
        upsample 3
        deconv 4 3x3 s2 p1 op1 mish
        deconv 2 2x2 s2 g2 hardsigmoid
        """,
        """
        input 8x8x2
        e: conv 4 3x3 p1 relu
        maxpool 2
        conv 6 3x3 p1 leakyrelu 0.1
        d: deconv 4 2 s2
        concat @e
        h1: conv 2 1x1
        @d
        maxpool 2 s1 same
        h2: conv 3 1x1 tanh
        output @h1 @h2
        """,
        """
        input 4x4x2
        a: flatten
        b: dense 4 tanh
        concat @a @b {}
        mul {} { sigmoid }
        dense 3
        """,
    ]

    @Test(arguments: ["lenet5.cnn", "lenet5-classic.cnn", "digits.cnn", "chain39.cnn", "edges.cnn", "edges-magnitude.cnn", "tour.cnn",
                      "digits-resnet.cnn", "mixed0", "mixed1", "mixed2", "graph0", "graph1", "graph2", "graph3"])
    func engineMatchesPyTorch(spec name: String) throws {
        let text = name.hasPrefix("mixed") ? Self.mixedSpecs[Int(name.dropFirst(5))!]
            : name.hasPrefix("graph") ? Self.graphSpecs[Int(name.dropFirst(5))!] : try SpecFiles.text(of: name)
        let spec = try temporarySpec(text, name: "model.cnn")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let file = { (name: String) in spec.folder.appendingPathComponent(name).path }
        let model = try #require(Compiler.compile(source: text).model)

        try SafetensorsFile.write(Self.randomWeights(for: model), to: URL(fileURLWithPath: file("w.safetensors")))
        let input = Self.random(shape: [2] + model.input.dimensions, seed: 5, range: 0...1)
        try NpyFile.write(input, to: URL(fileURLWithPath: file("x.npy")))
        #expect(CommandRunner().run("emit", spec.path, "--target", "pytorch", "-o", file("model.py")).code == .success)
        let run = CommandRunner().run("run", spec.path, "--weights", file("w.safetensors"),
                                      "--input-file", file("x.npy"), "--output", file("engine.npz"))
        #expect(run.code == .success, "\(run.error)")

        // Every output of the engine's archive against the module's, by name and in order.
        let names = model.outputs.map { "'\($0.name)'" }.joined(separator: ", ")
        let script = """
            import numpy as np, torch
            from model import Model, load_safetensors
            model = Model()
            load_safetensors(model, "w.safetensors")
            model.eval()
            x = torch.from_numpy(np.load("x.npy")).permute(0, 3, 1, 2)
            with torch.no_grad():
                ys = model(x)
            ys = ys if isinstance(ys, tuple) else (ys,)
            engine = np.load("engine.npz")
            for name, y in zip([\(names)], ys):
                if y.dim() == 4:
                    y = y.permute(0, 2, 3, 1)
                y = y.contiguous().numpy()
                assert engine[name].shape == y.shape, (name, engine[name].shape, y.shape)
                scale = max(1.0, float(np.abs(y).max()))
                print(name, float(np.abs(engine[name] - y).max()) / scale)
            """
        Self.expectAgreement(try Python.run(["-c", script], in: spec.folder),
                                              outputs: model.outputs.count, name)
    }

    /// A comparison script's verdict: it succeeded and printed one line `NAME RELATIVE` per
    /// output, each difference at most 1e-5 of the largest value (the README's claim).
    static func expectAgreement(_ python: Python.Result, outputs: Int, _ name: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(python.status == 0, "\(name): \(python.errors)", sourceLocation: sourceLocation)
        let lines = python.output.split(separator: "\n")
        #expect(lines.count == outputs, "\(python.output)", sourceLocation: sourceLocation)
        for line in lines {
            let relative = Double(line.split(separator: " ").last ?? "") ?? .infinity
            #expect(relative <= 1e-5, "\(name): \(line) (largest difference relative to the largest value)",
                    sourceLocation: sourceLocation)
        }
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
