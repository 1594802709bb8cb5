import CNNModel

/// `deconv`: PyTorch's `ConvTranspose2d`, computed as the input gradient of the convolution it
/// transposes (`ConvolutionGeometry(transposing:)`), so it runs on the same packed GEMM.
///
/// Weights are kept as that convolution's `[KH, KW, F/g, C]`; `parameters` converts to and from
/// PyTorch's `[C, F/g, KH, KW]`. Forward: `Y = col2im(X W^T) + b`. Backward: `dX` is the
/// convolution's forward pass of `dY`, `dW` its filter gradient of `dY` against `X`, `db = sum dY`.
final class DeconvolutionLayer: UnaryNetworkLayer {
    let layer: Layer
    let deconvolution: Deconvolution
    /// The transposed convolution: input `[Ho, Wo, F]`, output `[Hi, Wi, C]`.
    let geometry: ConvolutionGeometry
    let kernel: Parameter
    /// `[F]`; zeros when the layer has no bias.
    let bias: Parameter
    private let fused: FusedActivation
    private let trailing: TrailingActivation
    private var transposedPanels: [PackedPanels] = []
    private var panels: [PackedPanels] = []
    private let gathers: [RowGather]
    private var workspace = ConvolutionBackward.Workspace(), padded = FloatBuffer(count: 0)

    init(_ layer: Layer, deconvolution: Deconvolution, generator: inout SeededGenerator) {
        guard let geometry = ConvolutionGeometry(transposing: layer) else {
            preconditionFailure("\(layer.name) is not a deconv")
        }
        self.layer = layer
        self.deconvolution = deconvolution
        self.geometry = geometry
        // The activation runs after the bias, which col2im cannot fuse: only the trailing pass applies it.
        (fused, trailing) = (.none, TrailingActivation(deconvolution.activation))
        gathers = (0..<geometry.groups).map(geometry.gather(group:))
        let g = geometry
        let torchWeights = WeightInitializer.weights(
            count: g.filters * g.depth, fanIn: g.depth, fanOut: g.filters * g.kernel.area,
            activation: deconvolution.activation, generator: &generator)
        kernel = Parameter(ConvolutionLayer.internalLayout(torchWeights, geometry: g))
        bias = Parameter([Float](repeating: 0, count: g.channels))
        pack()
    }

    var parameters: [Tensor] {
        let g = geometry
        var tensors = [Tensor(shape: [g.filters, g.groupChannels, g.kernel.height, g.kernel.width],
                              scalars: ConvolutionLayer.torchLayout(kernel.value, geometry: g))]
        if deconvolution.bias { tensors.append(Tensor(shape: [g.channels], scalars: bias.value)) }
        return tensors
    }

    func load(_ tensors: [Tensor]) {
        kernel.value = ConvolutionLayer.internalLayout(tensors[0].scalars, geometry: geometry)
        if deconvolution.bias { bias.value = tensors[1].scalars }
        pack()
    }

    var trainableParameters: [Parameter] { deconvolution.bias ? [kernel, bias] : [kernel] }

    func parametersDidChange() { pack() }

    var kernelName: String { "gemm \(transposedPanels[0].tile) + col2im" }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        forward(input, into: output, batch: batch, training: false)
    }

    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        forward(input, into: output, batch: batch, training: true)
    }

    private func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int, training: Bool) {
        let g = geometry
        ConvolutionBackward.inputGradient(gradient: input, transposedWeights: transposedPanels, batch: batch,
                                          geometry: g, workspace: &workspace, into: output)
        if deconvolution.bias {
            ElementwiseKernels.addBias(bias.value, to: output, positions: batch * g.inputHeight * g.inputWidth)
        }
        trailing.apply(to: output, count: batch * g.inputCount, channels: g.channels, training: training)
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        let g = geometry
        activationBackward(deconvolution.activation, input: trailing.inputForGradient, output: output,
                           gradient: gradient, batch: batch, beforeSoftmax: beforeSoftmax)
        kernel.gradient.withUnsafeMutableBufferPointer { weightGradient in
            ConvolutionBackward.filterGradient(input: gradient, gradient: input, batch: batch, geometry: g,
                                               workspace: &workspace, into: weightGradient.baseAddress!)
        }
        if deconvolution.bias {
            GradientKernels.columnSums(gradient, rows: batch * g.inputHeight * g.inputWidth, columns: g.channels,
                                       into: &bias.gradient)
        }
        guard let inputGradient else { return }
        if !g.padding.isZero && padded.count < batch * g.paddedCount { padded = FloatBuffer(count: batch * g.paddedCount) }
        ConvolutionKernel.forward(input: gradient, batch: batch, geometry: g, panels: panels, gathers: gathers,
                                  padded: padded, output: inputGradient, activation: fused)
    }

    /// Refills `W^T` for the forward pass and `W` (without bias) for the input gradient.
    private func pack() {
        ConvolutionBackward.packTransposed(kernel.value, geometry: geometry, into: &transposedPanels)
        ConvolutionBackward.pack(kernel.value, bias: nil, geometry: geometry, into: &panels)
    }
}
