import Testing
@testable import CNNModel

private func conv(_ filters: Int, _ kernel: Int, stride: Int = 1, padding: PaddingMode = .valid) -> Operation {
    .convolution(Convolution(filters: filters, kernel: Size2(square: kernel), stride: Size2(square: stride),
                             padding: padding))
}

private func image(_ h: Int, _ w: Int, _ c: Int) -> Shape { .image(height: h, width: w, channels: c) }

/// The builder: one place for names, shapes and totals, for chains and graphs alike.
@Suite struct ModelBuilderTests {
    /// A residual block: `x + conv(conv(x))`, then a 1x1 projection read from the input.
    @Test func aResidualGraph() throws {
        var builder = try ModelBuilder(input: image(8, 8, 4))
        let a = try #require(builder.add(conv(4, 3, padding: .same), named: nil, inputs: [.input]).value)
        let b = try #require(builder.add(conv(4, 3, padding: .same), named: "b", inputs: [a]).value)
        let sum = builder.add(.merge(.add), named: nil, inputs: [.input, b])
        #expect(sum.name == "add1" && sum.problems.isEmpty)
        let projection = try #require(builder.add(conv(2, 1), named: nil, inputs: [.input]).value)
        let model = try builder.build(outputs: [Model.Output(name: "add1", value: try #require(sum.value)),
                                                Model.Output(name: "conv3", value: projection)])
        // Automatic names count every layer of a keyword, named or not: `b` was the second conv.
        #expect(model.layers.map(\.name) == ["conv1", "b", "add1", "conv3"])
        #expect(model.layers.map(\.inputs) == [[.input], [ValueID(layer: 0)], [.input, ValueID(layer: 1)], [.input]])
        #expect(model.readers == [[0, 2, 3], [1], [2], [], []])
        #expect(model.lastUses == [3, 1, 2, 4, 4])
        #expect(!model.isChain)
        #expect(model.outputs.map { model.shape(of: $0.value) } == [image(8, 8, 4), image(8, 8, 2)])
        // conv1 and b (256 each) while b runs, b and add1 while add1 runs, then add1 and conv3 (128).
        #expect(model.peakActivationElements == 512)
    }

    @Test func aChainIsTheSpecialCase() throws {
        let model = try Model(input: image(8, 8, 1), operations: [conv(2, 3), .activation(.relu), .flatten])
        #expect(model.isChain)
        #expect(model.outputs == [Model.Output(name: "flatten1", value: ValueID(layer: 2))])
        #expect(model.output == .vector(72))
        // The peak of a chain: a layer's input and output, here conv1 and relu1.
        #expect(model.peakActivationElements == 72 + 72)
    }

    @Test func namesInsideCallsArePrefixedAndCountedPerCall() throws {
        var builder = try ModelBuilder(input: image(4, 4, 2))
        var current = ValueID.input
        for name in [nil, "e1", nil] as [String?] {
            let call = builder.beginCall("pair", arguments: [2], named: name)
            #expect(call.problems.isEmpty)
            #expect(builder.scopePrefix == call.name + ".")
            current = try #require(builder.add(conv(2, 1), named: nil, inputs: [current]).value)
            current = try #require(builder.add(conv(2, 1), named: "x", inputs: [current]).value)
            builder.endCall(output: current)
        }
        let model = try builder.build()
        #expect(model.layers.map(\.name) == ["pair1.conv1", "pair1.x", "e1.conv1", "e1.x", "pair3.conv1", "pair3.x"])
        #expect(model.calls.map(\.name) == ["pair1", "e1", "pair3"])
        #expect(model.calls.map(\.layers) == [0..<2, 2..<4, 4..<6])
        #expect(model.layers.map(\.call) == [0, 0, 1, 1, 2, 2])
        #expect(builder.lookUp("e1") == .value(ValueID(layer: 3)))
        #expect(builder.lookUp("e1.conv1") == .value(ValueID(layer: 2)))
    }

    @Test func nestedCallsRememberTheirParentAndDepth() throws {
        var builder = try ModelBuilder(input: image(4, 4, 2))
        _ = builder.beginCall("stage", arguments: [], named: nil)
        _ = builder.beginCall("unit", arguments: [1, 2], named: nil)
        let inner = try #require(builder.add(.activation(.relu), named: nil, inputs: [.input]).value)
        builder.endCall(output: inner)
        builder.endCall(output: inner)
        let model = try builder.build()
        #expect(model.layers.map(\.name) == ["stage1.unit1.relu1"])
        #expect(model.calls.map(\.parent) == [nil, 0])
        #expect(model.calls.map(\.depth) == [1, 2])
        #expect(model.calls[1].arguments == [1, 2])
    }

    @Test func aDuplicateNameIsAProblemButTheLayerIsStillAdded() throws {
        var builder = try ModelBuilder(input: image(4, 4, 1))
        _ = builder.add(.activation(.relu), named: "r", inputs: [.input])
        let second = builder.add(.activation(.relu), named: "r", inputs: [.input])
        #expect(second.problems == [.duplicateName("r")])
        #expect(second.value == ValueID(layer: 1))
        #expect(builder.lookUp("r") == .value(ValueID(layer: 0)))
        #expect(throws: ModelError.duplicateName("r")) { try builder.build() }
        let reserved = builder.add(.activation(.relu), named: "input", inputs: [.input])
        #expect(reserved.problems == [.reservedName("input")])
        #expect(builder.lookUp("input") == .value(.input))
    }

    @Test func aLayerThatBreaksAShapeRuleIsNotAdded() throws {
        var builder = try ModelBuilder(input: image(4, 4, 1))
        let added = builder.add(conv(1, 5), named: nil, inputs: [.input])
        #expect(added.value == nil)
        #expect(builder.layers.isEmpty)
        #expect(builder.lookUp("conv1") == .failed)
        let failedCall = builder.beginCall("b", arguments: [], named: nil)
        builder.endCall(output: nil)
        #expect(builder.problems.last == .failedCall(failedCall.name))
    }

    @Test func outputsMustBeKnownAndDistinct() throws {
        var builder = try ModelBuilder(input: image(4, 4, 1))
        let relu = try #require(builder.add(.activation(.relu), named: nil, inputs: [.input]).value)
        #expect(throws: ModelError.badOutput("b")) {
            try builder.build(outputs: [Model.Output(name: "a", value: relu), Model.Output(name: "b", value: relu)])
        }
        #expect(throws: ModelError.badOutput("z")) {
            try builder.build(outputs: [Model.Output(name: "z", value: ValueID(rawValue: 9))])
        }
    }
}

