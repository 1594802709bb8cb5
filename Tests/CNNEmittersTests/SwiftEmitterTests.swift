import CNNEmitters
import CNNEngine
import CNNExamples
import CNNFrontEnd
import CNNModel
import CNNReference
import CNNTestSupport
import Foundation
import Testing

/// `cnnc emit --target swift`: the committed examples in `Examples/Swift` (compiled as the
/// `CNNExamples` target) are exactly what the emitter writes today, and what they add to the
/// engine holds: the layer tables, the seed, loading and saving weights by name, the refusals.
@Suite struct SwiftEmitterTests {
    static let examples = GoldenFiles.repositoryRoot.appendingPathComponent("Examples/Swift")

    @Test(arguments: [("lenet5.cnn", "LeNet5.swift"), ("tour.cnn", "Tour.swift"), ("digits-resnet.cnn", "DigitsResnet.swift")])
    func examplesAreUpToDate(spec: String, file: String) throws {
        let source = try SpecFiles.text(of: spec)
        let model = try #require(Compiler.compile(source: source).model)
        let emitted = SwiftEmitter.emit(model, typeName: SwiftEmitter.typeName(forFile: file),
                                        specPath: "Specs/\(spec)", source: source)
        let url = Self.examples.appendingPathComponent(file)
        if GoldenFiles.isRecording {
            try emitted.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("rewrote Examples/Swift/\(file); run again without CNNC_RECORD=1")
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == emitted,
                "Examples/Swift/\(file) is stale: regenerate it with CNNC_RECORD=1 swift test")
    }

