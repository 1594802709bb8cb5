import CNNModel

/// `conv`: cross-correlation with a filter bank, bias and fused activation.
///
/// Weights are kept as `kernel [KH, KW, C/g, F]` (the im2col depth order of an NHWC window) and
/// packed into GEMM panels per group whenever they change (a depthwise layer, one filter per
/// channel, keeps a plain copy for `DepthwiseKernel` instead); inference may fold a following
/// batchnorm into them (`fold`). `parameters` converts to and from PyTorch's `[F, C/g, KH, KW]`.
/// Backward: `dW = X_col^T G`, `dX = col2im(G W^T)`, `db = sum G`.
final class ConvolutionLayer: UnaryNetworkLayer {
    let layer: Layer
    let convolution: Convolution
    let geometry: ConvolutionGeometry
    /// `[KH, KW, C/g, F]`.
    let kernel: Parameter
    /// `[F]`; zeros when the layer has no bias.
    let bias: Parameter
    private var panels: [PackedPanels] = []
    /// A depthwise layer's weights `[KH, KW, C]` and bias `[C]` for `DepthwiseKernel`, instead of panels.
    private let depthwise: (weights: FloatBuffer, bias: FloatBuffer)?
    private let gathers: [RowGather]
    private let fused: FusedActivation
    private let trailing: TrailingActivation
    private var padded = FloatBuffer(count: 0)
    private var workspace = ConvolutionBackward.Workspace()
    /// Set while the panels hold weights with a batchnorm folded in (`fold`), with the activation
    /// the store then applies; nil while they hold `kernel` and `bias` as they are.
    private var foldedActivation: FusedActivation?

    init(_ layer: Layer, convolution: Convolution, generator: inout SeededGenerator) {
        guard let geometry = ConvolutionGeometry(layer) else { preconditionFailure("\(layer.name) is not a conv") }
        self.layer = layer
        self.convolution = convolution
        self.geometry = geometry
        let split = Activation.split(convolution.activation)
        (fused, trailing) = (split.fused, TrailingActivation(split.separate))
        let isDepthwise = geometry.groups > 1 && geometry.groups == geometry.channels
            && geometry.filters == geometry.channels
        depthwise = isDepthwise
            ? (FloatBuffer(count: geometry.depth * geometry.filters), FloatBuffer(count: geometry.filters)) : nil
        gathers = isDepthwise ? [] : (0..<geometry.groups).map(geometry.gather(group:))
        let g = geometry
        let torchWeights: [Float]
        if let filter = convolution.fixedFilter {
            torchWeights = filter.weights(filters: g.filters, channelsPerGroup: g.groupChannels)
        } else {
            torchWeights = WeightInitializer.weights(
                count: g.filters * g.depth, fanIn: g.depth, fanOut: g.filters * g.kernel.area,
                activation: convolution.activation, generator: &generator)
        }
        kernel = Parameter(ConvolutionLayer.internalLayout(torchWeights, geometry: g))
        bias = Parameter([Float](repeating: 0, count: g.filters))
        pack()
    }

    var parameters: [Tensor] {
        let g = geometry
        var tensors = [Tensor(shape: [g.filters, g.groupChannels, g.kernel.height, g.kernel.width],
                              scalars: ConvolutionLayer.torchLayout(kernel.value, geometry: g))]
        if convolution.bias { tensors.append(Tensor(shape: [g.filters], scalars: bias.value)) }
        return tensors
    }

    func load(_ tensors: [Tensor]) {
        kernel.value = ConvolutionLayer.internalLayout(tensors[0].scalars, geometry: geometry)
        if convolution.bias { bias.value = tensors[1].scalars }
        pack()
    }

    var kernelName: String {
        if depthwise != nil { return "depthwise \(geometry.kernel)" }
        return "gemm \(panels[0].tile)" + (geometry.groups > 1 ? " x\(geometry.groups) groups" : "")
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        forward(input, into: output, batch: batch, training: false)
    }

    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        forward(input, into: output, batch: batch, training: true)
    }

    private func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int, training: Bool) {
        if training && foldedActivation != nil { pack() }
        // At inference the store also applies sigmoid and silu, which training runs as a pass.
        let storeActivation = training ? nil : convolution.activation?.inferenceFused
        let activation = foldedActivation ?? storeActivation ?? fused
        if let depthwise {
            DepthwiseKernel.forward(input: input, batch: batch, geometry: geometry, weights: depthwise.weights,
                                    bias: depthwise.bias, output: output, activation: activation)
        } else {
            gemmForward(input, into: output, batch: batch, activation: activation)
        }
        if storeActivation == nil {
            trailing.apply(to: output, count: batch * geometry.outputCount, channels: geometry.filters, training: training)
        }
    }

    private func gemmForward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int, activation: FusedActivation) {
        if !geometry.padding.isZero && padded.count < batch * geometry.paddedCount {
            padded = FloatBuffer(count: batch * geometry.paddedCount)
        }
        ConvolutionKernel.forward(input: input, batch: batch, geometry: geometry, panels: panels, gathers: gathers, padded: padded,
                                  output: output, activation: activation)
    }

    var trainableParameters: [Parameter] {
        guard convolution.fixedFilter == nil else { return [] }
        return convolution.bias ? [kernel, bias] : [kernel]
    }

    func parametersDidChange() { pack() }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        let g = geometry
        activationBackward(convolution.activation, input: trailing.inputForGradient, output: output,
                           gradient: gradient, batch: batch, beforeSoftmax: beforeSoftmax)
        if !trainableParameters.isEmpty {
            kernel.gradient.withUnsafeMutableBufferPointer { weightGradient in
                ConvolutionBackward.filterGradient(input: input, gradient: gradient, batch: batch, geometry: g,
                                                   workspace: &workspace, into: weightGradient.baseAddress!)
            }
            if convolution.bias {
                let rows = batch * g.outputHeight * g.outputWidth
                GradientKernels.columnSums(gradient, rows: rows, columns: g.filters, into: &bias.gradient)
            }
        }
        if let inputGradient {
            ConvolutionBackward.inputGradient(gradient: gradient, weights: kernel.value, batch: batch, geometry: g,
                                              workspace: &workspace, into: inputGradient)
        }
    }

    /// Packs the panels with a following batchnorm folded in, `W' = W * scale`, `b' = b * scale + shift`
    /// per filter, and `activation` applied by the store: what inference runs for a fused group.
    func fold(scale: [Float], shift: [Float], activation: FusedActivation) {
        let filters = geometry.filters
        var weights = kernel.value
        for k in 0..<geometry.depth {
            for f in 0..<filters { weights[k * filters + f] *= scale[f] }
        }
        pack(weights, bias: (0..<filters).map { bias.value[$0] * scale[$0] + shift[$0] })
        foldedActivation = activation
    }

    /// Refills the GEMM panels of every group (or the depthwise kernel's copy) from `kernel` and `bias`.
    private func pack() {
        pack(kernel.value, bias: bias.value)
        foldedActivation = nil
        workspace.weightsChanged = true
    }

    private func pack(_ weights: [Float], bias: [Float]) {
        if let depthwise {
            depthwise.weights.copy(from: weights)
            depthwise.bias.copy(from: bias)
        } else {
            ConvolutionBackward.pack(weights, bias: bias, geometry: geometry, into: &panels)
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
