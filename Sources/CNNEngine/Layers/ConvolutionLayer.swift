import CNNModel

/// `conv`: cross-correlation with a filter bank, bias and fused activation.
///
/// Weights are kept as `kernel [KH, KW, C/g, F]` (the im2col depth order of an NHWC window) and
/// packed into GEMM panels per group whenever they change; `parameters` converts to and from
/// PyTorch's `[F, C/g, KH, KW]`.
final class ConvolutionLayer: NetworkLayer {
    let layer: Layer
    let convolution: Convolution
    let geometry: ConvolutionGeometry
    /// `[KH, KW, C/g, F]`.
    private(set) var kernel: [Float]
    /// `[F]`; zeros when the layer has no bias.
    private(set) var bias: [Float]
    private var panels: [PackedPanels] = []
    private let gathers: [RowGather]
    private let activation: (fused: FusedActivation, separate: Activation?)
    private var padded = FloatBuffer(count: 0)

    init(_ layer: Layer, convolution: Convolution, generator: inout SeededGenerator) {
        guard let geometry = ConvolutionGeometry(layer) else { preconditionFailure("\(layer.name) is not a conv") }
        self.layer = layer
        self.convolution = convolution
        self.geometry = geometry
        activation = Activation.split(convolution.activation)
        gathers = (0..<geometry.groups).map(geometry.gather(group:))
        let g = geometry
        let torchWeights: [Float]
        if let filter = convolution.fixedFilter {
            torchWeights = filter.weights(filters: g.filters, channelsPerGroup: g.groupChannels)
        } else {
            torchWeights = WeightInitializer.weights(
                count: g.filters * g.depth, fanIn: g.depth, fanOut: g.filters * g.kernel.area,
                activation: convolution.activation, generator: &generator)
        }
        kernel = ConvolutionLayer.internalLayout(torchWeights, geometry: g)
        bias = [Float](repeating: 0, count: g.filters)
        pack()
    }

    var parameters: [Tensor] {
        let g = geometry
        var tensors = [Tensor(shape: [g.filters, g.groupChannels, g.kernel.height, g.kernel.width],
                              scalars: ConvolutionLayer.torchLayout(kernel, geometry: g))]
        if convolution.bias { tensors.append(Tensor(shape: [g.filters], scalars: bias)) }
        return tensors
    }

    func load(_ tensors: [Tensor]) {
        kernel = ConvolutionLayer.internalLayout(tensors[0].scalars, geometry: geometry)
        if convolution.bias { bias = tensors[1].scalars }
        pack()
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        if !geometry.padding.isZero && padded.count < batch * geometry.paddedCount {
            padded = FloatBuffer(count: batch * geometry.paddedCount)
        }
        ConvolutionKernel.forward(input: input, batch: batch, geometry: geometry, panels: panels, gathers: gathers, padded: padded,
                                  output: output, activation: activation.fused)
        if let separate = activation.separate {
            ElementwiseKernels.apply(separate, to: output, count: batch * geometry.outputCount,
                                     channels: geometry.filters)
        }
    }

    /// Rebuilds the GEMM panels of every group from `kernel` and `bias`.
    private func pack() {
        let g = geometry
        panels = (0..<g.groups).map { group in
            PackedPanels(matrix: kernel, depth: g.depth, columns: g.groupFilters, stride: g.filters,
                         columnOffset: group * g.groupFilters, bias: bias, biasOffset: group * g.groupFilters)
        }
    }

    /// PyTorch `[F, C/g, KH, KW]` to `[KH, KW, C/g, F]`.
    static func internalLayout(_ torch: [Float], geometry g: ConvolutionGeometry) -> [Float] {
        var result = [Float](repeating: 0, count: torch.count)
        let kh = g.kernel.height, kw = g.kernel.width, cg = g.groupChannels, f = g.filters
        for filter in 0..<f {
            for c in 0..<cg {
                for i in 0..<kh {
                    for j in 0..<kw {
                        result[((i * kw + j) * cg + c) * f + filter] = torch[((filter * cg + c) * kh + i) * kw + j]
                    }
                }
            }
        }
        return result
    }

    /// `[KH, KW, C/g, F]` back to PyTorch's `[F, C/g, KH, KW]`.
    static func torchLayout(_ kernel: [Float], geometry g: ConvolutionGeometry) -> [Float] {
        var result = [Float](repeating: 0, count: kernel.count)
        let kh = g.kernel.height, kw = g.kernel.width, cg = g.groupChannels, f = g.filters
        for filter in 0..<f {
            for c in 0..<cg {
                for i in 0..<kh {
                    for j in 0..<kw {
                        result[((filter * cg + c) * kh + i) * kw + j] = kernel[((i * kw + j) * cg + c) * f + filter]
                    }
                }
            }
        }
        return result
    }
}