    /// The generated layer tables are the specs' models, with the weight names and shapes of the
    /// safetensors contract and the parameter count the spec's comment quotes from Keras.
    @Test func generatedLayerTablesAreTheSpecs() throws {
        let lenet = try LeNet5.model()
        #expect(lenet == (try #require(Compiler.compile(source: try SpecFiles.text(of: "lenet5.cnn")).model)))
        #expect(try Tour.model() == (try #require(Compiler.compile(source: try SpecFiles.text(of: "tour.cnn")).model)))
        #expect(lenet.parameterTensors.map(\.name) == ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                                                      "dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias",
                                                      "dense3.weight", "dense3.bias"])
        #expect(lenet.parameterTensors.map(\.shape) == [[6, 1, 5, 5], [6], [16, 6, 5, 5], [16], [128, 256], [128],
                                                       [84, 128], [84], [10, 84], [10]])
        #expect(lenet.parameterCount == 47_154)
        let source = try String(contentsOf: Self.examples.appendingPathComponent("LeNet5.swift"), encoding: .utf8)
        #expect(source.contains("input `[N, 28, 28, 1]` (NHWC float32), output `[N, 10]`.\n/// 47,154 parameters"))
    }

    /// `init(seed:)` hands its seed to the network: the engine's initialisation for that seed.
    @Test func theSeedReachesTheNetwork() throws {
        let model = try LeNet5.model()
        #expect(try LeNet5(seed: 21).network.weights == Network(model: model, seed: 21).weights)
        #expect(try LeNet5(seed: 21).network.weights != LeNet5(seed: 22).network.weights)
        #expect(try LeNet5().network.weights == Network(model: model, seed: 0).weights)
    }

    /// `init(weights:)` puts every tensor of a file (written by the tests' own safetensors writer)
    /// into the layer of its name, and the outputs are the reference forward pass's on those weights.
    @Test func weightsLoadByNameIntoTheirLayers() throws {
        let model = try LeNet5.model()
        let weights = TestWeights.random(for: model, seed: 5)
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("lenet5.safetensors")
        try TestWeights.safetensors(weights, model: model).write(to: url)
        let generated = try LeNet5(weights: url)
        for tensor in model.parameterTensors {
            #expect(generated.network.weights[tensor.name] == Tensor(shape: tensor.shape, scalars: weights[tensor.name]!),
                    "\(tensor.name)")
        }
        let input = TestWeights.input(count: 3 * 784, seed: 6)
        let output = try generated(Tensor(shape: [3, 28, 28, 1], scalars: input))
        #expect(output.shape == [3, 10])
        let expected = ReferenceNetwork.forward(model: model, weights: weights, input: input, batch: 3)
        #expect(isClose(output.scalars, expected), "\(output.scalars.prefix(4)) vs \(expected.prefix(4))")
    }

    /// Weights of another model and inputs of another shape are refused, naming what differs.
    @Test func weightsAndInputsOfAnotherShapeAreRefused() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tourWeights = folder.appendingPathComponent("tour.safetensors")
        try Tour(seed: 1).save(weights: tourWeights)
        do {
            _ = try LeNet5(weights: tourWeights)
            Issue.record("LeNet5 loaded Tour's weights")
        } catch {
            #expect("\(error)".contains("'conv1.weight': the model expects one of shape [6, 1, 5, 5]"), "\(error)")
        }
        #expect(throws: NetworkError.inputShape(expected: ["N", "28", "28", "1"], found: [2, 28, 28, 3])) {
            try LeNet5()(Tensor(shape: [2, 28, 28, 3], scalars: [Float](repeating: 0, count: 2 * 784 * 3)))
        }
    }

    /// `save(weights:)` writes the network's tensors, and `init(weights:)` reads them back.
    @Test func savedWeightsLoadBack() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tour = try Tour(seed: 8)
        let saved = folder.appendingPathComponent("tour.safetensors")
        try tour.save(weights: saved)
        #expect(try SafetensorsFile.read(from: saved).tensors == tour.network.weights)
        #expect(try Tour(weights: saved).network.weights == tour.network.weights)
        #expect(try Tour(weights: saved).network.weights != Tour(seed: 9).network.weights)
    }

    /// A graph's generated type builds the spec's model (block calls included) through `ModelBuilder`,
    /// and computes what the reference forward pass does on its seeded weights.
    @Test func aGraphsGeneratedTypeIsTheSpecsModel() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "digits-resnet.cnn")).model)
        #expect(try DigitsResnet.model() == model)
        #expect(try DigitsResnet.model().calls.map(\.name) == ["basic1", "down1"])
        let generated = try DigitsResnet(seed: 2)
        #expect(generated.network.weights == Network(model: model, seed: 2).weights)
        let input = TestWeights.input(count: 128, seed: 9)
        let output = try generated(Tensor(shape: [2, 8, 8, 1], scalars: input)).scalars
        let expected = ReferenceNetwork.forward(model: model, weights: generated.network.weights.mapValues(\.scalars),
                                                input: input, batch: 2)
        #expect(isClose(output, expected), "\(output.prefix(4)) vs \(expected.prefix(4))")
    }

    /// A type named like one the generated file uses (`struct Model`) would hide it and break the build.
    @Test(arguments: [("lenet5-classic.cnn", "Lenet5Classic"), ("Examples/Swift/LeNet5.swift", "LeNet5"),
                      ("9lives.cnn", "Model9lives"), ("--.cnn", "Net"), ("-", "Net"), ("vgg_16", "Vgg16"),
                      ("model.cnn", "ModelNet"), ("Network.swift", "NetworkNet"), ("dense.cnn", "DenseNet"),
                      ("tensor", "TensorNet"), ("self.cnn", "SelfNet"), ("type.cnn", "TypeNet"),
                      ("string.cnn", "StringNet"), ("café-net.cnn", "CafNet")])
    func typeNames(file: String, expected: String) {
        #expect(SwiftEmitter.typeName(forFile: file) == expected)
    }

    @Test func emitMakesAnyGivenTypeNameSafe() throws {
        let model = try ExampleModels.lenet5()
        #expect(SwiftEmitter.emit(model).contains("\npublic struct Net {\n"))
        #expect(SwiftEmitter.emit(model, typeName: "Model").contains("\npublic struct ModelNet {\n"))
        #expect(SwiftEmitter.emit(model, typeName: "my lenet").contains("\npublic struct MyLenet {\n"))
    }

    /// Every line break of the spec or path (CR, CRLF, U+2028 too) stays inside a `//` comment.
    @Test func headerKeepsTheSpecInComments() throws {
        let source = "input 28x28x1\rconv 6 5x5 relu\r\n\navgpool 2\u{2028}dense 10"
        let emitted = SwiftEmitter.emit(try ExampleModels.lenet5(), specPath: "odd\nname.cnn", source: source)
        let header = emitted.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.hasPrefix("import") }
        #expect(Array(header) == [
            "// Generated by `cnnc emit --target swift odd name.cnn`: edit the spec and emit again rather than editing this file.",
            "//", "// Spec:", "//     input 28x28x1", "//     conv 6 5x5 relu", "//", "//     avgpool 2", "//     dense 10", "",
        ])
    }
}