/// The merges' shape rules.
@Suite struct MergeShapeRules {
    private func merge(_ kind: MergeKind, _ shapes: [Shape]) throws(ShapeError) -> Shape {
        try Layer(name: "m", operation: .merge(kind), inputs: shapes.indices.map { ValueID(rawValue: $0) },
                  shapes: shapes).outputShape
    }

    @Test func addNeedsOneShape() throws {
        #expect(try merge(.add, [image(4, 4, 8), image(4, 4, 8), image(4, 4, 8)]) == image(4, 4, 8))
        #expect(throws: ShapeError.operandsDiffer(.add, first: 0, second: 2, image(4, 4, 8), image(4, 4, 9))) {
            try merge(.add, [image(4, 4, 8), image(4, 4, 8), image(4, 4, 9)])
        }
    }

    @Test func concatStacksChannelsOrFeatures() throws {
        #expect(try merge(.concat, [image(4, 4, 8), image(4, 4, 3), image(4, 4, 5)]) == image(4, 4, 16))
        #expect(try merge(.concat, [.vector(3), .vector(4)]) == .vector(7))
        #expect(throws: ShapeError.operandsDiffer(.concat, first: 0, second: 1, image(4, 4, 8), image(4, 2, 8))) {
            try merge(.concat, [image(4, 4, 8), image(4, 2, 8)])
        }
        #expect(throws: ShapeError.operandsDiffer(.concat, first: 0, second: 1, image(1, 1, 8), .vector(8))) {
            try merge(.concat, [image(1, 1, 8), .vector(8)])
        }
        #expect(throws: ShapeError.sizeTooLarge(what: "the channels of this concat", size: 1 << 25)) {
            try merge(.concat, [image(1, 1, 1 << 24), image(1, 1, 1 << 24)])
        }
    }

    @Test func mulBroadcastsAGate() throws {
        #expect(try merge(.mul, [image(4, 4, 8), image(1, 1, 8)]) == image(4, 4, 8))
        #expect(try merge(.mul, [image(1, 1, 8), image(4, 4, 8)]) == image(4, 4, 8))
        #expect(try merge(.mul, [image(1, 1, 8), image(1, 1, 8)]) == image(1, 1, 8))
        #expect(try merge(.mul, [.vector(8), .vector(8)]) == .vector(8))
        #expect(throws: ShapeError.operandsDiffer(.mul, first: 0, second: 1, image(4, 4, 8), image(1, 1, 4))) {
            try merge(.mul, [image(4, 4, 8), image(1, 1, 4)])
        }
        #expect(throws: ShapeError.operandsDiffer(.mul, first: 0, second: 1, image(4, 4, 8), image(2, 2, 8))) {
            try merge(.mul, [image(4, 4, 8), image(2, 2, 8)])
        }
    }

    @Test func aMergeNeedsTwoOperandsAndOtherLayersOne() {
        #expect(throws: ShapeError.inputCount(keyword: "add", expected: "two or more operands", found: 1)) {
            try merge(.add, [image(4, 4, 8)])
        }
        #expect(throws: ShapeError.inputCount(keyword: "relu", expected: "one input", found: 2)) {
            try Layer(name: "r", operation: .activation(.relu), inputs: [.input, .input], shapes: [.vector(2), .vector(2)])
        }
    }
}

