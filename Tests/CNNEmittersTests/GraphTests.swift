@testable import CNNEmitters
import CNNFrontEnd
import CNNModel
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct DotEmitterTests {
    @Test func goldenFiles() throws {
        for (name, model) in try ExampleModels.all() {
            Golden.check(DotEmitter.emit(model, title: name), against: "\(name).dot")
        }
    }

    @Test func oneNodePerLayerAndAChainOfEdges() throws {
        let model = try ExampleModels.lenet5()
        let dot = DotEmitter.emit(model)
        let lines = dot.split(separator: "\n")
        #expect(lines.filter { $0.contains("[label=") }.count == model.layers.count + 1)
        #expect(lines.filter { $0.contains(" -> ") }.count == model.layers.count)
        #expect(dot.contains("n1 [label=\"conv1\\nconv 6 5x5 same relu\\n28x28x6\\n156 params\""))
        #expect(dot.contains("n6 -> n7;"))
        #expect(dot.contains("n0 [label=\"input\\n28x28x1\""))
    }

    @Test func escapesQuotesAndBackslashesInNames() throws {
        let model = try Model(input: .vector(4), layers: [(name: "a\"b\\c", operation: .dense(Dense(units: 2)))])
        #expect(DotEmitter.emit(model, title: "t\"").contains("digraph \"t\\\"\" {"))
        #expect(DotEmitter.emit(model).contains("label=\"a\\\"b\\\\c\\ndense 2\\n2\\n10 params\""))
    }
}

@Suite struct SVGRendererTests {
    @Test func goldenFiles() throws {
        for (name, model) in try ExampleModels.all() {
            Golden.check(SVGRenderer.render(model, title: name), against: "\(name).svg")
        }
    }

    /// Every example, VGG-16 and a model with XML's special characters in a layer name.
    @Test func isWellFormedXMLShowingEveryLayer() throws {
        var models = try ExampleModels.all().map(\.model)
        models.append(try vgg16())
        models.append(try Model(input: .vector(3), layers: [(name: "<a & 'b'>\"", operation: .dense(Dense(units: 2)))]))
        for model in models {
            let texts = try SVGTexts(SVGRenderer.render(model))
            for layer in model.layers {
                #expect(texts.contains(layer.name), "\(layer.name) is not shown")
                #expect(texts.contains(layer.outputShape.description))
            }
            #expect(texts.contains("input"))
        }
    }

    /// VGG-16 (22 boxes) wraps into 3 columns of 8, so the picture is about as wide as it is tall.
    @Test func vgg16WrapsIntoColumns() throws {
        let svg = SVGRenderer.render(try vgg16())
        let rects = svg.split(separator: "\n").filter { $0.contains("<rect x=") }
        #expect(rects.count == 22)
        let xs = Set(rects.compactMap { $0.split(separator: "\"").dropFirst().first })
        #expect(xs.count == 3)
        #expect(svg.contains("width=\"697\" height=\"814\""))
    }

    private func vgg16() throws -> Model {
        var operations: [CNNModel.Operation] = []
        for (filters, count) in [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)] {
            operations += Array(repeating: ExampleModels.conv(filters, 3, .same, .relu), count: count)
            operations.append(ExampleModels.pool(.max, 2))
        }
        operations += [ExampleModels.dense(4096, .relu), ExampleModels.dense(4096, .relu),
                       ExampleModels.dense(1000, .softmax)]
        return try Model(input: .image(height: 224, width: 224, channels: 3), operations: operations)
    }
}

/// The text content of every `<text>` element of an SVG document, parsed with `XMLParser`.
private final class SVGTexts: NSObject, XMLParserDelegate {
    private(set) var texts: [String] = []
    private var current: String?

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.coderReadCorrupt)
        }
    }

    func contains(_ text: String) -> Bool { texts.contains(text) }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "text" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let current { texts.append(current) }
        if name == "text" { current = nil }
    }
}

/// Pictures of graphs: an edge per value a layer reads, branches side by side, shortcuts on the side.
@Suite struct GraphPictureTests {
    private static let residual = """
        input 8x8x4
        stem: conv 4 3x3 p1
        add { conv 4 3x3 p1 relu; conv 4 3x3 p1 }
        concat { conv 2 1x1 } { conv 3 1x1 }
        """

    @Test func dotHasAnEdgePerInput() throws {
        let model = try #require(Compiler.compile(source: GraphPictureTests.residual).model)
        let dot = DotEmitter.emit(model)
        let edges = dot.split(separator: "\n").filter { $0.contains(" -> ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(edges == ["n0 -> n1;", "n1 -> n2;", "n2 -> n3;", "n1 -> n4;", "n3 -> n4;", "n4 -> n5;", "n4 -> n6;",
                          "n5 -> n7;", "n6 -> n7;"])
    }

    @Test func branchesSitSideBySideAndShortcutsRunBeside() throws {
        let model = try #require(Compiler.compile(source: GraphPictureTests.residual).model)
        let captions = LayerCaption.all(model)
        let layout = SVGGraphLayout(model: model, captions: captions)
        let x = layout.frames.map(\.x), y = layout.frames.map(\.y)
        // The add joins the main lane; the concat's two convs share a row in two lanes.
        #expect(x[4] == x[1] && y[4] > y[3])
        #expect(y[5] == y[6] && x[6] > x[5])
        #expect(x[7] == x[5])
        // The shortcut stem -> add enters the add from its right side.
        let shortcut = try #require(layout.edges.first { $0.path.hasPrefix("M \(SVGText.number(layout.frames[1].maxX))") })
        #expect(shortcut.path.hasSuffix("H \(SVGText.number(layout.frames[4].maxX + SVGLayout.arrowLength))"))
        #expect(layout.edges.count == 9)
        #expect(layout.width > 2 * layout.frames[0].width)
    }

    /// U-Net's nested skips take tracks from the inside out; shortcuts that only share a box
    /// alternate; one that overlaps none goes back to the first track.
    @Test func nestedShortcutsNestWithoutCrossing() {
        #expect(SVGGraphLayout.shortcutTracks([0...9, 1...8, 2...7, 3...6]) == [3, 2, 1, 0])
        #expect(SVGGraphLayout.shortcutTracks([0...3, 3...6, 6...9]) == [0, 1, 0])
        #expect(SVGGraphLayout.shortcutTracks([0...2, 4...6, 1...5]) == [0, 0, 1])
    }
}
