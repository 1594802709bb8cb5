import CNNFrontEnd
import CNNModel
import Testing

/// Every statement and option parses into the settings CNNModel expects, with its source span.
@Suite struct ParserTests {
    private func operation(_ statement: String, input: String = "input 32x32x4") throws -> Operation {
        let result = Compiler.compile(source: "\(input)\n\(statement)")
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        return try #require(result.model?.layers.last?.operation)
    }

    @Test(arguments: [
        ("conv 6 5x5", Convolution(filters: 6, kernel: Size2(5, 5))),
        ("conv 6 5", Convolution(filters: 6, kernel: Size2(5, 5))),
        ("conv 8 3x5 s2x1 same", Convolution(filters: 8, kernel: Size2(3, 5), stride: Size2(2, 1), padding: .same)),
        ("conv 8 3 relu s2 full", Convolution(filters: 8, kernel: Size2(3, 3), stride: Size2(2, 2), padding: .full,
                                              activation: .relu)),
        ("conv 8 3 p1", Convolution(filters: 8, kernel: Size2(3, 3), padding: .explicit(Size2(1, 1)))),
        ("conv 8 3 p2x0 valid", nil),
        ("conv 8 3 p2x0", Convolution(filters: 8, kernel: Size2(3, 3), padding: .explicit(Size2(2, 0)))),
        ("conv 8 3 d2 g4 nobias tanh", Convolution(filters: 8, kernel: Size2(3, 3), dilation: Size2(2, 2), groups: 4,
                                                   bias: false, activation: .tanh)),
        ("conv 8 3 d2x3", Convolution(filters: 8, kernel: Size2(3, 3), dilation: Size2(2, 3))),
        ("conv 4 3 leakyrelu 0.2 valid", Convolution(filters: 4, kernel: Size2(3, 3), padding: .valid,
                                                     activation: .leakyReLU(alpha: 0.2))),
        ("conv 4 3 leakyrelu", Convolution(filters: 4, kernel: Size2(3, 3), activation: .leakyReLU(alpha: 0.01))),
        ("conv 2 3 sigmoid weights=laplacian", Convolution(filters: 2, kernel: Size2(3, 3), activation: .sigmoid,
                                                           fixedFilter: .laplacian)),
        ("conv 2 3 softmax", Convolution(filters: 2, kernel: Size2(3, 3), activation: .softmax)),
        ("conv 2 3 linear", Convolution(filters: 2, kernel: Size2(3, 3), activation: .linear)),
    ] as [(String, Convolution?)])
    func convolution(_ text: String, _ expected: Convolution?) throws {
        guard let expected else {
            #expect(Compiler.compile(source: "input 8x8\n" + text).diagnostics.map(\.id) == ["duplicate-option"])
            return
        }
        #expect(try operation(text) == .convolution(expected))
    }

    @Test(arguments: [
        ("maxpool 2", Operation.pooling(Pooling(kind: .max, window: Size2(2, 2)))),
        ("avgpool 3 s1 same", .pooling(Pooling(kind: .average, window: Size2(3, 3), stride: Size2(1, 1), padding: .same))),
        ("maxpool 3x2 p1 s2", .pooling(Pooling(kind: .max, window: Size2(3, 2), stride: Size2(2, 2),
                                               padding: .explicit(Size2(1, 1))))),
        ("globalavgpool", .globalPooling(.average)),
        ("globalmaxpool", .globalPooling(.max)),
        ("flatten", .flatten),
        ("dense 10", .dense(Dense(units: 10))),
        ("dense 10 nobias softmax", .dense(Dense(units: 10, bias: false, activation: .softmax))),
        ("dense 10 leakyrelu .3", .dense(Dense(units: 10, activation: .leakyReLU(alpha: 0.3)))),
        ("dropout 0.25", .dropout(rate: 0.25)),
        ("dropout 0", .dropout(rate: 0)),
        ("batchnorm", .batchNorm(BatchNorm())),
        ("lrn", .localResponseNorm(LocalResponseNorm())),
        ("lrn 3", .localResponseNorm(LocalResponseNorm(size: 3))),
        ("relu", .activation(.relu)),
        ("sigmoid", .activation(.sigmoid)),
        ("tanh", .activation(.tanh)),
        ("linear", .activation(.linear)),
        ("leakyrelu", .activation(.leakyReLU(alpha: 0.01))),
        ("leakyrelu 0.1", .activation(.leakyReLU(alpha: 0.1))),
    ])
    func otherLayers(_ text: String, _ expected: Operation) throws {
        #expect(try operation(text) == expected)
    }

