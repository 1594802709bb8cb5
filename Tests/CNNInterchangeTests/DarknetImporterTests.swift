import CNNFrontEnd
import CNNInterchange
import CNNModel
import Foundation
import Testing

let darknetFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// yolov3-tiny.cfg from pjreddie/darknet (public domain), byte for byte.
func yoloV3TinyCfg() throws -> String {
    try String(contentsOf: darknetFixtures.appendingPathComponent("yolov3-tiny.cfg"), encoding: .utf8)
}

/// `[net]` for a small input, followed by `body`.
func smallCfg(_ body: String, input: (Int, Int, Int) = (8, 8, 3)) -> String {
    "[net]\nwidth=\(input.1)\nheight=\(input.0)\nchannels=\(input.2)\n\n" + body
}

@Suite("DarknetImporter")
struct DarknetImporterTests {
    @Test("yolov3-tiny: 8,858,734 parameters with batchnorm statistics, two heads of 13x13x255 and 26x26x255")
    func yoloV3Tiny() throws {
        let imported = try DarknetImporter.importModel(cfg: try yoloV3TinyCfg(), path: "yolov3-tiny.cfg")
        let model = imported.model
        #expect(model.parameterCount == 8_858_734)
        #expect(model.input == .image(height: 416, width: 416, channels: 3))
        #expect(model.outputs.map(\.name) == ["l15_conv", "l22_conv"])
        #expect(model.outputs.map { model.shape(of: $0.value) }
            == [.image(height: 13, width: 13, channels: 255), .image(height: 26, width: 26, channels: 255)])
        #expect(imported.weights == nil)
        #expect(imported.notes.contains { $0.contains("box decoding") })
    }

    @Test("yolov3 (608x608): 62,001,757 parameters, the numbers in yolov3.weights' 248,007,048 bytes after its header")
    func yoloV3() throws {
        let text = try String(contentsOf: darknetFixtures.appendingPathComponent("yolov3.cfg"), encoding: .utf8)
        let model = try DarknetImporter.importModel(cfg: text, path: "yolov3.cfg").model
        #expect(model.parameterCount == 62_001_757)
        #expect(model.parameterCount == (248_007_048 - 20) / 4)
        #expect(model.outputs.map { model.shape(of: $0.value) } == [19, 38, 76].map { .image(height: $0, width: $0, channels: 255) })
        // Darknet-53's residuals: [shortcut] from=-3 adds layer N-3 to layer N-1.
        let shortcut = try #require(model.layers.first { $0.name == "l4_shortcut" })
        #expect(shortcut.inputs.map(model.name(of:)) == ["l3_leaky", "l1_leaky"])
    }

    @Test("yolov3-tiny's layers carry Darknet's indices, in conv, batchnorm, activation order")
    func yoloV3TinyLayers() throws {
        let model = try DarknetImporter.importModel(cfg: try yoloV3TinyCfg(), path: "yolov3-tiny.cfg").model
        let names = model.layers.map(\.name)
        #expect(Array(names.prefix(4)) == ["l0_conv", "l0_bn", "l0_leaky", "l1_maxpool"])
        let byName = Dictionary(uniqueKeysWithValues: model.layers.map { ($0.name, $0) })
        #expect(byName["l0_conv"]?.operation.specText == "conv 16 3x3 p1 nobias")
        #expect(byName["l0_bn"]?.operation.specText == "batchnorm momentum=0.01")
        #expect(byName["l0_leaky"]?.operation == .activation(.leakyReLU(alpha: 0.1)))
        // size=2 stride=1 keeps 13x13: Darknet's padding 1 goes after, as `same` puts it.
        #expect(byName["l11_maxpool"]?.operation.specText == "maxpool 2 s1 same")
        #expect(byName["l11_maxpool"]?.outputShape == .image(height: 13, width: 13, channels: 512))
        #expect(byName["l11_maxpool"]?.padding == Insets(top: 0, bottom: 1, left: 0, right: 1))
        #expect(byName["l1_maxpool"]?.operation.specText == "maxpool 2")
        // The head convs keep their bias and have no activation.
        #expect(byName["l15_conv"]?.operation.specText == "conv 255 1x1")
        // [route] layers=-4 (layer 17) is a reference to layer 13; layers=-1,8 a concat.
        #expect(byName["l18_conv"]?.inputs.map(model.name(of:)) == ["l13_leaky"])
        #expect(byName["l20_route"]?.inputs.map(model.name(of:)) == ["l19_upsample", "l8_leaky"])
        #expect(byName["l20_route"]?.outputShape == .image(height: 26, width: 26, channels: 384))
        #expect(names.contains { $0.hasPrefix("l16_") || $0.hasPrefix("l17_") } == false)
    }

    @Test("the spec text compiles back to the same model", arguments: ["yolov3-tiny.cfg", "yolov3.cfg"])
    func specTextRoundTrip(name: String) throws {
        let cfg = try String(contentsOf: darknetFixtures.appendingPathComponent(name), encoding: .utf8)
        let imported = try DarknetImporter.importModel(cfg: cfg, path: name)
        let text = imported.specText
        #expect(text.hasPrefix("# Imported from the Darknet cfg \(name)."))
        let result = Compiler.compile(source: text)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(result.model == imported.model)
    }

    @Test("[net]'s repeated training keys pass (Darknet takes the first); a repeated layer key does not")
    func repeatedKeys() throws {
        let cfg = "[net]\nbatch=1\nbatch=64\nwidth=4\nheight=4\nchannels=1\n[convolutional]\nfilters=2\n"
        #expect(try DarknetImporter.importModel(cfg: cfg, path: "r.cfg").model.parameterCount == 4)
        #expect(darknetProblems(cfg + "filters=3\n") == [
            "[convolutional] at line 7, line 8: 'filters' is given twice (again at line 9); which one is meant?",
        ])
    }

    @Test("a path with a line break cannot end the spec's comment")
    func pathInComment() throws {
        let imported = try DarknetImporter.importModel(cfg: smallCfg("[convolutional]\nfilters=2\n"),
                                                       path: "evil\nconv 3 3x3.cfg")
        #expect(!imported.specText.contains("\nconv 3 3x3"))
        #expect(Compiler.compile(source: imported.specText).model == imported.model)
    }

    @Test("maxpool padding spelled exactly", arguments: [
        // (size, stride, padding key, input, expected spec, output)
        (2, 2, nil, 8, "maxpool 2", 4),
        (2, 2, nil, 7, "maxpool 2 same", 4),  // (7 + 1 - 2) / 2 + 1: the last window half padding
        (2, 1, nil, 5, "maxpool 2 s1 same", 5),
        (3, 2, nil, 8, "maxpool 3 s2 p1", 4),  // 1 before, 1 after
        (3, 1, nil, 6, "maxpool 3 s1 same", 6),
        (3, 2, 0, 9, "maxpool 3 s2", 4),
        (5, 1, nil, 6, "maxpool 5 s1 same", 6),  // YOLOv4's SPP
    ] as [(Int, Int, Int?, Int, String, Int)])
    func maxpoolPadding(size: Int, stride: Int, padding: Int?, input: Int, spec: String, output: Int) throws {
        let key = padding.map { "padding=\($0)\n" } ?? ""
        let cfg = smallCfg("[maxpool]\nsize=\(size)\nstride=\(stride)\n\(key)", input: (input, input, 2))
        let layer = try #require(try DarknetImporter.importModel(cfg: cfg, path: "p.cfg").model.layers.first)
        #expect(layer.operation.specText == spec)
        #expect(layer.outputShape == .image(height: output, width: output, channels: 2))
        #expect(layer.padding.top == (padding ?? size - 1) / 2)
    }

    @Test("a classifier: connected with and without batchnorm, dropout, global average, softmax, a [cost] that adds nothing")
    func classifier() throws {
        let cfg = smallCfg("""
            [convolutional]
            filters=4
            size=3
            activation=relu
            [avgpool]
            [connected]
            output=6
            batch_normalize=1
            activation=mish
            [dropout]
            probability=.25
            [connected]
            output=3
            activation=linear
            [softmax]
            [cost]
            type=sse
            """)
        let model = try DarknetImporter.importModel(cfg: cfg, path: "c.cfg").model
        #expect(model.layers.map { "\($0.name): \($0.operation.specText)" } == [
            "l0_conv: conv 4 3x3 relu", "l1_avgpool: globalavgpool", "l2_connected: dense 6 nobias",
            "l2_bn: batchnorm momentum=0.01", "l2_mish: mish", "l3_dropout: dropout 0.25",
            "l4_connected: dense 3", "l5_softmax: softmax",
        ])
        #expect(model.outputs.map(\.name) == ["l5_softmax"])
    }

    @Test("shortcut adds equal shapes and applies its activation; route takes absolute indices; [activation]")
    func shortcutAndRoute() throws {
        let cfg = smallCfg("""
            [convolutional]
            filters=3
            size=3
            pad=1
            activation=leaky
            [convolutional]
            filters=3
            size=1
            activation=linear
            [shortcut]
            from=-2
            activation=swish
            [route]
            layers=0,2
            [upsample]
            [activation]
            activation=logistic
            [activation]
            """)
        let model = try DarknetImporter.importModel(cfg: cfg, path: "s.cfg").model
        let shortcut = try #require(model.layers.first { $0.name == "l2_shortcut" })
        #expect(shortcut.inputs.map(model.name(of:)) == ["l1_conv", "l0_conv"])
        #expect(model.layers.map(\.name) == ["l0_conv", "l1_conv", "l2_shortcut", "l2_swish", "l3_route", "l4_upsample",
                                             "l5_logistic"])
        #expect(model.output == .image(height: 16, width: 16, channels: 6))
    }
}
