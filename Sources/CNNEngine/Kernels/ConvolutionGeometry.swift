import CNNModel

/// Every size a convolution kernel needs, resolved from a checked `Layer`.
///
/// The input is NHWC `[N, H, W, C]`; when the layer pads, the kernel first copies it into a zeroed
/// `[N, H + top + bottom, W + left + right, C]` scratch tensor so that every window is in bounds.
/// Weights are `[KH, KW, C/groups, F]`: the depth order `(kh, kw, c)` of one im2col row.
struct ConvolutionGeometry: Hashable, Sendable {
    var inputHeight: Int
    var inputWidth: Int
    var channels: Int
    var outputHeight: Int
    var outputWidth: Int
    var filters: Int
    var kernel: Size2
    var stride: Size2
    var dilation: Size2
    var groups: Int
    var padding: Insets

    init(inputHeight: Int, inputWidth: Int, channels: Int, outputHeight: Int, outputWidth: Int,
         filters: Int, kernel: Size2, stride: Size2, dilation: Size2, groups: Int, padding: Insets) {
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.groups = groups
        self.padding = padding
    }

    /// The geometry of a convolution layer; nil for any other layer.
    init?(_ layer: Layer) {
        guard case let .convolution(conv) = layer.operation,
              case let .image(h, w, c) = layer.inputShape,
              case let .image(oh, ow, f) = layer.outputShape else { return nil }
        self.init(inputHeight: h, inputWidth: w, channels: c, outputHeight: oh, outputWidth: ow, filters: f,
                  kernel: conv.kernel, stride: conv.stride, dilation: conv.dilation, groups: conv.groups,
                  padding: layer.padding)
    }

    /// The convolution whose input gradient a transposed convolution computes: from the deconv's
    /// output (`[Ho, Wo, F]`) to its input (`[Hi, Wi, C]`), same kernel, stride, dilation and
    /// groups, padding `p` on top and left. Bottom and right padding is only what the windows of
    /// the last rows and columns need (`p - output padding`, at least 0). The weights of this
    /// convolution, `[C, F/g, KH, KW]` in PyTorch's layout, are exactly `ConvTranspose2d`'s.
    init?(transposing layer: Layer) {
        guard case let .deconvolution(deconv) = layer.operation,
              case let .image(h, w, c) = layer.inputShape,
              case let .image(oh, ow, f) = layer.outputShape else { return nil }
        let p = deconv.padding, op = deconv.outputPadding
        self.init(inputHeight: oh, inputWidth: ow, channels: f, outputHeight: h, outputWidth: w, filters: c,
                  kernel: deconv.kernel, stride: deconv.stride, dilation: deconv.dilation, groups: deconv.groups,
                  padding: Insets(top: p.height, bottom: max(p.height - op.height, 0),
                                  left: p.width, right: max(p.width - op.width, 0)))
    }

    var groupChannels: Int { channels / groups }
    var groupFilters: Int { filters / groups }
    /// Inner dimension of the GEMM: one window of one group, `KH * KW * C/groups`.
    var depth: Int { kernel.area * groupChannels }
    var paddedHeight: Int { inputHeight + padding.top + padding.bottom }
    var paddedWidth: Int { inputWidth + padding.left + padding.right }
    var inputCount: Int { inputHeight * inputWidth * channels }
    var paddedCount: Int { paddedHeight * paddedWidth * channels }
    var outputCount: Int { outputHeight * outputWidth * filters }

    /// Where the windows of group `group` lie in the (padded) input, as GEMM rows.
    func gather(group: Int) -> RowGather {
        let c = channels, wp = paddedWidth
        var offsets: [Int] = []
        let length: Int
        if groups == 1 && dilation.width == 1 {
            // One window row (kw, c) is contiguous in NHWC: one run per kernel row.
            length = kernel.width * c
            for kh in 0..<kernel.height { offsets.append(kh * dilation.height * wp * c) }
        } else {
            length = groupChannels
            for kh in 0..<kernel.height {
                for kw in 0..<kernel.width {
                    offsets.append((kh * dilation.height * wp + kw * dilation.width) * c + group * groupChannels)
                }
            }
        }
        return RowGather(outputHeight: outputHeight, outputWidth: outputWidth, imageStride: paddedCount,
                         rowStride: stride.height * wp * c, columnStride: stride.width * c,
                         segmentOffsets: offsets, segmentLength: length)
    }
}
