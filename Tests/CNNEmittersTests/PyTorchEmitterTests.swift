import CNNTestSupport
import CNNEmitters
import CNNModel
import Foundation
import Testing

@Suite struct PyTorchEmitterTests {
    static let lenetSource = """
        input 28x28x1
        conv 6 5x5 same relu; avgpool 2
        conv 16 5x5 relu; avgpool 2
        dense 120 relu; dense 84 relu; dense 10 softmax
        """

    @Test func goldenModules() throws {
        for (name, model) in try ExampleModels.all() {
            let source = name == "lenet5" ? PyTorchEmitterTests.lenetSource : nil
            Golden.check(PyTorchEmitter.emitModule(model, source: source), against: "\(name).py")
        }
    }

    @Test func goldenTrainingScript() throws {
        let script = try PyTorchEmitter.emitTrainingScript(try ExampleModels.lenet5(),
                                                           source: PyTorchEmitterTests.lenetSource)
        Golden.check(script, against: "lenet5_train_ddp.py")
    }

    @Test func trainingNeedsClassScores() throws {
        let model = try Model(input: .image(height: 9, width: 10, channels: 3),
                              operations: [ExampleModels.conv(2, 3, .same, fixed: .sobel)])
        #expect(throws: PyTorchEmitterError.notAClassifier(output: .image(height: 9, width: 10, channels: 2))) {
            try PyTorchEmitter.emitTrainingScript(model)
        }
        #expect(PyTorchEmitterError.notAClassifier(output: .image(height: 9, width: 10, channels: 2)).description
            == "the training script needs class scores at the end of the network, but its output is 9x10x2;"
            + " end the spec with a dense layer (e.g. `dense 10 softmax`) or a global pooling")
    }

    /// The padding decisions, line by line: module arguments where PyTorch can, explicit padding elsewhere.
    @Test func paddingGoesWherePyTorchCanTakeIt() throws {
        let asymmetric = PyTorchEmitter.emitModule(try ExampleModels.asymmetricSame())
        #expect(asymmetric.contains("        x = F.pad(x, (1, 2, 1, 2))  # zeros; 'same' puts the odd pixel after"))
        #expect(asymmetric.contains("        self.conv2 = nn.Conv2d(3, 4, kernel_size=3, stride=2)\n"))
        #expect(asymmetric.contains("        x = F.pad(x, (0, 1, 1, 1))  # zeros"))
        #expect(asymmetric.contains("        x = F.pad(x, (0, 1, 0, 1), value=float(\"-inf\"))"))
        #expect(asymmetric.contains("        x = average_excluding_padding(x, self.avgpool1, (0, 1, 0, 1))"))
        let mixed = PyTorchEmitter.emitModule(try ExampleModels.mixed())
        #expect(mixed.contains("self.conv1 = nn.Conv2d(4, 8, kernel_size=3, padding=1, groups=2, bias=False)"))
        #expect(mixed.contains("self.maxpool1 = nn.MaxPool2d(2, padding=1)"))
        #expect(mixed.contains("x = average_excluding_padding(x, self.avgpool1, (2, 2, 2, 2))"))
        let lenet = PyTorchEmitter.emitModule(try ExampleModels.lenet5())
        #expect(lenet.contains("self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)"))
        #expect(!lenet.contains("average_excluding_padding"))
    }

    /// Names Python cannot spell as attributes still become the state_dict prefix.
    @Test func unusualLayerNamesAreRegisteredByName() throws {
        let model = try Model(input: .vector(4), layers: [
            (name: "fc-1", operation: .dense(Dense(units: 3))), (name: "forward", operation: .dense(Dense(units: 2))),
        ])
        let module = PyTorchEmitter.emitModule(model)
        #expect(module.contains("self.add_module(\"fc-1\", nn.Linear(4, 3))"))
        #expect(module.contains("x = getattr(self, \"forward\")(x)"))
    }

    @Test(.enabled(if: Python.isAvailable, "needs python3 to check the syntax"))
    func emittedPythonCompiles() throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (name, model) in try ExampleModels.all() {
            let url = directory.appendingPathComponent("\(name).py")
            try PyTorchEmitter.emitModule(model).write(to: url, atomically: true, encoding: .utf8)
            files.append(url.path)
        }
        let trainer = directory.appendingPathComponent("train_ddp.py")
        try PyTorchEmitter.emitTrainingScript(try ExampleModels.mixed()).write(to: trainer, atomically: true, encoding: .utf8)
        files.append(trainer.path)
        for file in files {
            let result = try Python.run(["-m", "py_compile", file])
            #expect(result.status == 0, "\(file): \(result.errors)")
        }
    }
}
