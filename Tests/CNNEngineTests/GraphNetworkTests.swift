@testable import CNNEngine
import CNNFrontEnd
import CNNModel
import Testing

/// Graphs and the layers that came with them, on the engine, against the naive reference network.
@Suite struct GraphNetworkTests {
    static let specs = [
        // A residual block, a fire module, a squeeze-excitation gate, a vector concat.
        "input 6x6x4\nconv 4 3x3 p1 relu\nadd { conv 4 3x3 p1 nobias; batchnorm; relu; conv 4 3x3 p1 }\nrelu",
        "input 7x5x3\nconv 4 1x1 relu\nconcat { conv 3 1x1 relu } { conv 5 3x3 p1 relu }\nmaxpool 3 s2 ceil",
        "input 5x5x6\nmul { globalavgpool; conv 2 1x1 relu; conv 6 1x1 sigmoid }\nmul {} { tanh } {}",
        "input 3x3x2\na: flatten\nb: dense 4 tanh\nconcat @a @b\ndense 3 softmax",
        // Upsampling, transposed convolutions of every kind.
        "input 3x4x2\nupsample 2\nupsample 3x2 bilinear",
        "input 4x3x4\ndeconv 3 3x3 s2 p1 op1 relu",
        "input 3x3x4\ndeconv 4 2x2 s2 g2 nobias",
        "input 3x3x2\ndeconv 2 3x3 d2 p2 op1 silu",
        "input 5x5x3\ndeconv 3 4 s3 p2",
        // The newer activations, fused into convs and dense or alone.
        "input 4x4x3\nconv 4 3x3 p1 relu6\nconv 4 1x1 hardswish\nhardsigmoid\ngelu\nmish\ndense 5 silu",
        // A U-Net step: the encoder feature concatenated into the decoder; two outputs.
        "input 8x8x2\ne: conv 4 3x3 p1 relu\nmaxpool 2\nconv 8 3x3 p1 relu\nd: deconv 4 2 s2\nconcat @e\nh1: conv 2 1x1\n@d\nh2: conv 3 1x1\noutput @h1 @h2",
    ]

    private func model(_ spec: String) throws -> Model {
        try #require(Compiler.compile(source: spec).model, "\(spec)")
    }

    @Test(arguments: specs.indices)
    func forwardMatchesTheReference(index: Int) throws {
        let model = try model(GraphNetworkTests.specs[index])
        let network = Network(model: model, seed: 3)
        let weights = randomWeights(for: model, seed: 11)
        try network.load(weights: weights)
        let batch = 3
        let input = randomValues(batch * model.input.elementCount, seed: 21)
        let outputs = try network.forwardAll(Tensor(shape: network.inputShape(batch: batch), scalars: input))
        let expected = ReferenceNetwork.forwardAll(model: model, weights: weights, input: input, batch: batch)
        #expect(outputs.count == model.outputs.count)
        for (output, reference) in zip(outputs, expected) {
            expectClose(output.scalars, reference, tolerance: 1e-5, "\(GraphNetworkTests.specs[index])")
        }
        // Training keeps every value in a buffer of its own; without batch statistics (batchnorm)
        // its forward pass gives the same numbers.
        if !model.layers.contains(where: { if case .batchNorm = $0.operation { return true } else { return false } }) {
            expectClose(network.trainingOutput(Tensor(shape: network.inputShape(batch: batch), scalars: input)).scalars,
                        expected[0], tolerance: 1e-5)
        }
    }

    /// Inference buffers are reused once a value's last reader has run.
    @Test func buffersFollowThePeakNotTheSum() throws {
        let model = try model("input 8x8x4\nrepeat 6 { add { conv 4 3x3 p1 relu; conv 4 3x3 p1 } }\nrelu")
        let plan = BufferPlan(reusing: model)
        let sum = model.input.elementCount + model.layers.reduce(0) { $0 + $1.outputShape.elementCount }
        // At most the input and the peak: the input's buffer is reused too once nothing reads it.
        #expect(plan.elements <= model.input.elementCount + model.peakActivationElements)
        #expect(plan.elements * 4 < sum)
        // No layer writes into a buffer it reads, and no value is overwritten while a reader needs it.
        let lastUses = model.lastUses
        for (index, layer) in model.layers.enumerated() {
            let output = plan.slots[index + 1]
            #expect(!layer.inputs.map { plan.slots[$0.rawValue] }.contains(output))
            for value in 0...index where lastUses[value] > index {
                #expect(plan.slots[value] != output || value == index + 1)
            }
        }
        #expect(BufferPlan(keepingEverything: model).slots == Array(0...model.layers.count))
    }

    /// A chain's buffers: two alternate, the input's among them, as in any inference engine.
    @Test func aChainNeedsTwoBuffers() throws {
        let model = try Model(input: .image(height: 4, width: 4, channels: 2),
                              operations: Array(repeating: .activation(.relu), count: 6))
        #expect(BufferPlan(reusing: model).slots == [0, 1, 0, 1, 0, 1, 0])
    }
}
