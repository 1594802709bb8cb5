import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Testing

/// `Model.specText` writes what compiles back to the same model: names, operations, inputs and
/// outputs, for chains and for graphs that branch, merge and reference the input.
@Suite struct ModelSpecTextTests {
    static let graphs = [
        "input 8x8x2\ne: conv 4 3x3 p1 relu\nmaxpool 2\nd: deconv 4 2 s2\nconcat @e\nh1: conv 2 1x1\n@d\nh2: conv 3 1x1 tanh\noutput @h1 @h2\n",
        "input 4x4x2\na: flatten\nb: dense 4 tanh\nconcat @a @b {}\nmul {} { sigmoid }\ndense 3\n",
        "input 4x4x1\nm: add { a: conv 1 3x3 p1; mul {} } { b: conv 1 1x1; mul {} }\n",
        "input 6x6x3\nconv 3 3x3 p1 leakyrelu 0.2\nadd @input {}\nbatchnorm eps=0.001\nlrn 3\nupsample 2 bilinear\nmaxpool 3 s2 same ceil\ndropout 0.25\nglobalavgpool\ndense 4 softmax nobias\n",
    ]

    @Test(arguments: graphs.indices)
    func graphsRoundTrip(_ index: Int) throws {
        let model = try #require(Compiler.compile(source: Self.graphs[index]).model)
        let text = model.specText()
        let again = try #require(Compiler.compile(source: text).model, "\(text)")
        #expect(again == model, "\(text)")
    }

    @Test func everySpecWithoutBlockCallsRoundTrips() throws {
        var checked = 0
        for spec in try SpecFiles.all() {
            let model = try #require(Compiler.compile(source: try SpecFiles.text(of: spec.name)).model)
            guard model.calls.isEmpty else { continue }
            let again = Compiler.compile(source: model.specText(header: ["from \(spec.name)"])).model
            #expect(again == model, "\(spec.name)")
            checked += 1
        }
        #expect(checked >= 8)
    }

    @Test func theTextReadsAsASpec() throws {
        let model = try #require(Compiler.compile(source: Self.graphs[0]).model)
        #expect(model.specText(header: ["imported", ""]) == """
            # imported
            #
            input 8x8x2
            e: conv 4 3x3 p1 relu
            maxpool1: maxpool 2
            d: deconv 4 2x2 s2
            concat1: concat @d @e
            h1: conv 2 1x1
            @d
            h2: conv 3 1x1 tanh
            output @h1 @h2

            """)
    }
}
