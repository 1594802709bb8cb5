import CNNFrontEnd
import CNNModel
import Testing

/// Merges, references, outputs and blocks build the graph the language promises.
@Suite struct GraphSyntaxTests {
    private func model(_ source: String) throws -> Model {
        let result = Compiler.compile(source: source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        return try #require(result.model)
    }

    /// The names of the values each layer reads.
    private func inputs(_ model: Model) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: model.layers.map { ($0.name, $0.inputs.map(model.name(of:))) })
    }

    @Test func oneOperandMergesWithTheCurrentValue() throws {
        let model = try model("input 8x8x4\nconv 4 3x3 p1\nadd { conv 4 3x3 p1; relu }\nconcat @conv1\n")
        #expect(inputs(model)["add1"] == ["conv1", "relu1"])
        #expect(inputs(model)["concat1"] == ["add1", "conv1"])
        #expect(model.layers.last?.outputShape == .image(height: 8, width: 8, channels: 8))
    }

    @Test func severalOperandsAreTheOperandsInOrder() throws {
        let model = try model("""
            input 8x8x4
            a: conv 2 1x1
            b: conv 3 1x1
            concat @b @a
            add {} { conv 5 1x1 }
            mul { conv 5 1x1 }
                { globalavgpool; conv 5 1x1 sigmoid }
            """)
        #expect(inputs(model)["concat1"] == ["b", "a"])
        #expect(inputs(model)["add1"] == ["concat1", "conv3"])
        #expect(inputs(model)["mul1"] == ["conv4", "conv5"])
        #expect(model.output == .image(height: 8, width: 8, channels: 5))
    }

    @Test func operandsGoOnOnTheNextLinesAndBranchesNest() throws {
        let model = try model("""
            input 8x8x2
            concat
              { conv 2 1x1 }
              {
                add { conv 2 3x3 p1 }
              }
              @input
            """)
        #expect(inputs(model)["concat1"] == ["conv1", "add1", "input"])
        #expect(inputs(model)["add1"] == ["input", "conv2"])
        #expect(model.output == .image(height: 8, width: 8, channels: 6))
    }

    @Test func aReferenceContinuesTheChainAndOutputsAreListed() throws {
        let model = try model("""
            input 16x16x3
            trunk: conv 8 3x3 p1
            head1: conv 2 1x1
            @trunk
            maxpool 2
            head2: conv 2 1x1
            output @head1 @head2
            """)
        #expect(inputs(model)["maxpool1"] == ["trunk"])
        #expect(model.outputs.map(\.name) == ["head1", "head2"])
        #expect(model.outputs.map { model.shape(of: $0.value) } == [.image(height: 16, width: 16, channels: 2),
                                                                    .image(height: 8, width: 8, channels: 2)])
    }

    @Test func aLayerMayStillBeCalledOutput() throws {
        let model = try model("input 4x4\noutput: dense 3\n")
        #expect(model.layers.map(\.name) == ["output"])
    }

    @Test func blockCallsNameTheirLayersAndTheirOutput() throws {
        let model = try model("""
            input 8x8x3
            def fire s e {
              conv $s 1x1 relu
              concat { conv $e 1x1 relu } { conv $e 3x3 p1 relu }
            }
            fire 4 8
            f2: fire 4 8
            fire 2 4
            concat @f2 @f2.conv1 {}
            """)
        #expect(model.layers.prefix(5).map(\.name) == ["fire1.conv1", "fire1.conv2", "fire1.conv3", "fire1.concat1",
                                                       "f2.conv1"])
        #expect(model.calls.map(\.name) == ["fire1", "f2", "fire3"])
        #expect(model.calls.map(\.arguments) == [[4, 8], [4, 8], [2, 4]])
        #expect(inputs(model)["concat1"] == ["f2.concat1", "f2.conv1", "fire3.concat1"])
        #expect(model.parameterTensors.first?.name == "fire1.conv1.weight")
        #expect(model.output == .image(height: 8, width: 8, channels: 16 + 4 + 8))
    }

    @Test func parametersStandWhereverAnIntegerMay() throws {
        let model = try model("""
            input 32x32x8
            def all f k s p g d n w r {
              conv $f $k s$s p$p g$g d$d
              maxpool $w
              repeat $r { relu }
              dense $n
            }
            all 16 5 2 2 4 2 10 2 3
            """)
        let conv = Convolution(filters: 16, kernel: Size2(square: 5), stride: Size2(square: 2), dilation: Size2(square: 2),
                               groups: 4, padding: .explicit(Size2(square: 2)))
        #expect(model.layers.map(\.operation) == [
            .convolution(conv), .pooling(Pooling(kind: .max, window: Size2(square: 2))),
            .activation(.relu), .activation(.relu), .activation(.relu), .dense(Dense(units: 10)),
        ])
        // floor((32 + 4 - 9) / 2) + 1 = 14, pooled by 2: 7.
        #expect(model.layers[1].outputShape == .image(height: 7, width: 7, channels: 16))
    }

    @Test func blocksCallEarlierBlocksAndPassTheirParameters() throws {
        let model = try model("""
            input 8x8x4
            def unit f { conv $f 3x3 p1; relu }
            def stage f n { repeat $n { unit $f } }
            stage 4 2
            s: stage 8 1
            """)
        #expect(model.layers.map(\.name) == ["stage1.unit1.conv1", "stage1.unit1.relu1", "stage1.unit2.conv1",
                                             "stage1.unit2.relu1", "s.unit1.conv1", "s.unit1.relu1"])
        #expect(model.calls.map(\.depth) == [1, 2, 2, 1, 2])
        #expect(model.calls.map(\.parent) == [nil, 0, 0, nil, 3])
        #expect(model.output == .image(height: 8, width: 8, channels: 8))
    }

    @Test func theModelInputCanBeReferenced() throws {
        let model = try model("input 8x8x3\nconv 3 3x3 p1\nadd @input\n")
        #expect(inputs(model)["add1"] == ["conv1", "input"])
    }

    @Test func layerRangesPointIntoTheBlockBody() throws {
        let result = Compiler.compile(source: "input 8x8\ndef b { relu; tanh }\nb\nb\n")
        #expect(result.layerRanges.map(\.start.line) == [2, 2, 2, 2])
        #expect(result.layerRanges.map(\.start.column) == [9, 15, 9, 15])
    }

    @Test(arguments: [
        ("deconv 4 3x3 s2 p1 op1 d1 g2 relu nobias",
         Operation.deconvolution(Deconvolution(filters: 4, kernel: Size2(square: 3), stride: Size2(square: 2),
                                               padding: Size2(square: 1), outputPadding: Size2(square: 1),
                                               groups: 2, bias: false, activation: .relu))),
        ("upsample 2", .upsample(Upsample(factor: Size2(square: 2)))),
        ("upsample 2x3 bilinear", .upsample(Upsample(factor: Size2(2, 3), mode: .bilinear))),
        ("upsample 2 nearest", .upsample(Upsample(factor: Size2(square: 2)))),
        ("maxpool 3 s2 ceil", .pooling(Pooling(kind: .max, window: Size2(square: 3), stride: Size2(square: 2),
                                               ceilMode: true))),
        ("batchnorm eps=0.001", .batchNorm(BatchNorm(epsilon: 0.001))),
        ("batchnorm momentum=0.01 eps=1e-3", .batchNorm(BatchNorm(epsilon: 0.001, momentum: 0.01))),
        ("relu6", .activation(.relu6)), ("silu", .activation(.silu)), ("swish", .activation(.silu)),
        ("hardswish", .activation(.hardSwish)), ("hardsigmoid", .activation(.hardSigmoid)),
        ("gelu", .activation(.gelu)), ("mish", .activation(.mish)),
        ("conv 4 1x1 swish", .convolution(Convolution(filters: 4, kernel: .one, activation: .silu))),
        ("dense 4 gelu", .dense(Dense(units: 4, activation: .gelu))),
    ])
    func newLayersAndOptions(_ text: String, _ expected: Operation) throws {
        let model = try model("input 8x8x4\n\(text)\n")
        #expect(model.layers.last?.operation == expected)
    }

    @Test func theSummaryCollapsesCallsBelowTheDepth() throws {
        let model = try model("""
            input 8x8x4
            def unit f { conv $f 3x3 p1; relu }
            def stage f { unit $f; add { unit $f } }
            stage 4
            s: stage 4
            """)
        let full = Summary(model: model)
        #expect(full.rows.count == model.layers.count)
        #expect(full.branches)
        let top = Summary(model: model, depth: 0)
        #expect(top.rows.map(\.name) == ["stage1", "s"])
        #expect(top.rows.map(\.type) == ["stage 4", "stage 4"])
        #expect(top.rows.map(\.kind) == ["block", "block"])
        #expect(top.rows.map(\.inputs) == [["input"], ["stage1"]])
        #expect(top.rows.map(\.parameters) == [2 * 148, 2 * 148])
        #expect(top.rows.map(\.macs).reduce(0, +) == model.macs)
        let one = Summary(model: model, depth: 1)
        #expect(one.rows.map(\.name) == ["stage1.unit1", "stage1.unit2", "stage1.add1", "s.unit1", "s.unit2", "s.add1"])
        #expect(one.rows[2].inputs == ["stage1.unit1", "stage1.unit2"])
    }
}
