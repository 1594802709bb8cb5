import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNInterchange
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// spec -> ONNX -> import gives the same model (the same operations reading the same values,
/// the same names where the spec has no block calls, whose dotted names become `fire2_conv1`)
/// and the same numbers from the same weights; no Python needed.
@Suite struct ONNXRoundTripTests {
    static let cases = PyTorchAgreementTests.mixedSpecs.indices.map { "mixed\($0)" }
        + PyTorchAgreementTests.graphSpecs.indices.map { "graph\($0)" }
        + EverySpecTests.names.filter { name in
            ((try? EverySpecTests.smallest(name).model.parameterCount) ?? 0) < 10_000_000
        }

    @Test(arguments: cases)
    func importingTheExportGivesTheModelBack(_ name: String) throws {
        let model: Model
        if name.hasPrefix("mixed") || name.hasPrefix("graph") {
            let index = try #require(Int(name.dropFirst(5)))
            let text = name.hasPrefix("mixed") ? PyTorchAgreementTests.mixedSpecs[index] : PyTorchAgreementTests.graphSpecs[index]
            model = try #require(Compiler.compile(source: text).model)
        } else {
            model = try EverySpecTests.smallest(name).model
        }
        let weights = PyTorchAgreementTests.randomWeights(for: model)
        let bytes = try ONNXExporter.export(model, weights: weights).serialized()
        let imported = try ONNXImporter.importModel(bytes: bytes, path: "\(name).onnx")

        // ONNX keeps padding as pixels (`same` by name where it can) and fixed filters as plain weights.
        let layers = imported.model.layers, originals = model.layers
        #expect(layers.count == originals.count, "\(name)")
        for (layer, original) in zip(layers, originals) {
            #expect(Self.unspelled(layer.operation) == Self.unspelled(original.operation), "\(name): \(original.name)")
        }
        #expect(layers.map(\.padding) == originals.map(\.padding), "\(name)")
        #expect(layers.map(\.inputs) == originals.map(\.inputs), "\(name)")
        #expect(layers.map(\.outputShape) == originals.map(\.outputShape), "\(name)")
        #expect(imported.model.outputs.map(\.value) == model.outputs.map(\.value), "\(name)")
        #expect(imported.model.parameterCount == model.parameterCount, "\(name)")
        if model.calls.isEmpty {
            #expect(layers.map(\.name) == originals.map(\.name), "\(name)")
            #expect(imported.weights == weights, "\(name)")
        }
        // The spec it writes compiles back to the imported model.
        #expect(Compiler.compile(source: imported.specText).model == imported.model, "\(name)")

        let original = Network(model: model), back = Network(model: imported.model)
        try original.load(weights: weights)
        try back.load(weights: try #require(imported.weights))
        let x = PyTorchAgreementTests.random(shape: [1] + model.input.dimensions, seed: 3, range: 0...1)
        #expect(try back.forwardAll(x).map(\.scalars) == original.forwardAll(x).map(\.scalars), "\(name)")
    }

    /// The operation without how its padding was spelled (compared as resolved pixels), a fixed
    /// filter or an explicit `linear`.
    static func unspelled(_ operation: CNNModel.Operation) -> CNNModel.Operation {
        switch operation {
        case var .convolution(conv):
            conv.padding = .valid
            if conv.activation == .linear { conv.activation = nil }
            conv.fixedFilter = nil
            return .convolution(conv)
        case var .pooling(pool):
            pool.padding = .valid
            pool.ceilMode = false
            return .pooling(pool)
        case var .dense(dense):
            if dense.activation == .linear { dense.activation = nil }
            return .dense(dense)
        case var .deconvolution(deconv):
            if deconv.activation == .linear { deconv.activation = nil }
            return .deconvolution(deconv)
        default:
            return operation
        }
    }
}
