import CNNEmitters
import CNNEngine
import CNNExamples
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// `cnnc emit --target swift`: the committed examples in `Examples/Swift` (compiled as the
/// `CNNExamples` target) are exactly what the emitter writes today, and compute what the engine does.
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

    /// The generated types build the same model as the spec and give the engine's numbers.
    @Test func generatedTypesComputeWhatTheEngineComputes() throws {
        let lenetModel = try #require(Compiler.compile(source: try SpecFiles.text(of: "lenet5.cnn")).model)
        #expect(try LeNet5.model() == lenetModel)
        let tourModel = try #require(Compiler.compile(source: try SpecFiles.text(of: "tour.cnn")).model)
        #expect(try Tour.model() == tourModel)

        // Weights saved by the engine (what `cnnc train --save` writes), loaded by the generated type.
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let weights = folder.appendingPathComponent("lenet5.safetensors")
        let engine = Network(model: lenetModel, seed: 21)
        try engine.save(safetensorsAt: weights)
        let generated = try LeNet5(weights: weights)
        var random = SeededGenerator(seed: 4)
        let input = Tensor(shape: [3, 28, 28, 1], scalars: (0..<3 * 784).map { _ in random.nextUnit() })
        #expect(try generated(input) == engine.forward(input))

        let tour = try Tour(seed: 8)
        let tourEngine = Network(model: tourModel, seed: 8)
        let tourInput = Tensor(shape: [2, 32, 32, 3], scalars: (0..<2 * 3072).map { _ in random.nextUnit() })
        #expect(try tour(tourInput) == tourEngine.forward(tourInput))
        let saved = folder.appendingPathComponent("tour.safetensors")
        try tour.save(weights: saved)
        #expect(try SafetensorsFile.read(from: saved).tensors == tourEngine.weights)
    }

    /// A graph's generated type builds the spec's model (block calls included) through `ModelBuilder`.
    @Test func aGraphsGeneratedTypeIsTheSpecsModel() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "digits-resnet.cnn")).model)
        #expect(try DigitsResnet.model() == model)
        #expect(try DigitsResnet.model().calls.map(\.name) == ["basic1", "down1"])
        let generated = try DigitsResnet(seed: 2)
        var random = SeededGenerator(seed: 9)
        let input = Tensor(shape: [2, 8, 8, 1], scalars: (0..<128).map { _ in random.nextUnit() })
        #expect(try generated(input) == Network(model: model, seed: 2).forward(input))
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
