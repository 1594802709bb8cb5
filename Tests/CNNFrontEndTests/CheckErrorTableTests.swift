import CNNDiagnostics
import CNNFrontEnd
import CNNModel
import Testing

/// Source in, rendered diagnostics out: one row per kind of error the checker finds.
@Suite struct CheckErrorTable {
    static let rows: [DiagnosticCase] = [
        DiagnosticCase("kernel-larger-than-input", """
            # the issue's example
            input 12x12x1
            conv 6 5x5 relu; avgpool 2
            conv 16 5x5 relu
            """, """
            t.cnn:4:9: error: kernel 5x5 is larger than its input 4x4
            conv 16 5x5 relu
                    ^~~
            note: the input of conv2 comes from avgpool1 (4x4x6)
            note: the output height would be floor((4 + 0 - 5) / 1) + 1 = 0

            """),
        DiagnosticCase("kernel-larger-than-input", "input 4x9\nmaxpool 2x3\nmaxpool 5 s3\n", """
            t.cnn:3:9: error: window 5x5 is larger than its input 2x3
            maxpool 5 s3
                    ^
            note: the input of maxpool2 comes from maxpool1 (2x3x1)
            note: the output height would be floor((2 + 0 - 5) / 3) + 1 = 0

            """),
        DiagnosticCase("kernel-larger-than-input", "input 4x4\nconv 3 3 d2 p1\nconv 1 3x7 d2 p1", """
            t.cnn:3:8: error: kernel 3x7 dilated to 5x13 is larger than its padded input 4x4
            conv 1 3x7 d2 p1
                   ^~~
            note: the input of conv2 comes from conv1 (2x2x3)
            note: the output height would be floor((2 + 2 - 5) / 1) + 1 = 0

            """),
        DiagnosticCase("pooling-padding-too-large", "input 8x8\nmaxpool 3x2 p1x2\n", """
            t.cnn:2:13: error: padding 1x2 leaves some 3x2 pooling windows with no input
            maxpool 3x2 p1x2
                        ^~~~
            help: pad a pooling layer by at most the window minus one (2x1), or use 'same'

            """),
        DiagnosticCase("value-too-large", "input 28x28\ndense 16777217\n", """
            t.cnn:2:7: error: units must be at most 16777216, not 16777217
            dense 16777217
                  ^~~~~~~~

            """),
        DiagnosticCase("value-too-small", "input 28x28\nconv 6 3 s0\n", """
            t.cnn:2:10: error: stride must be at least 1, not 0
            conv 6 3 s0
                     ^~

            """),
        DiagnosticCase("value-too-small", "input 0x28\nrelu\n", """
            t.cnn:1:7: error: input height must be at least 1, not 0
            input 0x28
                  ^~~~

            """),
        DiagnosticCase("rate-out-of-range", "input 28x28\ndropout 1\nrelu", """
            t.cnn:2:9: error: dropout rate 1.0 is outside 0 <= P < 1
            dropout 1
                    ^

            """),
        DiagnosticCase("groups-do-not-divide-channels", "input 8x8x6\nconv 8 3 g4\n", """
            t.cnn:2:10: error: 4 groups do not divide the 6 input channels
            conv 8 3 g4
                     ^~
            note: the input of conv1 is the network input (8x8x6)
            help: groups must divide both the input channels and the filters

            """),
        DiagnosticCase("groups-do-not-divide-filters", "input 8x8x6\nconv 4 3 g3\n", """
            t.cnn:2:10: error: 3 groups do not divide the 4 filters
            conv 4 3 g3
                     ^~
            note: the input of conv1 is the network input (8x8x6)
            help: groups must divide both the input channels and the filters

            """),
        DiagnosticCase("needs-image-input", "input 8x8\nflatten\nmaxpool 2\n", """
            t.cnn:3:1: error: maxpool needs an HxWxC input, but its input is the vector 64
            maxpool 2
            ^~~~~~~
            note: the input of maxpool1 comes from flatten1 (64)
            help: put spatial layers before flatten and dense

            """),
        DiagnosticCase("duplicate-name", "input 8x8\nc: relu\nconv 1 1; c: tanh\n", """
            t.cnn:3:11: error: the layer name 'c' is used twice
            conv 1 1; c: tanh
                      ^
            t.cnn:2:1: note: 'c' is first used here
            c: relu
            ^

            """),
        DiagnosticCase("duplicate-name", "input 8x8\nconv2: relu\nconv 1 1\nconv 1 1\n", """
            t.cnn:4:1: error: the layer name 'conv2' is used twice
            conv 1 1
            ^~~~
            t.cnn:2:1: note: 'conv2' is first used here
            conv2: relu
            ^~~~~

            """),
        DiagnosticCase("duplicate-name-in-repeat", "input 8x8\nrepeat 3 { r: relu }\n", """
            t.cnn:2:12: error: the layer name 'r' is used twice: 'repeat' copies the named layer
            repeat 3 { r: relu }
                       ^
            help: remove the name inside the repeat block to number the copies automatically

            """),
        DiagnosticCase("no-input", "conv 6 5x5 s1 valid; avgpool 2; dense 128", """
            t.cnn:1:1: error: the spec has no input shape
            conv 6 5x5 s1 valid; avgpool 2; dense 128
            ^~~~
            help: add 'input HxWxC' as the first line or pass --input HxWxC

            """),
        DiagnosticCase("value-too-small", "relu", input: .image(height: 0, width: 3, channels: 1), """
            t.cnn:1:1: error: input height must be at least 1, not 0
            relu
            ^

            """),
        DiagnosticCase("overflow", "input 16777216x16777216x3\nconv 16777216 3", """
            t.cnn:2:1: error: the output of this conv overflows a 64-bit integer
            conv 16777216 3
            ^~~~
            note: the input of conv1 is the network input (16777216x16777216x3)
            help: use smaller sizes

            """),
        DiagnosticCase("overflow", "input 16777216x16777216x16777216\nrelu", """
            t.cnn:1:7: error: the element count of the input overflows a 64-bit integer
            input 16777216x16777216x16777216
                  ^~~~~~~~~~~~~~~~~~~~~~~~~~
            help: use smaller sizes

            """),
        DiagnosticCase("too-many-layers", "input 8x8\nrepeat 100 {\n  repeat 200 { relu }\n}\n", """
            t.cnn:2:8: error: repeat expands the spec to more than 10000 layers
            repeat 100 {
                   ^~~

            """),
        DiagnosticCase("empty-spec", "# only a comment\n", """
            t.cnn:1:1: error: the spec has no layers
            # only a comment
            ^
            help: write one statement per line, e.g. 'input 28x28x1', then 'dense 10 softmax'

            """),
        DiagnosticCase("empty-spec", "input 8x8\n", """
            t.cnn:1:1: error: the spec has no layers
            input 8x8
            ^~~~~~~~~
            help: write one statement per line, e.g. 'input 28x28x1', then 'dense 10 softmax'

            """),
        DiagnosticCase("fixed-filter-needs-3x3", "input 4x4\nconv 1 5 weights=sobel\n", """
            t.cnn:2:8: error: weights=sobel needs a 3x3 kernel, not 5x5
            conv 1 5 weights=sobel
                   ^
            t.cnn:2:10: note: weights=sobel is chosen here
            conv 1 5 weights=sobel
                     ^~~~~~~~~~~~~

            """),
    ]

    @Test(arguments: rows)
    func rendersExactly(_ row: DiagnosticCase) {
        let (ids, text, model) = row.render()
        #expect(ids.first == row.id)
        #expect(text == row.expected)
        #expect(model == nil)
    }
}

/// The model's running totals overflow only after several layers that each fit: still a diagnostic.
@Test func totalsOverflowIsADiagnosticAtTheLayer() {
    let result = Compiler.compile(source: "input 16777216x1024x1\nconv 1 1\nconv 1 1\n")
    #expect(result.model == nil)
    #expect(result.diagnostics.map(\.message) == ["the model's activation count overflows a 64-bit integer"])
    #expect(result.diagnostics.first?.range.start == CNNDiagnostics.SourceLocation(line: 3, column: 1))
}
