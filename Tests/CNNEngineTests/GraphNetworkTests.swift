@testable import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNReference
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
        // Inference fuses conv + batchnorm (+ relu, leaky relu, relu6, silu; not gelu): plain and depthwise.
        "input 6x6x4\nconv 8 3x3 p1 nobias\nbatchnorm\nrelu6\nconv 8 3x3 g8 s2 same nobias\nbatchnorm eps=0.001\nrelu\n"
            + "conv 4 1x1\nbatchnorm\nleakyrelu 0.2\nconv 4 1x1 nobias\nbatchnorm\nsilu\nconv 4 1x1\nbatchnorm\ngelu",
        // ... but not where a value inside the group has another reader or is an output.
        "input 5x5x3\na: conv 4 3x3 p1\nbatchnorm\nrelu\nconcat @a\nconv 4 1x1\nb: batchnorm\nrelu6\nadd @b\n"
            + "conv 4 3x3 p1 relu\nbatchnorm\nconv 2 1x1\nbatchnorm",
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
        let expected = ReferenceNetwork.forwardAll(model: model, weights: weights.mapValues(\.scalars), input: input,
                                                   batch: batch)
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

    /// The groups inference fuses, and their buffers: the values inside a group share the buffer of
    /// its last value, which the conv writes, and stay apart from everything alive meanwhile.
    @Test func fusedGroupsAndTheirBuffers() throws {
        let model = try model(GraphNetworkTests.specs[GraphNetworkTests.specs.count - 1])
        let fusion = InferenceFusion(model)
        // a (conv1) is also read by concat: no group; conv2 + b fuse, but not relu61 (b is also read
        // by add); conv3 has a relu of its own; conv4 + batchnorm4 (the output) fuse.
        let groups = fusion.groups.map { [$0.convolution, $0.batchNorm, $0.activation ?? -1] }
        #expect(groups == [[4, 5, -1], [10, 11, -1]], "\(model.layers.map(\.name))")
        let chain = InferenceFusion(try self.model(GraphNetworkTests.specs[GraphNetworkTests.specs.count - 2]))
        #expect(chain.groups.map { [$0.convolution, $0.batchNorm, $0.activation ?? -1] }
            == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11], [12, 13, -1]])
        let plan = BufferPlan(reusing: model, fusion: fusion)
        let lastUses = model.lastUses
        for group in fusion.groups {
            let written = plan.slots[group.last + 1]
            #expect((group.convolution...group.last).allSatisfy { plan.slots[$0 + 1] == written })
            // Nothing alive while the conv runs (its inputs included) shares the written buffer.
            for value in 0...group.convolution where lastUses[value] >= group.convolution {
                #expect(plan.slots[value] != written)
            }
        }
        let unfused = BufferPlan(reusing: model)
        #expect(plan.elements <= unfused.elements)

        // The absorbed layers do not run: the profile gives them no time, their conv all of it.
        let network = Network(model: try self.model(GraphNetworkTests.specs[GraphNetworkTests.specs.count - 2]))
        network.startProfiling()
        _ = try network.forward(Tensor(shape: network.inputShape(batch: 1), scalars: randomValues(144, seed: 1)))
        let entries = try #require(network.profile?.entries)
        #expect(entries.map(\.kernel)[0...2] == ["gemm 8x8 + batchnorm + relu6", "in conv1", "in conv1"])
        #expect(chain.isAbsorbed.indices.allSatisfy { (entries[$0].seconds == 0) == chain.isAbsorbed[$0] })
    }

    /// After training steps (which move the batchnorm statistics and the weights) inference folds
    /// again: a trained network gives what a fresh one given its weights gives.
    @Test func foldsFollowTraining() throws {
        let model = try model(GraphNetworkTests.specs[GraphNetworkTests.specs.count - 2])
        let network = Network(model: model, seed: 3)
        let input = Tensor(shape: network.inputShape(batch: 2), scalars: randomValues(2 * model.input.elementCount, seed: 5))
        let before = try network.forward(input)
        _ = network.trainingOutput(input)
        var adam = Adam(learningRate: 0.05)
        _ = network.gradients(input: input, outputGradient: Tensor(shape: before.shape, scalars: before.scalars))
        adam.update(network.trainableParameters)
        network.parametersDidChange()
        let after = try network.forward(input)
        let fresh = Network(model: model, seed: 9)
        try fresh.load(weights: network.weights)
        #expect(after.scalars != before.scalars)
        expectClose(after.scalars, try fresh.forward(input).scalars, tolerance: 1e-6)
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
