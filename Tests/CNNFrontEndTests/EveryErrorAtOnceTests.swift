import CNNDiagnostics
import CNNFrontEnd
import Testing

/// One run reports every error it can: range errors past other range errors, shape errors past
/// a wrong setting, and the settings of well-formed statements past a syntax error.
@Suite struct EveryErrorAtOnce {
    private func summary(_ source: String) -> [String] {
        Compiler.compile(source: source).diagnostics.map { "\($0.range.start.line) \($0.id): \($0.message)" }
    }

    @Test func theFourRangeErrorsOfTheIssueComeInOneRun() {
        #expect(summary("input 28x28x1\ndropout 1.5\nmaxpool 0\nconv 6 0x3\ndense -4\n") == [
            "2 rate-out-of-range: dropout rate 1.5 is outside 0 <= P < 1",
            "3 value-too-small: window height must be at least 1, not 0",
            "4 value-too-small: kernel height must be at least 1, not 0",
            "5 value-too-small: units must be at least 1, not -4",
        ])
    }

    /// Dropout passes its input on, so the kernel after it is still checked against 28x28.
    @Test func aWrongSettingOfAShapeKeepingLayerDoesNotHideLaterShapeErrors() {
        #expect(summary("input 28x28x1\ndropout 1.5\nbatchnorm eps=0\nconv 6 50x50\nc: dense 10\nc: dense 2\n") == [
            "2 rate-out-of-range: dropout rate 1.5 is outside 0 <= P < 1",
            "3 batch-norm-setting: batchnorm eps must be positive, not 0.0",
            "4 kernel-larger-than-input: kernel 50x50 is larger than its input 28x28",
            "6 duplicate-name: the layer name 'c' is used twice",
        ])
    }

    @Test func aDuplicateNameDoesNotHideLaterErrors() {
        #expect(summary("input 28x28x1\nc1: conv 6 3x3\nc1: conv 6 3x3\nconv 6 50x50\ndense 10\nconv 3 3x3\n") == [
            "3 duplicate-name: the layer name 'c1' is used twice",
            "4 kernel-larger-than-input: kernel 50x50 is larger than its input 24x24",
        ])
    }

    /// A wrong last layer that passes its input on is not also "the output is the input".
    @Test func aWrongLastDropoutIsOneError() {
        #expect(summary("input 8x8\ndropout 2\n") == ["2 rate-out-of-range: dropout rate 2.0 is outside 0 <= P < 1"])
    }

    @Test func aSyntaxErrorDoesNotHideTheSettingsOfOtherStatements() {
        #expect(summary("input 28x28x1\nfoo 3\ndropout 1.5\nconv 6 0x3\nc: dense 1\nc: dense 2\n@gone\n") == [
            "2 unknown-layer: unknown layer 'foo'",
            "3 rate-out-of-range: dropout rate 1.5 is outside 0 <= P < 1",
            "4 value-too-small: kernel height must be at least 1, not 0",
            "6 duplicate-name: the layer name 'c' is used twice",
        ])
    }

    @Test func zeroInputChannelsAreNamed() {
        #expect(summary("input 28x28x0\n") == ["1 value-too-small: input channels must be at least 1, not 0"])
        #expect(summary("input 28x28x0\ndropout 2\ndense 10\n") == [
            "1 value-too-small: input channels must be at least 1, not 0",
            "2 rate-out-of-range: dropout rate 2.0 is outside 0 <= P < 1",
        ])
    }

    @Test func withoutAnInputTheSettingsAreStillChecked() {
        #expect(summary("dropout 2\ndense 10\n") == [
            "1 no-input: the spec has no input shape",
            "1 rate-out-of-range: dropout rate 2.0 is outside 0 <= P < 1",
        ])
    }
}
