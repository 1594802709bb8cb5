import Testing

/// Source in, rendered diagnostics out: one row per kind of syntax error.
@Suite struct SyntaxErrorTable {
    static let rows: [DiagnosticCase] = [
        DiagnosticCase("unknown-layer", "input 28x28\nmaxpoll 2\n", """
            t.cnn:2:1: error: unknown layer 'maxpoll'; did you mean 'maxpool'?
            maxpoll 2
            ^~~~~~~
            maxpool

            """),
        DiagnosticCase("unknown-layer", "input 28x28\nfoo 2\n", """
            t.cnn:2:1: error: unknown layer 'foo'
            foo 2
            ^~~
            help: the layers are conv, deconv, maxpool, avgpool, globalavgpool, globalmaxpool, upsample, flatten, \
            dense, dropout, batchnorm, lrn, relu, sigmoid, tanh, softmax, leakyrelu, linear, relu6, silu, hardswish, \
            hardsigmoid, gelu, mish

            """),
        DiagnosticCase("unknown-option", "input 28x28\nconv 6 5x5 sam relu\n", """
            t.cnn:2:12: error: unknown option 'sam' for conv; did you mean 'same'?
            conv 6 5x5 sam relu
                       ^~~
                       same

            """),
        DiagnosticCase("unknown-option", "input 28x28\nmaxpool 2 relu\n", """
            t.cnn:2:11: error: unknown option 'relu' for maxpool
            maxpool 2 relu
                      ^~~~
            help: the options of maxpool are sN, sNxM, valid, same, full, pN, pNxM, ceil

            """),
        DiagnosticCase("unknown-option", "input 28x28\nconv 6 5x5 2\n", """
            t.cnn:2:12: error: unknown option '2' for conv; did you mean 's2'?
            conv 6 5x5 2
                       ^
                       s2

            """),
        DiagnosticCase("unknown-filter", "input 28x28\nconv 1 3 weights=sobelz\n", """
            t.cnn:2:18: error: unknown filter 'sobelz'; did you mean 'sobelx'?
            conv 1 3 weights=sobelz
                             ^~~~~~
                             sobelx
            help: the filters are sobel, sobelx, sobely, scharr, scharrx, scharry, prewitt, prewittx, prewitty, laplacian

            """),
        DiagnosticCase("malformed-number", "input 28x28\nconv 6 5x\n", """
            t.cnn:2:8: error: malformed size '5x'
            conv 6 5x
                   ^~
            help: expected N or NxM, like 3 or 3x3

            """),
        DiagnosticCase("malformed-number", "input 28x28\ndropout .5.\n", """
            t.cnn:2:9: error: malformed number '.5.'
            dropout .5.
                    ^~~
            help: expected a decimal number like 0.5

            """),
        DiagnosticCase("malformed-number", "input 28\n", """
            t.cnn:1:7: error: malformed shape '28'
            input 28
                  ^~
            help: expected HxWxC or HxW, like 28x28x1

            """),
        DiagnosticCase("number-too-large", "input 28x28\ndense 99999999999999999999\n", """
            t.cnn:2:7: error: the number '99999999999999999999' is too large
            dense 99999999999999999999
                  ^~~~~~~~~~~~~~~~~~~~
            help: sizes and settings go up to 16777216

            """),
        DiagnosticCase("missing-argument", "input 28x28\nconv 3x3 relu\n", """
            t.cnn:2:6: error: conv needs a filter count and a kernel size
            conv 3x3 relu
                 ^~~
            help: write it as 'conv F K [options]'

            """),
        DiagnosticCase("missing-argument", "input 28x28\ndense\n", """
            t.cnn:2:6: error: dense needs a unit count
            dense
                 ^
            help: write it as 'dense N [activation] [nobias]'

            """),
        DiagnosticCase("unexpected-argument", "input 28x28\nflatten 3\n", """
            t.cnn:2:9: error: unexpected argument '3' to flatten
            flatten 3
                    ^
            help: write it as 'flatten'

            """),
        DiagnosticCase("duplicate-option", "input 28x28\nconv 6 3 valid relu same\n", """
            t.cnn:2:21: error: conv sets its padding twice
            conv 6 3 valid relu same
                                ^~~~
            t.cnn:2:10: note: the first padding is here
            conv 6 3 valid relu same
                     ^~~~~

            """),
        DiagnosticCase("empty-repeat", "input 8x8\nrepeat 2 {\n  # nothing yet\n}\n", """
            t.cnn:2:1: error: the repeat block has no layers
            repeat 2 {
            ^~~~~~~~~~

            """),
        DiagnosticCase("value-too-small", "input 8x8\nrepeat 0 { relu }\n", """
            t.cnn:2:8: error: the repeat count must be at least 1, not 0
            repeat 0 { relu }
                   ^

            """),
        DiagnosticCase("unterminated-block", "input 8x8\nrepeat 2 {\n  relu\n", """
            t.cnn:3:7: error: expected '}' to close the repeat block
              relu
                  ^
            t.cnn:2:10: note: the repeat block opens here
            repeat 2 {
                     ^

            """),
        DiagnosticCase("expected-brace", "input 8x8\nrepeat 2 relu\n", """
            t.cnn:2:10: error: expected '{' after the repeat count
            repeat 2 relu
                     ^~~~
            help: write it as 'repeat N { ... }'

            """),
        DiagnosticCase("unexpected-token", "input 8x8\nrelu }\n", """
            t.cnn:2:6: error: unexpected '}'
            relu }
                 ^
            help: this '}' closes no block

            """),
        DiagnosticCase("duplicate-input", "input 8x8\ninput 4x4\nrelu", """
            t.cnn:2:1: error: the input shape is given twice
            input 4x4
            ^~~~~
            t.cnn:1:1: note: the first input is here
            input 8x8
            ^~~~~
            help: keep one 'input' statement

            """),
        DiagnosticCase("input-not-first", "relu\ninput 4x4", """
            t.cnn:2:1: error: input must be the first statement
            input 4x4
            ^~~~~
            help: move it to the top of the spec

            """),
        DiagnosticCase("input-not-first", "repeat 2 { input 4x4 }", """
            t.cnn:1:12: error: input must be the first statement
            repeat 2 { input 4x4 }
                       ^~~~~
            help: move it to the top of the spec

            """),
        DiagnosticCase("invalid-name", "input 4x4\n1st: relu", """
            t.cnn:2:1: error: '1st' is not a valid layer name
            1st: relu
            ^~~
            help: a name starts with a letter or '_' and goes on with letters, digits or '_'

            """),
        DiagnosticCase("name-not-allowed", "input 4x4\nblock: repeat 2 { relu }", """
            t.cnn:2:1: error: only layers, merges and block calls can be named, not 'repeat'
            block: repeat 2 { relu }
            ^~~~~
            help: remove the name

            """),
        DiagnosticCase("missing-layer", "input 4x4\nc1:\n", """
            t.cnn:2:4: error: expected a layer after 'c1:'
            c1:
               ^

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
