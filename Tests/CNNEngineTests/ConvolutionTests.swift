@testable import CNNEngine
import CNNModel
import CNNReference
import Foundation
import Testing

/// The implicit-im2col convolution against the naive definition, over every stride, padding mode
/// (incl. asymmetric `same`), dilation, groups and odd sizes.
@Suite struct ConvolutionTests {
    struct Case: CustomStringConvertible, Sendable {
        var input: (h: Int, w: Int, c: Int)
        var filters: Int
        var kernel: Size2
        var stride = Size2.one
        var dilation = Size2.one
        var groups = 1
        var padding = PaddingMode.valid
        var bias = true
        /// Only those the kernels' stores apply at inference: relu, leaky relu, relu6, sigmoid, silu.
        var activation: Activation?

        var description: String {
            "\(input) f\(filters) k\(kernel) s\(stride) d\(dilation) g\(groups) \(padding) bias \(bias)"
                + (activation.map { " \($0)" } ?? "")
        }

        var isDepthwise: Bool { groups > 1 && groups == input.c && filters == input.c }
    }

    static let cases: [Case] = [
        Case(input: (6, 6, 1), filters: 1, kernel: Size2(square: 3)),
        Case(input: (7, 9, 3), filters: 5, kernel: Size2(square: 3), padding: .same),
        Case(input: (8, 8, 2), filters: 3, kernel: Size2(square: 2), padding: .same),  // asymmetric: 0 before, 1 after
        Case(input: (8, 7, 4), filters: 6, kernel: Size2(square: 3), stride: Size2(square: 2), padding: .same),
        Case(input: (9, 9, 3), filters: 17, kernel: Size2(3, 2), stride: Size2(2, 3), padding: .valid),
        Case(input: (7, 8, 2), filters: 4, kernel: Size2(square: 3), dilation: Size2(square: 2), padding: .same),
        Case(input: (6, 9, 3), filters: 2, kernel: Size2(2, 3), dilation: Size2(2, 1), padding: .full),
        Case(input: (5, 6, 4), filters: 6, kernel: Size2(square: 3), groups: 2, padding: .explicit(Size2(1, 2))),
        Case(input: (6, 6, 6), filters: 6, kernel: Size2(square: 3), stride: Size2(square: 2), groups: 6,
             padding: .same, bias: false),
        Case(input: (5, 5, 8), filters: 20, kernel: Size2(square: 1)),
        Case(input: (4, 5, 3), filters: 7, kernel: Size2(square: 1), stride: Size2(square: 2), padding: .explicit(.one)),
        Case(input: (5, 7, 33), filters: 16, kernel: Size2(square: 3), dilation: Size2(1, 2), bias: false),
        // Depthwise (one filter per channel, DepthwiseKernel): channel tails, strides, dilation,
        // padding wider than the taps reach, a 1x1 image; and a channel multiplier (GEMM).
        Case(input: (7, 8, 13), filters: 13, kernel: Size2(square: 3), groups: 13, padding: .same, activation: .relu),
        Case(input: (9, 9, 16), filters: 16, kernel: Size2(square: 5), stride: Size2(square: 2), groups: 16,
             padding: .same),
        Case(input: (6, 7, 9), filters: 9, kernel: Size2(square: 3), dilation: Size2(square: 2), groups: 9,
             padding: .full, bias: false),
        Case(input: (5, 5, 24), filters: 24, kernel: Size2(square: 3), stride: Size2(1, 2), groups: 24,
             padding: .explicit(Size2(2, 1)), activation: .leakyReLU(alpha: 0.1)),
        Case(input: (1, 1, 20), filters: 20, kernel: Size2(square: 3), groups: 20, padding: .same),
        Case(input: (9, 10, 16), filters: 16, kernel: Size2(square: 3), stride: Size2(square: 2), groups: 16,
             padding: .explicit(.one), activation: .relu6),
        Case(input: (6, 9, 8), filters: 8, kernel: Size2(square: 3), dilation: Size2(2, 3), groups: 8,
             activation: .silu),
        Case(input: (5, 6, 3), filters: 19, kernel: Size2(square: 3), padding: .same, activation: .sigmoid),
        Case(input: (5, 5, 4), filters: 8, kernel: Size2(square: 3), groups: 4, padding: .same),
    ]

    @Test(arguments: cases)
    func matchesNaiveConvolution(_ test: Case) throws {
        let conv = Convolution(filters: test.filters, kernel: test.kernel, stride: test.stride,
                               dilation: test.dilation, groups: test.groups, padding: test.padding, bias: test.bias,
                               activation: test.activation)
        let layer = try checkedLayer(.convolution(conv), input: .image(height: test.input.h, width: test.input.w,
                                                                          channels: test.input.c))
        let geometry = try #require(ConvolutionGeometry(layer))
        let batch = 2
        let weights = randomValues(geometry.filters * geometry.depth, seed: 11)
        let bias = randomValues(geometry.filters, seed: 12)
        var generator = SeededGenerator(seed: 0)
        let executable = ConvolutionLayer(layer, convolution: conv, generator: &generator)
        let shapes = layer.parameterTensors.map(\.shape)
        executable.load([Tensor(shape: shapes[0], scalars: weights)]
            + (test.bias ? [Tensor(shape: shapes[1], scalars: bias)] : []))
        let input = randomValues(batch * geometry.inputCount, seed: 13)
        let output = FloatBuffer(count: batch * geometry.outputCount)
        executable.forward(FloatBuffer(input), into: output, batch: batch)
        let linear = ReferenceKernels.convolution(input, batch: batch, layer: layer, weights: weights,
                                                  bias: test.bias ? bias : nil)
        let expected = linear.map { value -> Float in
            switch test.activation {
            case .relu?: return max(value, 0)
            case let .leakyReLU(alpha)?: return value < 0 ? alpha * value : value
            case .relu6?: return min(max(value, 0), 6)
            case .sigmoid?: return 1 / (1 + exp(-value))
            case .silu?: return value / (1 + exp(-value))
            default: return value
            }
        }
        expectClose(output.array(), expected, "\(test)")
        #expect(executable.kernelName.hasPrefix("depthwise") == test.isDepthwise, "\(executable.kernelName)")
    }