    @Test func softmaxAsALayer() throws {
        #expect(try operation("softmax") == .activation(.softmax))
    }

    @Test func inputShapes() throws {
        #expect(Compiler.compile(source: "input 5x7\nrelu").model?.input == .image(height: 5, width: 7, channels: 1))
        #expect(Compiler.compile(source: "input 5x7x3; relu").model?.input == .image(height: 5, width: 7, channels: 3))
        #expect(Compiler.parseShape("28x28x1") == .image(height: 28, width: 28, channels: 1))
        #expect(Compiler.parseShape("28x28") == .image(height: 28, width: 28, channels: 1))
        #expect(Compiler.parseShape("28x") == nil)
        #expect(Compiler.parseShape("0x28") == nil)
        #expect(Compiler.parseShape("1x2x3x4") == nil)
    }

    @Test func argumentSpansCoverEverySetting() throws {
        let source = "input 8x8\nc1: conv 6 3x3 s2 same d1 g1 relu nobias\n"
        let statements = Compiler.compile(source: source).syntax.statements
        guard case let .layer(layer) = statements.last else {
            Issue.record("expected a layer statement")
            return
        }
        let bytes = Array(source.utf8)
        func text(_ span: SourceSpan) -> String { String(decoding: bytes[span.start..<span.end], as: UTF8.self) }
        #expect(layer.name.map { text($0.span) } == "c1")
        #expect(text(layer.keywordSpan) == "conv")
        let written = Dictionary(uniqueKeysWithValues: layer.argumentSpans.map { ($0.key, text($0.value)) })
        #expect(written == [.filters: "6", .kernel: "3x3", .stride: "s2", .padding: "same", .dilation: "d1",
                            .groups: "g1", .activation: "relu", .bias: "nobias"])
        #expect(text(layer.span) == "c1: conv 6 3x3 s2 same d1 g1 relu nobias")
    }

    @Test func statementsAreSeparatedByNewlinesAndSemicolonsAndCommentsVanish() throws {
        let source = """
            # LeNet-ish
            input 12x12x1   # the input
            conv 2 3; ; relu
            repeat 2
            {
              repeat 2 { conv 2 1 }   # nested
              maxpool 2
            }
            """
        let model = try #require(Compiler.compile(source: source).model)
        #expect(model.layers.map(\.name) == ["conv1", "relu1", "conv2", "conv3", "maxpool1", "conv4", "conv5", "maxpool2"])
        #expect(model.output == .image(height: 2, width: 2, channels: 2))
    }

    @Test func automaticNamesCountEveryLayerOfTheKind() throws {
        let model = try #require(Compiler.compile(source: "input 4x4\nfirst: relu\nrelu\nconv 1 1\nrelu").model)
        #expect(model.layers.map(\.name) == ["first", "relu2", "conv1", "relu3"])
    }

    @Test func lexerTokens() {
        let tokens = Lexer(Array("c1: conv 6 5x5; # note\nrepeat 2 {\r\n}".utf8)).tokenize()
        #expect(tokens.map(\.kind) == [.word, .colon, .word, .word, .word, .semicolon, .newline,
                                       .word, .word, .openBrace, .newline, .closeBrace, .end])
        #expect(tokens.map { [$0.span.start, $0.span.end] } == [[0, 2], [2, 3], [4, 8], [9, 10], [11, 14], [14, 15],
                                                                 [22, 23], [23, 29], [30, 31], [32, 33], [34, 35],
                                                                 [35, 36], [36, 36]])
    }
}
