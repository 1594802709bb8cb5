import Testing
@testable import CNNModel

private func conv(_ f: Int, _ k: Int, s: Int = 1, _ padding: PaddingMode = .valid,
                  d: Int = 1, g: Int = 1) -> Operation {
    .convolution(Convolution(filters: f, kernel: Size2(square: k), stride: Size2(square: s),
                             dilation: Size2(square: d), groups: g, padding: padding, activation: .relu))
}

private func maxpool(_ k: Int, s: Int? = nil, _ padding: PaddingMode = .valid) -> Operation {
    .pooling(Pooling(kind: .max, window: Size2(square: k), stride: s.map { Size2(square: $0) }, padding: padding))
}

@Suite struct PublishedTotals {
    @Test func alexNetAsTorchvisionDefinesIt() throws {
        let model = try Model(input: .image(height: 224, width: 224, channels: 3), operations: [
            conv(64, 11, s: 4, .explicit(Size2(square: 2))), maxpool(3, s: 2),
            conv(192, 5, .explicit(Size2(square: 2))), maxpool(3, s: 2),
            conv(384, 3, .same), conv(256, 3, .same), conv(256, 3, .same), maxpool(3, s: 2),
            .dropout(rate: 0.5), .dense(Dense(units: 4096, activation: .relu)),
            .dropout(rate: 0.5), .dense(Dense(units: 4096, activation: .relu)),
            .dense(Dense(units: 1000)),
        ])
        #expect(model.layers[7].outputShape == .image(height: 6, width: 6, channels: 256))
        #expect(model.parameterCount == 61_100_840)
        #expect(model.layers.map(\.name).prefix(4) == ["conv1", "maxpool1", "conv2", "maxpool2"])
    }

    @Test func vgg16() throws {
        var ops: [Operation] = []
        for (filters, count) in [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)] {
            ops += Array(repeating: conv(filters, 3, .same), count: count) + [maxpool(2)]
        }
        ops += [.dense(Dense(units: 4096, activation: .relu)), .dense(Dense(units: 4096, activation: .relu)),
                .dense(Dense(units: 1000, activation: .softmax))]
        let model = try Model(input: .image(height: 224, width: 224, channels: 3), operations: ops)
        #expect(model.parameterCount == 138_357_544)
        #expect(model.macs == 15_470_264_320)
    }
}

@Suite struct ShapeRules {
    /// (input size, kernel, stride, dilation, padding) -> (output size, padding before, after).
    @Test(arguments: [
        (39, 3, 1, 1, PaddingMode.valid, 37, 0, 0),
        (37, 5, 2, 1, .valid, 17, 0, 0),
        (17, 5, 2, 1, .valid, 7, 0, 0),
        (28, 5, 1, 1, .same, 28, 2, 2),
        (28, 4, 1, 1, .same, 28, 1, 2),     // even kernel: odd pixel after
        (7, 3, 2, 1, .same, 4, 1, 1),       // ceil(7 / 2)
        (8, 3, 2, 1, .same, 4, 0, 1),
        (5, 3, 1, 1, .full, 7, 2, 2),
        (5, 3, 1, 2, .full, 9, 4, 4),       // dilated extent 5
        (10, 3, 1, 2, .valid, 6, 0, 0),
        (10, 3, 3, 1, .explicit(Size2(1, 1)), 4, 1, 1),
    ])
    func convolutionAxis(_ n: Int, _ k: Int, _ s: Int, _ d: Int, _ padding: PaddingMode,
                         _ expected: Int, _ before: Int, _ after: Int) throws {
        let layer = try Layer(name: "c", operation: conv(2, k, s: s, padding, d: d), input: .image(height: n, width: n, channels: 1))
        #expect(layer.outputShape == .image(height: expected, width: expected, channels: 2))
        #expect(layer.padding == Insets(top: before, bottom: after, left: before, right: after))
    }

    @Test func groupsDivideChannelsAndFilters() throws {
        let layer = try Layer(name: "g", operation: conv(8, 3, g: 4), input: .image(height: 5, width: 5, channels: 4))
        #expect(layer.parameterCount == 3 * 3 * 1 * 8 + 8)
        #expect(layer.macs == 3 * 3 * 8 * 9 * 1)
        #expect(throws: ShapeError.groupsDoNotDivideChannels(groups: 3, channels: 4)) {
            try Layer(name: "g", operation: conv(6, 3, g: 3), input: .image(height: 5, width: 5, channels: 4))
        }
    }

    @Test func kernelLargerThanInput() {
        let mismatch = WindowMismatch(setting: .kernel, size: Size2(5, 5), extent: Size2(5, 5), input: Size2(4, 4),
                                      padded: Size2(4, 4), stride: .one)
        #expect(throws: ShapeError.kernelLargerThanInput(mismatch)) {
            try Layer(name: "c", operation: conv(16, 5), input: .image(height: 4, width: 4, channels: 6))
        }
    }

    @Test func spatialLayerAfterDense() {
        #expect(throws: ModelError.layer(name: "maxpool1", .needsImageInput(keyword: "maxpool", found: .vector(10)))) {
            try Model(input: .image(height: 4, width: 4, channels: 1), operations: [.dense(Dense(units: 10)), maxpool(2)])
        }
    }

    @Test func hugeSizesReportOverflowInsteadOfTrapping() {
        let input = Shape.image(height: 1 << 24, width: 1 << 24, channels: 1 << 24)
        #expect(throws: ModelError.input(.overflow(what: "the element count of the input"))) {
            try Model(input: input, operations: [])
        }
        #expect(throws: ModelError.self) {
            try Model(input: .image(height: 1 << 24, width: 1 << 24, channels: 1), operations: [conv(1 << 24, 1)])
        }
    }

    /// Each layer fits alone, but the model's running totals must too (summaries add them up).
    @Test func totalsThatOverflowAreReported() {
        let wide = Shape.image(height: 1 << 24, width: 1 << 10, channels: 1)
        #expect(throws: ModelError.layer(name: "conv2", .overflow(what: "the model's activation count"))) {
            try Model(input: wide, operations: [conv(1, 1), conv(1, 1)])
        }
    }

    @Test func duplicateAndAutomaticNames() throws {
        let names = try Model(input: .image(height: 4, width: 4, channels: 1),
                              layers: [("c1", conv(1, 1)), (nil, conv(1, 1)), (nil, .activation(.relu)), (nil, conv(1, 1))])
            .layers.map(\.name)
        #expect(names == ["c1", "conv2", "relu1", "conv3"])
        #expect(throws: ModelError.duplicateName("conv2")) {
            try Model(input: .image(height: 4, width: 4, channels: 1),
                      layers: [("conv2", conv(1, 1)), (nil, conv(1, 1))])
        }
    }

    @Test func receptiveFieldOfTheChain() throws {
        let model = try Model(input: .image(height: 39, width: 39, channels: 3),
                              operations: [conv(10, 3), conv(20, 5, s: 2), conv(40, 5, s: 2)])
        #expect(model.receptiveFields.map(\.field.height) == [3, 7, 15])
        #expect(model.receptiveFields.map(\.jump.height) == [1, 2, 4])
        #expect(model.output == .image(height: 7, width: 7, channels: 40))
    }
}