    /// The GEMM backward (`X_col^T G`, col2im of `G W^T`) against the tap-by-tap chain rule.
    @Test(arguments: cases)
    func backwardMatchesNaiveGradients(_ test: Case) throws {
        let conv = Convolution(filters: test.filters, kernel: test.kernel, stride: test.stride,
                               dilation: test.dilation, groups: test.groups, padding: test.padding, bias: test.bias)
        let layer = try checkedLayer(.convolution(conv), input: .image(height: test.input.h, width: test.input.w,
                                                                          channels: test.input.c))
        let geometry = try #require(ConvolutionGeometry(layer))
        let batch = 2
        let weights = randomValues(geometry.filters * geometry.depth, seed: 21)
        var generator = SeededGenerator(seed: 0)
        let executable = ConvolutionLayer(layer, convolution: conv, generator: &generator)
        let shapes = layer.parameterTensors.map(\.shape)
        executable.load([Tensor(shape: shapes[0], scalars: weights)]
            + (test.bias ? [Tensor(shape: shapes[1], scalars: randomValues(geometry.filters, seed: 22))] : []))
        let input = randomValues(batch * geometry.inputCount, seed: 23)
        let gradient = randomValues(batch * geometry.outputCount, seed: 24)
        let inputGradient = FloatBuffer(count: input.count)
        executable.backward(input: FloatBuffer(input), output: FloatBuffer(count: gradient.count),
                            gradient: FloatBuffer(gradient), inputGradient: inputGradient, batch: batch,
                            beforeSoftmax: false)
        let expected = ReferenceKernels.convolutionGradients(input, gradient: gradient, batch: batch,
                                                             layer: layer, weights: weights)
        expectClose(inputGradient.array(), expected.input, "dL/dx \(test)")
        expectClose(ConvolutionLayer.torchLayout(executable.kernel.gradient, geometry: geometry), expected.weights,
                    "dL/dW \(test)")
        if test.bias { expectClose(executable.bias.gradient, expected.bias, "dL/db \(test)") }
    }

    @Test func asymmetricSamePaddingPutsTheOddPixelAfter() throws {
        let layer = try checkedLayer(.convolution(Convolution(filters: 1, kernel: Size2(square: 2), padding: .same)),
                                     input: .image(height: 8, width: 8, channels: 2))
        #expect(layer.padding == Insets(top: 0, bottom: 1, left: 0, right: 1))
    }

    /// The lecture example: bright left half (10), dark right half (0), filter [[1,0,-1]] x 3 rows.
    @Test func verticalEdgeOnSixBySixImage() throws {
        let model = try Model(input: .image(height: 6, width: 6, channels: 1), operations: [
            .convolution(Convolution(filters: 1, kernel: Size2(square: 3), fixedFilter: .prewittx)),
        ])
        let network = Network(model: model)
        let image = (0..<36).map { $0 % 6 < 3 ? Float(10) : 0 }
        let output = try network.forward(Tensor(shape: [1, 6, 6, 1], scalars: image))
        #expect(output.shape == [1, 4, 4, 1])
        #expect(output.scalars == Array(repeating: [0, 30, 30, 0] as [Float], count: 4).flatMap { $0 })
        #expect(network.weights["conv1.weight"]?.scalars == [1, 0, -1, 1, 0, -1, 1, 0, -1])
        #expect(network.weights["conv1.bias"]?.scalars == [0])
    }

    @Test func fixedFilterBankAlternatesAndAveragesChannels() throws {
        let model = try Model(input: .image(height: 5, width: 5, channels: 3), operations: [
            .convolution(Convolution(filters: 3, kernel: Size2(square: 3), fixedFilter: .sobel)),
        ])
        let weights = try #require(Network(model: model).weights["conv1.weight"])
        #expect(weights.shape == [3, 3, 3, 3])
        let third: Float = 1 / 3
        let sobelX: [Float] = [1, 0, -1, 2, 0, -2, 1, 0, -1].map { $0 * third }
        let sobelY: [Float] = [1, 2, 1, 0, 0, 0, -1, -2, -1].map { $0 * third }
        #expect(Array(weights.scalars[0..<27]) == sobelX + sobelX + sobelX)
        #expect(Array(weights.scalars[27..<54]) == sobelY + sobelY + sobelY)
        #expect(Array(weights.scalars[54..<81]) == sobelX + sobelX + sobelX)
        // A grey image replicated over RGB gives the grey image's edge map.
        let grey = randomValues(25, seed: 3)
        let greyModel = try Model(input: .image(height: 5, width: 5, channels: 1), operations: [
            .convolution(Convolution(filters: 3, kernel: Size2(square: 3), fixedFilter: .sobel)),
        ])
        let fromGrey = try Network(model: greyModel).forward(Tensor(shape: [1, 5, 5, 1], scalars: grey))
        let fromRGB = try Network(model: model).forward(Tensor(shape: [1, 5, 5, 3], scalars: grey.flatMap { [$0, $0, $0] }))
        expectClose(fromRGB.scalars, fromGrey.scalars, tolerance: 1e-5)
    }
}
