import CNNModel

/// Models built directly with CNNModel, covering every layer kind and padding case the emitters handle.
enum ExampleModels {
    static func conv(_ filters: Int, _ kernel: Int, stride: Int = 1, _ padding: PaddingMode = .valid,
                     dilation: Int = 1, groups: Int = 1, bias: Bool = true, _ activation: Activation? = nil,
                     fixed: FixedFilter? = nil) -> Operation {
        .convolution(Convolution(filters: filters, kernel: Size2(square: kernel), stride: Size2(square: stride),
                                 dilation: Size2(square: dilation), groups: groups, padding: padding, bias: bias,
                                 activation: activation, fixedFilter: fixed))
    }

    static func pool(_ kind: PoolKind, _ window: Int, stride: Int? = nil, _ padding: PaddingMode = .valid) -> Operation {
        .pooling(Pooling(kind: kind, window: Size2(square: window), stride: stride.map { Size2(square: $0) },
                         padding: padding))
    }

    static func dense(_ units: Int, _ activation: Activation? = nil, bias: Bool = true) -> Operation {
        .dense(Dense(units: units, bias: bias, activation: activation))
    }

    /// The card's LeNet-5: `conv 6 5x5 relu; avgpool 2; conv 16 5x5 relu; avgpool 2; dense 120/84/10`.
    static func lenet5() throws -> Model {
        try Model(input: .image(height: 28, width: 28, channels: 1), operations: [
            conv(6, 5, .same, .relu), pool(.average, 2), conv(16, 5, .valid, .relu), pool(.average, 2),
            dense(120, .relu), dense(84, .relu), dense(10, .softmax),
        ])
    }

    /// Two VGG blocks with explicit layer names and a global-pooling head.
    static func vggBlock() throws -> Model {
        try Model(input: .image(height: 32, width: 32, channels: 3), layers: [
            ("block1_conv1", conv(8, 3, .same, .relu)), ("block1_conv2", conv(8, 3, .same, .relu)),
            ("block1_pool", pool(.max, 2)),
            ("block2_conv1", conv(16, 3, .same, .relu)), ("block2_conv2", conv(16, 3, .same, .relu)),
            ("block2_pool", pool(.max, 2)),
            (nil, .flatten), ("fc", dense(10, .softmax)),
        ])
    }

    /// Even kernels and stride 2 with `same`: the odd pixel goes after, on both conv and pooling.
    static func asymmetricSame() throws -> Model {
        try Model(input: .image(height: 7, width: 8, channels: 2), operations: [
            conv(3, 4, .same, .leakyReLU(alpha: 0.2)),
            conv(4, 3, stride: 2, .same, .tanh),
            pool(.max, 2, stride: 1, .same),
            pool(.average, 3, stride: 2, .same),
            dense(5, .sigmoid),
        ])
    }

    /// Batchnorm (2d and 1d), LRN, dropout, groups, dilation, `nobias`, `full` and large explicit padding.
    static func mixed() throws -> Model {
        try Model(input: .image(height: 12, width: 12, channels: 4), operations: [
            conv(8, 3, .explicit(Size2(1, 1)), groups: 2, bias: false),
            .batchNorm(BatchNorm()), .activation(.relu),
            .localResponseNorm(LocalResponseNorm(size: 3)),
            conv(8, 3, dilation: 2, groups: 4, .relu),
            pool(.max, 2, .full), pool(.average, 3, stride: 2, .explicit(Size2(2, 2))),
            .globalPooling(.average), .dropout(rate: 0.25),
            dense(6, .relu), .batchNorm(BatchNorm(epsilon: 1e-3, momentum: 0.01)),
            dense(3, bias: false), .activation(.softmax),
        ])
    }

    /// The edge-detection demo: fixed Sobel and Laplacian banks, an image output.
    static func edges() throws -> Model {
        try Model(input: .image(height: 9, width: 10, channels: 3), operations: [
            conv(2, 3, .same, fixed: .sobel), conv(1, 3, .same, .relu, fixed: .laplacian),
            .globalPooling(.max),
        ])
    }

    /// Every example, by golden-file name.
    static func all() throws -> [(name: String, model: Model)] {
        [("lenet5", try lenet5()), ("vgg_block", try vggBlock()), ("asymmetric_same", try asymmetricSame()),
         ("mixed", try mixed()), ("edges", try edges())]
    }
}
