import CNNInterchange
import CNNModel
import Testing

/// The problems of `cfg`, as `place: message` lines; empty when it imports.
func darknetProblems(_ cfg: String) -> [String] {
    do {
        _ = try DarknetImporter.importModel(cfg: cfg, path: "bad.cfg")
        return []
    } catch {
        #expect(error.path == "bad.cfg")
        return error.problems.map { "\($0.place): \($0.message)" }
    }
}

@Suite("DarknetImporter refusals")
struct DarknetRefusalTests {
    @Test("every problem at once, each with its line")
    func severalProblems() {
        let cfg = """
            [net]
            width=32
            height=32
            channels=3

            [convolutional]
            filters=8
            size=3
            activation=elu

            [reorg]
            stride=2

            [maxpool]
            size=two

            garbage line
            [route]
            layers=-9
            """
        #expect(darknetProblems(cfg) == [
            "line 17: expected 'key=value', found 'garbageline'",
            "[convolutional] at line 6, line 9: activation=elu is not supported; cnnc has linear, leaky, relu, logistic,"
                + " tanh, relu6, mish, swish",
            "[reorg] at line 11: [reorg] is not a section cnnc imports; it imports [convolutional], [maxpool], [avgpool],"
                + " [route], [shortcut], [upsample], [dropout], [connected], [softmax], [activation], [cost], [yolo], [region]",
            "[maxpool] at line 14, line 15: size=two is not a whole number",
            "[route] at line 18, line 19: layer -9 is not a layer before this one (layer 3)",
        ])
    }

    @Test("refusals", arguments: [
        ("[convolutional]\nfilters=2\nfilters=3\n",
         "[convolutional] at line 6, line 7: 'filters' is given twice (again at line 8); which one is meant?"),
        ("[convolutional]\nfilters=2\nbinary=1\n",
         "[convolutional] at line 6, line 8: binary=1 is not supported: binary (XNOR) weights"),
        ("[convolutional]\nfilters=2\nfancy=1\n",
         "[convolutional] at line 6, line 8: 'fancy' is not a key cnnc knows for [convolutional]"),
        ("[convolutional]\nfilters=0\n", "[convolutional] at line 6, line 7: filters=0 is out of range (1...16777216)"),
        ("[convolutional]\nfilters=4\ngroups=2\n",
         "[convolutional] at line 6: l0_conv: 2 groups do not divide the 3 input channels"),
        ("[convolutional]\nfilters=4\nsize=3\n[shortcut]\nfrom=-2\n",
         "[shortcut] at line 9, line 10: layer -2 is not a layer before this one (layer 1)"),
        ("[maxpool]\nsize=2\nstride=1\npadding=3\n",
         "[maxpool] at line 6: size=2 stride=1 padding=3 on 8x8 has no exact spelling in cnnc (1 before, giving 10x10)"),
        ("[convolutional]\nfilters=255\n[yolo]\nclasses=80\n[convolutional]\nfilters=2\n",
         "[convolutional] at line 10: reads the output of layer 1, [yolo] at line 8, a detection head whose decoding"
            + " cnnc does not compute"),
        ("[route]\nlayers=\n", "[route] at line 6, line 7: layers= is not a list of whole numbers"),
        ("[route]\ngroups=2\ngroup_id=1\nlayers=-1\n", "[route] at line 6, line 7: groups=2 is not supported: AlexeyAB's channel split"),
        ("[softmax]\n", "[softmax] at line 6: a softmax over all of 8x8x3 is not cnnc's (per position over channels)"),
        ("[dropout]\nprobability=1\n", "[dropout] at line 6, line 7: probability=1 drops everything; cnnc takes 0 <= P < 1"),
        ("[upsample]\nstride=-2\n", "[upsample] at line 6, line 7: stride=-2 is out of range (1...16777216)"),
        ("[net]\nwidth=3\n", "[net] at line 6: [net] may only be the first section"),
        ("", "[net] at line 1: the cfg has no layers after [net]"),
        ("[yolo]\nclasses=1\n", "[net] at line 1: the cfg has no layer cnnc computes (only heads or routes)"),
        ("[convolutional]\nfilters=2\npad=2\nsize=3\nbatch_normalize=2\n",
         "[convolutional] at line 6, line 10: batch_normalize=2 is out of range (0...1)"),
    ])
    func refusal(body: String, expected: String) {
        let problems = darknetProblems(smallCfg(body))
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }

    @Test("a shortcut between different shapes is refused with both shapes")
    func shortcutShapes() {
        let problems = darknetProblems(smallCfg("[convolutional]\nfilters=3\n[maxpool]\nsize=2\nstride=2\n[shortcut]\nfrom=-2\n"))
        #expect(problems == ["[shortcut] at line 11: adds layer 0 (8x8x3) to layer 1 (4x4x3): Darknet samples between"
            + " different shapes, which cnnc does not; only equal shapes are supported"])
    }

    @Test("a cfg without [net], or [net] without its sizes")
    func net() {
        #expect(darknetProblems("[convolutional]\nfilters=1\n") == ["[convolutional] at line 1: a Darknet cfg starts with a [net] section"])
        #expect(darknetProblems("width=3\n") == ["line 1: 'width' comes before the first [section]", "the file: a Darknet cfg starts with a [net] section"])
        #expect(darknetProblems("[net]\nwidth=8\nheight=0\n[maxpool]\n") == [
            "[net] at line 1, line 3: height=0 is out of range (1...16777216)",
            "[net] at line 1: 'channels' is missing: cnnc needs the input's height, width and channels",
        ])
    }
}
