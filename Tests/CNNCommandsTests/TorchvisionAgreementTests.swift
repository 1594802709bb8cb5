import CNNCommands
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// The reference Specs against the networks they reproduce: torchvision's models, and for U-Net
/// and YOLOv3-tiny modules written here the way their authors' code builds them. Per layer (conv,
/// deconv, batchnorm, dense, in execution order) the output shapes and parameter counts agree;
/// then, on the torch model's weights (in state_dict order, under cnnc's names) and one input,
/// `cnnc run` and the module `cnnc emit --target pytorch` writes both compute the torch model's
/// outputs. Small inputs keep the debug build quick; every network here adapts to its input size.
@Suite(.enabled(if: Python.hasTorchvision, "needs python3 with torch, torchvision and safetensors"))
struct TorchvisionAgreementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var spec: String
        var constructor: String
        var size: Int
        var testDescription: String { spec }
    }

    static let cases = [
        Case(spec: "resnet18.cnn", constructor: "torchvision.models.resnet18()", size: 32),
        Case(spec: "resnet50.cnn", constructor: "torchvision.models.resnet50()", size: 32),
        Case(spec: "mobilenetv2.cnn", constructor: "torchvision.models.mobilenet_v2()", size: 32),
        Case(spec: "squeezenet1_1.cnn", constructor: "torchvision.models.squeezenet1_1()", size: 48),
        Case(spec: "densenet121.cnn", constructor: "torchvision.models.densenet121()", size: 32),
        Case(spec: "googlenet.cnn", constructor: "torchvision.models.googlenet(aux_logits=False, init_weights=True)",
             size: 48),
        Case(spec: "efficientnet_b0.cnn", constructor: "torchvision.models.efficientnet_b0()", size: 32),
        Case(spec: "unet.cnn", constructor: "UNet()", size: 16),
        Case(spec: "yolov3_tiny.cnn", constructor: "YoloV3Tiny()", size: 64),
    ]

    @Test(arguments: cases)
    func specAgreesWithTheTorchModel(_ reference: Case) throws {
        let size = "\(reference.size)x\(reference.size)x3"
        let text = try SpecFiles.text(of: reference.spec)
        let input = Shape.image(height: reference.size, width: reference.size, channels: 3)
        let model = try #require(Compiler.compile(source: text, input: input).model)
        let spec = try temporarySpec(text)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let file = { (name: String) in spec.folder.appendingPathComponent(name) }
        let parameters = model.parameterTensors.map { [$0.name, $0.shape] as [Any] }
        try JSONSerialization.data(withJSONObject: parameters).write(to: file("parameters.json"))
        let emit = CommandRunner().run("emit", spec.path, "--input", size, "--target", "pytorch", "-o", file("model.py").path)
        try #require(emit.code == .success, "\(emit.error)")

        let torchRun = try Python.run(["-c", Self.script(reference, batch: 2)], in: spec.folder)
        try #require(torchRun.status == 0, "\(torchRun.errors)")
        let torch = try JSONDecoder().decode(TorchReport.self, from: Data(contentsOf: file("torch.json")))

        // Layer by layer, then in total.
        let ours = model.layers.compactMap { layer -> TorchReport.Layer? in
            guard let kind = Self.comparedKinds(layer.operation) else { return nil }
            let shape = layer.outputShape
            let dimensions = if case let .image(h, w, c) = shape { [c, h, w] } else { shape.dimensions }
            return TorchReport.Layer(kind: kind, shape: dimensions, parameters: layer.trainableParameterCount)
        }
        #expect(ours.count == torch.layers.count)
        for (index, (mine, theirs)) in zip(ours, torch.layers).enumerated() where mine != theirs {
            Issue.record("\(reference.spec) layer \(index): cnnc \(mine), torch \(theirs)")
            break
        }
        #expect(model.trainableParameterCount == torch.trainable)

        // The emitted module, then the engine, against the torch model's outputs.
        #expect(torch.emitted.count == model.outputs.count)
        for (index, relative) in torch.emitted.enumerated() {
            #expect(relative <= 1e-4, "\(reference.spec) emitted module, output \(index): relative difference \(relative)")
        }
        let run = CommandRunner().run("run", spec.path, "--input", size, "--weights", file("w.safetensors").path,
                                      "--input-file", file("x.npy").path, "--output", file("engine.npz").path)
        try #require(run.code == .success, "\(run.error)")
        let names = model.outputs.map { "'\($0.name)'" }.joined(separator: ", ")
        let compare = try Python.run(["-c", """
            import numpy as np
            engine = np.load("engine.npz")
            for i, name in enumerate([\(names)]):
                y = np.load(f"y{i}.npy")
                assert engine[name].shape == y.shape, (name, engine[name].shape, y.shape)
                print(float(np.abs(engine[name] - y).max()) / max(1.0, float(np.abs(y).max())))
            """], in: spec.folder)
        try #require(compare.status == 0, "\(compare.errors)")
        let differences = compare.output.split(separator: "\n").map { Double($0) ?? .infinity }
        #expect(differences.count == model.outputs.count)
        for (index, relative) in differences.enumerated() {
            #expect(relative <= 1e-4, "\(reference.spec) cnnc run, output \(index): relative difference \(relative)")
        }
    }

    struct TorchReport: Decodable {
        struct Layer: Decodable, Equatable, CustomStringConvertible {
            var kind: String
            var shape: [Int]
            var parameters: Int
            var description: String { "\(kind) \(shape) \(parameters) parameters" }
        }
        var layers: [Layer]
        var trainable: Int
        /// Per output, the emitted module's largest difference relative to max(1, largest value).
        var emitted: [Double]
    }

    /// The layers torch's hooks see, under the kind names the script gives them.
    static func comparedKinds(_ operation: CNNModel.Operation) -> String? {
        switch operation {
        case .convolution: "conv"
        case .deconvolution: "deconv"
        case .batchNorm: "batchnorm"
        case .dense: "dense"
        default: nil
        }
    }

    /// Builds the torch model with batchnorm statistics worth testing, writes its weights under
    /// cnnc's names (`parameters.json`, in cnnc's order; state_dict order must agree, shape by shape),
    /// a random NHWC input `x.npy`, the outputs `y<i>.npy` (NHWC) and `torch.json` with its layers
    /// and how far the emitted `model.py`, on the same weights, is from each output.
    static func script(_ reference: Case, batch: Int) -> String {
        """
        import json, sys
        import numpy as np, torch, torch.nn as nn, torch.nn.functional as F, torchvision
        from safetensors.torch import save_file
        \(modules)
        torch.manual_seed(0)
        model = \(reference.constructor).eval()
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.2, 0.2)
                    m.running_mean.uniform_(-0.2, 0.2); m.running_var.uniform_(0.5, 1.5)
        names = json.load(open("parameters.json"))
        state = [(k, v) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")]
        if len(state) != len(names):
            sys.exit(f"cnnc has {len(names)} parameter tensors, torch {len(state)}")
        for (name, shape), (key, value) in zip(names, state):
            if list(value.shape) != shape:
                sys.exit(f"{name} {shape} is torch's {key} {list(value.shape)}")
        save_file({name: value.contiguous() for (name, _), (_, value) in zip(names, state)}, "w.safetensors")
        kinds = {nn.Conv2d: "conv", nn.ConvTranspose2d: "deconv", nn.BatchNorm2d: "batchnorm", nn.Linear: "dense"}
        layers = []
        def record(m, inputs, output):
            layers.append({"kind": kinds[type(m)], "shape": list(output.shape[1:]),
                           "parameters": sum(p.numel() for p in m.parameters(recurse=False))})
        for m in model.modules():
            if type(m) in kinds:
                m.register_forward_hook(record)
        x = torch.rand(\(batch), 3, \(reference.size), \(reference.size))
        np.save("x.npy", x.permute(0, 2, 3, 1).contiguous().numpy())
        with torch.no_grad():
            ys = model(x)
        ys = ys if isinstance(ys, tuple) else (ys,)
        for i, y in enumerate(ys):
            np.save(f"y{i}.npy", (y.permute(0, 2, 3, 1) if y.dim() == 4 else y).contiguous().numpy())
        from model import Model, load_safetensors
        emitted = Model()
        load_safetensors(emitted, "w.safetensors")
        with torch.no_grad():
            zs = emitted.eval()(x)
        zs = zs if isinstance(zs, tuple) else (zs,)
        relative = [float((z - y).abs().max()) / max(1.0, float(y.abs().max())) for z, y in zip(zs, ys)]
        json.dump({"layers": layers, "trainable": sum(p.numel() for p in model.parameters()), "emitted": relative},
                  open("torch.json", "w"))
        """
    }

    /// U-Net as github.com/milesial/Pytorch-UNet builds it (bilinear=False, the skip first in the
    /// concat), and YOLOv3-tiny as Darknet's cfg runs it (its stride-1 max pool reads one more row
    /// and column at the bottom right: replicated here, which changes no maximum).
    static let modules = """
        def double(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(),
                                 nn.Conv2d(o, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU())
        class UNet(nn.Module):
            def __init__(self):
                super().__init__()
                self.inc = double(3, 64)
                self.downs = nn.ModuleList([double(c, 2 * c) for c in (64, 128, 256, 512)])
                self.ups = nn.ModuleList([nn.ModuleList([nn.ConvTranspose2d(c, c // 2, 2, stride=2), double(c, c // 2)])
                                          for c in (1024, 512, 256, 128)])
                self.outc = nn.Conv2d(64, 2, 1)
            def forward(self, x):
                skips = [self.inc(x)]
                for down in self.downs:
                    skips.append(down(F.max_pool2d(skips[-1], 2)))
                x = skips.pop()
                for (up, conv), skip in zip(self.ups, reversed(skips)):
                    x = conv(torch.cat([skip, up(x)], dim=1))
                return self.outc(x)
        def cbl(i, o, k):
            return nn.Sequential(nn.Conv2d(i, o, k, padding=k // 2, bias=False), nn.BatchNorm2d(o), nn.LeakyReLU(0.1))
        class YoloV3Tiny(nn.Module):
            def __init__(self):
                super().__init__()
                self.backbone = nn.ModuleList([cbl(3, 16, 3), cbl(16, 32, 3), cbl(32, 64, 3), cbl(64, 128, 3),
                                               cbl(128, 256, 3), cbl(256, 512, 3)])
                self.conv6, self.neck, self.conv8 = cbl(512, 1024, 3), cbl(1024, 256, 1), cbl(256, 512, 3)
                self.large = nn.Conv2d(512, 255, 1)
                self.conv10, self.conv11 = cbl(256, 128, 1), cbl(384, 256, 3)
                self.small = nn.Conv2d(256, 255, 1)
            def forward(self, x):
                for i, layer in enumerate(self.backbone):
                    x = layer(x)
                    if i == 4:
                        route = x
                    x = F.max_pool2d(x, 2) if i < 5 else F.max_pool2d(F.pad(x, (0, 1, 0, 1), mode="replicate"), 2, 1)
                neck = self.neck(self.conv6(x))
                large = self.large(self.conv8(neck))
                x = F.interpolate(self.conv10(neck), scale_factor=2, mode="nearest")
                return large, self.small(self.conv11(torch.cat([x, route], dim=1)))
        """
}
