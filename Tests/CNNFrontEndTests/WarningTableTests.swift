import Testing

/// Warnings leave the model intact; several errors are all reported.
@Suite struct WarningTable {
    static let rows: [DiagnosticCase] = [
        DiagnosticCase("stride-drops-input", "input 7x7\nconv 2 3x3 s2\nmaxpool 2\n", """
            t.cnn:3:9: warning: stride 2 does not tile the 3x3 input: the last row and the last column are never read
            maxpool 2
                    ^
            help: this is the point where Keras' padding='same' silently pads; write 'same' to pad too, or 'valid' if dropping them is intended

            """),
        DiagnosticCase("stride-drops-input", "input 10x9\nconv 2 3 s3x2\n", """
            t.cnn:2:10: warning: stride 3x2 does not tile the 10x9 input: the last row is never read
            conv 2 3 s3x2
                     ^~~~
            help: this is the point where Keras' padding='same' silently pads; write 'same' to pad too, or 'valid' if dropping them is intended

            """),
        DiagnosticCase("even-kernel-same", "input 8x8\nconv 4 2x2 same\n", """
            t.cnn:2:12: warning: 'same' padding around the even kernel 2x2 is uneven: 0 top, 1 bottom, 0 left, 1 right
            conv 4 2x2 same
                       ^~~~
            help: the extra pixel goes to the bottom and right, as in TensorFlow (the PyTorch emitter adds an F.pad); an odd kernel pads evenly

            """),
        DiagnosticCase("softmax-not-last", "input 8x8\ndense 10 softmax\ndense 2\n", """
            t.cnn:2:10: warning: softmax before the last layer
            dense 10 softmax
                     ^~~~~~~
            help: the layers after it see probabilities; softmax usually ends the network

            """),
        DiagnosticCase("dropout-last", "input 8x8\ndense 10\ndropout 0.5\n", """
            t.cnn:3:1: warning: dropout as the last layer zeroes outputs while training
            dropout 0.5
            ^~~~~~~
            help: move it before the last dense layer, or remove it

            """),
    ]

    @Test(arguments: rows)
    func warnsAndKeepsTheModel(_ row: DiagnosticCase) {
        let (ids, text, model) = row.render()
        #expect(ids == [row.id])
        #expect(text == row.expected)
        #expect(model != nil)
    }

    @Test func aWarningInsideRepeatIsReportedOnce() {
        let row = DiagnosticCase("", "input 8x8\nrepeat 3 { dense 10 softmax }\ndense 2", "")
        #expect(row.render().ids == ["softmax-not-last"])
    }

    @Test func paddingThatCoversTheRemainderIsNoWarning() {
        // torchvision's AlexNet: 224 + 2 + 2 with 11x11 s4 leaves one row, but it is padding.
        let row = DiagnosticCase("", "input 224x224x3\nconv 64 11x11 s4 p2\n", "")
        #expect(row.render().ids.isEmpty)
    }

    @Test func darknetsStrideOneMaxPoolIsNoWarning() {
        #expect(DiagnosticCase("", "input 13x13x4\nmaxpool 2 s1 same\n", "").render().ids.isEmpty)
        #expect(DiagnosticCase("", "input 13x13x4\navgpool 2 s1 same\n", "").render().ids == ["even-kernel-same"])
    }

    @Test func aWrittenValidMeansTheCropIsIntended() {
        // torchvision's SqueezeNet 1.1 stem: 3x3 s2 on 224 leaves the last row and column unread.
        #expect(DiagnosticCase("", "input 224x224x3\nconv 64 3x3 s2 valid\n", "").render().ids.isEmpty)
        #expect(DiagnosticCase("", "input 224x224x3\nconv 64 3x3 s2\n", "").render().ids == ["stride-drops-input"])
    }

    @Test func everyErrorIsReportedAndParsingRecovers() {
        let row = DiagnosticCase("unknown-layer", """
            input 28x28x1
            maxpoll 2; conv 6 5x5 sam
            repet 2 {
              conv 6 5
            }
            conv 6 5 relu relu; dense
            c1: flatten 3
            }
            dense 10
            """, "")
        let (ids, _, model) = row.render()
        #expect(ids == ["unknown-layer", "unknown-option", "unknown-layer", "duplicate-option", "missing-argument",
                        "unexpected-argument", "unexpected-token"])
        #expect(model == nil)
    }
}