/// Transposed convolutions, upsampling and ceil pooling, against PyTorch's formulas.
@Suite struct NewLayerShapeRules {
    /// (n, k, s, p, op, d) -> PyTorch's `ConvTranspose2d` output `(n-1)s - 2p + d(k-1) + op + 1`.
    @Test(arguments: [
        (7, 4, 2, 1, 0, 1, 14), (7, 3, 2, 1, 1, 1, 14), (5, 3, 1, 0, 0, 1, 7), (5, 3, 1, 1, 0, 1, 5),
        (4, 2, 2, 0, 0, 1, 8), (3, 3, 2, 0, 0, 2, 9), (1, 1, 1, 0, 0, 1, 1), (6, 5, 3, 2, 2, 1, 18),
    ])
    func deconvolutionOutput(_ n: Int, _ k: Int, _ s: Int, _ p: Int, _ op: Int, _ d: Int, _ expected: Int) throws {
        let deconv = Deconvolution(filters: 6, kernel: Size2(square: k), stride: Size2(square: s),
                                   padding: Size2(square: p), outputPadding: Size2(square: op),
                                   dilation: Size2(square: d), groups: 2)
        let layer = try Layer(name: "d", operation: .deconvolution(deconv), input: image(n, n, 4))
        #expect(layer.outputShape == image(expected, expected, 6))
        // Weights [C, F/g, KH, KW] as ConvTranspose2d, one bias per filter.
        #expect(layer.parameterTensors.map(\.shape) == [[4, 3, k, k], [6]])
        #expect(layer.parameterCount == 4 * 3 * k * k + 6)
        #expect(layer.macs == n * n * 4 * 3 * k * k)
    }

