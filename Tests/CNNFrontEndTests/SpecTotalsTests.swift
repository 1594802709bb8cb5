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
        ("tour.cnn", 2_098, 2_066, 16, .vector(10)),
        ("digits-resnet.cnn", 19_994, 19_706, 21, .vector(10)),
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
        #expect(try SpecFiles.all().map(\.name) == ["alexnet.cnn", "chain39.cnn", "digits-resnet.cnn", "digits.cnn", "edges.cnn",
                                                     "lenet5-classic.cnn", "lenet5.cnn", "tour.cnn", "vgg16.cnn"])
    }

    @Test func vgg16UnrollsItsRepeatsWithAutomaticNames() throws {
        let model = try #require(Compiler.compile(source: try SpecFiles.text(of: "vgg16.cnn")).model)
        #expect(model.macs == 15_470_264_320)
        #expect(model.layers.map(\.name).prefix(6) == ["conv1", "conv2", "maxpool1", "conv3", "conv4", "maxpool2"])
        #expect(model.layers[17].name == "maxpool5")
        #expect(model.layers[17].outputShape == .image(height: 7, width: 7, channels: 512))
        #expect(model.layers[12].name == "conv10")
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
