import CNNTestSupport
import CNNFrontEnd
import CNNModel
import Testing

/// Every example spec checks without a single diagnostic and matches its published figures.
@Suite struct SpecTotals {
    /// File, parameters, trainable parameters, layer count, output shape.
    @Test(arguments: [
        ("lenet5.cnn", 47_154, 47_154, 7, Shape.vector(10)),
        ("lenet5-classic.cnn", 61_706, 61_706, 8, .vector(10)),
        ("alexnet.cnn", 61_100_840, 61_100_840, 14, .vector(1000)),
        ("vgg16.cnn", 138_357_544, 138_357_544, 22, .vector(1000)),
        ("chain39.cnn", 44_950, 44_950, 5, .vector(10)),
        ("digits.cnn", 13_706, 13_706, 6, .vector(10)),
        ("edges.cnn", 9, 0, 1, .image(height: 64, width: 64, channels: 1)),
        ("edges-magnitude.cnn", 18, 0, 5, .image(height: 64, width: 64, channels: 1)),
        ("tour.cnn", 2_098, 2_066, 16, .vector(10)),
        ("digits-resnet.cnn", 19_994, 19_706, 21, .vector(10)),
        // Trainable counts are PyTorch's sum(p.numel() for p in model.parameters()); the rest are
        // batchnorm running statistics.
        ("resnet18.cnn", 11_699_112, 11_689_512, 69, .vector(1000)),
        ("resnet50.cnn", 25_610_152, 25_557_032, 175, .vector(1000)),
        ("mobilenetv2.cnn", 3_538_984, 3_504_872, 153, .vector(1000)),
        ("squeezenet1_1.cnn", 1_235_496, 1_235_496, 40, .vector(1000)),
        ("densenet121.cnn", 8_062_504, 7_978_856, 427, .vector(1000)),
        ("googlenet.cnn", 6_639_464, 6_624_904, 197, .vector(1000)),
        ("efficientnet_b0.cnn", 5_330_564, 5_288_548, 208, .vector(1000)),
        ("unet.cnn", 31_049_474, 31_037_698, 67, .image(height: 256, width: 256, channels: 2)),
        ("yolov3_tiny.cnn", 8_858_734, 8_852_366, 43, .image(height: 13, width: 13, channels: 255)),
    ])
    func publishedTotals(_ file: String, _ parameters: Int, _ trainable: Int, _ layers: Int, _ output: Shape) throws {
        let result = Compiler.compile(source: try SpecFiles.text(of: file))
        #expect(result.diagnostics.isEmpty)
        let model = try #require(result.model)
        #expect(model.parameterCount == parameters)
        #expect(model.trainableParameterCount == trainable)
        #expect(model.layers.count == layers)
        #expect(model.output == output)
        #expect(result.layerRanges.count == layers)
    }

    @Test func everySpecFileIsCovered() throws {
        #expect(try SpecFiles.all().map(\.name) == [
            "alexnet.cnn", "chain39.cnn", "densenet121.cnn", "digits-resnet.cnn", "digits.cnn",
            "edges-magnitude.cnn", "edges.cnn", "efficientnet_b0.cnn", "googlenet.cnn", "lenet5-classic.cnn", "lenet5.cnn", "mobilenetv2.cnn",
            "resnet18.cnn", "resnet50.cnn", "squeezenet1_1.cnn", "tour.cnn", "unet.cnn", "vgg16.cnn",
            "yolov3_tiny.cnn",
        ])
    }

    @Test func vgg16UnrollsItsRepeatsWithAutomaticNames() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "vgg16.cnn")).model)
        #expect(model.macs == 15_470_264_320)
        #expect(model.layers.map(\.name).prefix(6) == ["conv1", "conv2", "maxpool1", "conv3", "conv4", "maxpool2"])
        #expect(model.layers[17].name == "maxpool5")
        #expect(model.layers[17].outputShape == .image(height: 7, width: 7, channels: 512))
        #expect(model.layers[12].name == "conv10")
    }

    @Test func yoloHasBothHeadsAndRoutesLayerEight() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "yolov3_tiny.cnn")).model)
        #expect(model.outputs.map(\.name) == ["large", "small"])
        #expect(model.outputs.map { model.shape(of: $0.value) } == [
            .image(height: 13, width: 13, channels: 255), .image(height: 26, width: 26, channels: 255),
        ])
        let concat = try #require(model.layers.first { $0.name == "concat1" })
        #expect(concat.inputs.map { model.name(of: $0) } == ["upsample1", "route.leakyrelu1"])
        #expect(concat.outputShape == .image(height: 26, width: 26, channels: 384))
    }

    @Test func resnet50NamesItsLayersAfterItsBlockCalls() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "resnet50.cnn")).model)
        #expect(model.layers.filter { $0.name.hasPrefix("first1.") }.count == 12)
        #expect(model.layers.contains { $0.name == "bottleneck12.add1" })
        #expect(model.macs == 4_089_184_256)
    }

    @Test func theChainShrinksAsTheCourseShows() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "chain39.cnn")).model)
        #expect(model.layers.prefix(3).map(\.outputShape) == [
            .image(height: 37, width: 37, channels: 10), .image(height: 17, width: 17, channels: 20),
            .image(height: 7, width: 7, channels: 40),
        ])
    }

    @Test func theIssueExampleWorksWithTheInputFlag() throws {
        let result = Compiler.compile(source: "conv 6 5x5 s1 valid; avgpool 2; dense 128",
                                      input: .image(height: 28, width: 28, channels: 1))
        #expect(result.diagnostics.isEmpty)
        let model = try #require(result.model)
        #expect(model.layers.map(\.outputShape) == [.image(height: 24, width: 24, channels: 6),
                                                    .image(height: 12, width: 12, channels: 6), .vector(128)])
        #expect(model.layers.map(\.name) == ["conv1", "avgpool1", "dense1"])
    }

    @Test func theInputFlagWinsOverTheSpec() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "digits.cnn"),
                                                  input: .image(height: 16, width: 16, channels: 1)).model)
        #expect(model.input == .image(height: 16, width: 16, channels: 1))
        #expect(model.layers[4].inputShape == .image(height: 4, width: 4, channels: 32))
    }

    @Test func layerRangesPointAtTheStatements() throws {
        let result = Compiler.compile(source: "input 8x8\nrepeat 2 { relu }\nc: dense 3 nobias\n")
        #expect(result.layerRanges.map(\.start.line) == [2, 2, 3])
        #expect(result.layerRanges.map(\.start.column) == [12, 12, 1])
        #expect(result.layerRanges.map(\.end.column) == [16, 16, 18])
    }
}