    @Test func deconvolutionRules() {
        func deconv(_ op: Int, stride: Int, padding: Int = 0) -> Operation {
            .deconvolution(Deconvolution(filters: 2, kernel: Size2(square: 3), stride: Size2(square: stride),
                                         padding: Size2(square: padding), outputPadding: Size2(square: op)))
        }
        #expect(throws: ShapeError.outputPaddingTooLarge(outputPadding: Size2(2, 2), stride: Size2(2, 2), dilation: .one)) {
            try Layer(name: "d", operation: deconv(2, stride: 2), input: image(4, 4, 1))
        }
        #expect(throws: ShapeError.deconvolutionEmpty(output: Size2(-2, -2))) {
            try Layer(name: "d", operation: deconv(0, stride: 1, padding: 3), input: image(2, 2, 1))
        }
    }

    @Test func upsampleMultipliesEachAxis() throws {
        let layer = try Layer(name: "u", operation: .upsample(Upsample(factor: Size2(2, 3), mode: .bilinear)),
                              input: image(5, 4, 3))
        #expect(layer.outputShape == image(10, 12, 3))
        #expect(layer.parameterCount == 0 && layer.macs == 0)
        #expect(throws: ShapeError.sizeTooLarge(what: "the output height of this upsample", size: 1 << 25)) {
            try Layer(name: "u", operation: .upsample(Upsample(factor: Size2(2, 2))), input: image(1 << 24, 1, 1))
        }
        #expect(throws: ShapeError.needsImageInput(keyword: "upsample", found: .vector(3))) {
            try Layer(name: "u", operation: .upsample(Upsample(factor: Size2(2, 2))), input: .vector(3))
        }
    }

    /// (n, k, s, p) -> PyTorch's `MaxPool2d(..., ceil_mode=True)` output; the last window must
    /// start inside the input or its left padding (torch/nn/functional pooling_output_shape).
    @Test(arguments: [
        (112, 3, 2, 0, 56), (55, 3, 2, 0, 27), (56, 3, 2, 0, 28), (5, 2, 2, 0, 3), (6, 2, 2, 0, 3),
        (5, 3, 2, 1, 3), (4, 3, 3, 1, 2), (7, 2, 3, 1, 3), (13, 3, 2, 0, 6), (14, 3, 2, 0, 7),
    ])
    func ceilPooling(_ n: Int, _ k: Int, _ s: Int, _ p: Int, _ expected: Int) throws {
        let pool = Pooling(kind: .max, window: Size2(square: k), stride: Size2(square: s),
                           padding: p == 0 ? .valid : .explicit(Size2(square: p)), ceilMode: true)
        let layer = try Layer(name: "p", operation: .pooling(pool), input: image(n, n, 1))
        #expect(layer.outputShape == image(expected, expected, 1))
        // The last window ends inside the padding the layer reports, never past it.
        #expect((expected - 1) * s + k <= n + layer.padding.top + layer.padding.bottom)
        #expect(layer.padding.top == p)
    }

    @Test func batchNormSettingsAreChecked() {
        #expect(throws: ShapeError.batchNormSetting(.epsilon, 0)) {
            try Layer(name: "b", operation: .batchNorm(BatchNorm(epsilon: 0)), input: image(2, 2, 2))
        }
        #expect(throws: ShapeError.batchNormSetting(.momentum, 1.5)) {
            try Layer(name: "b", operation: .batchNorm(BatchNorm(momentum: 1.5)), input: image(2, 2, 2))
        }
    }
}

@Suite struct GraphReceptiveFields {
    /// A merge sees the most any operand sees: here the 3x3-then-3x3 branch (5x5), not the skip (1x1).
    @Test func aMergeTakesItsWidestOperand() throws {
        var builder = try ModelBuilder(input: image(16, 16, 1))
        let a = try #require(builder.add(conv(1, 3, padding: .same), named: nil, inputs: [.input]).value)
        let b = try #require(builder.add(conv(1, 3, padding: .same), named: nil, inputs: [a]).value)
        let sum = try #require(builder.add(.merge(.add), named: nil, inputs: [.input, b]).value)
        let pooled = try #require(builder.add(.pooling(Pooling(kind: .max, window: Size2(square: 2))), named: nil,
                                              inputs: [sum]).value)
        _ = builder.add(.upsample(Upsample(factor: Size2(square: 2), mode: .bilinear)), named: nil, inputs: [pooled])
        let fields = try builder.build().receptiveFields
        #expect(fields.map(\.field.height) == [3, 5, 5, 6, 8])
        #expect(fields.map(\.jumpHeight) == [1, 1, 1, 2, 1])
    }

    @Test func aTransposedConvolutionHalvesTheJump() throws {
        let deconv = Deconvolution(filters: 1, kernel: Size2(square: 4), stride: Size2(square: 2), padding: Size2(1, 1))
        let model = try Model(input: image(8, 8, 1), operations: [conv(1, 3, stride: 2), .deconvolution(deconv)])
        #expect(model.receptiveFields.map(\.jumpHeight) == [2, 1])
        #expect(model.receptiveFields.map(\.height) == [3, 6])
    }
}
