import CNNModel

/// `dense`: fully connected, `y = act(W x + b)`.
///
/// Weights are kept as `matrix [in, out]` with `in` in the order the input lies in memory: NHWC
/// `(h, w, c)` for an image input, which the layer flattens without moving data. `parameters`
/// converts to and from PyTorch's `[out, in]` with `in` in C x H x W order.
/// Backward: `dW = X^T G`, `dX = G W^T`, `db = sum G`.
final class DenseLayer: UnaryNetworkLayer {
    let layer: Layer
    let dense: Dense
    let inputs: Int
    let outputs: Int
    /// `[in, out]`, `in` in memory order.
    let matrix: Parameter
    /// `[out]`; zeros when the layer has no bias.
    let bias: Parameter
    private let panels: PackedPanels
    /// Backward's reusable space: `X^T`, `G` packed, and `W^T` packed (refilled when `W` changed).
    private var inputTransposed = FloatBuffer(count: 0)
    private var gradientPanels: PackedPanels?
    private var transposedPanels: PackedPanels?
    private var weightsChanged = true
    private let gather: RowGather
    private let fused: FusedActivation
    private let trailing: TrailingActivation
    /// For each memory-order input index, its index in PyTorch's C x H x W flatten order.
    private let torchIndex: [Int]

    init(_ layer: Layer, dense: Dense, generator: inout SeededGenerator) {
        self.layer = layer
        self.dense = dense
        inputs = layer.inputShape.elementCount
        outputs = dense.units
        let split = Activation.split(dense.activation)
        (fused, trailing) = (split.fused, TrailingActivation(split.separate))
        torchIndex = DenseLayer.torchOrder(of: layer.inputShape)
        gather = .matrix(stride: inputs, depth: inputs)
        let torchWeights = WeightInitializer.weights(count: inputs * outputs, fanIn: inputs, fanOut: outputs,
                                                     activation: dense.activation, generator: &generator)
        matrix = Parameter(DenseLayer.internalLayout(torchWeights, torchIndex: torchIndex, outputs: outputs))
        bias = Parameter([Float](repeating: 0, count: outputs))
        panels = PackedPanels(depth: inputs, columns: outputs)
        parametersDidChange()
    }

    var parameters: [Tensor] {
        var torch = [Float](repeating: 0, count: inputs * outputs)
        for i in 0..<inputs {
            for o in 0..<outputs { torch[o * inputs + torchIndex[i]] = matrix.value[i * outputs + o] }
        }
        var tensors = [Tensor(shape: [outputs, inputs], scalars: torch)]
        if dense.bias { tensors.append(Tensor(shape: [outputs], scalars: bias.value)) }
        return tensors
    }

    func load(_ tensors: [Tensor]) {
        matrix.value = DenseLayer.internalLayout(tensors[0].scalars, torchIndex: torchIndex, outputs: outputs)
        if dense.bias { bias.value = tensors[1].scalars }
        parametersDidChange()
    }

    var trainableParameters: [Parameter] { dense.bias ? [matrix, bias] : [matrix] }

    func parametersDidChange() {
        matrix.value.withUnsafeBufferPointer { panels.fill(from: $0.baseAddress!, rowStride: outputs) }
        bias.value.withUnsafeBufferPointer { panels.fillBias(from: $0.baseAddress!) }
        weightsChanged = true
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        activationBackward(dense.activation, input: trailing.inputForGradient, output: output, gradient: gradient,
                           batch: batch, beforeSoftmax: beforeSoftmax)
        if inputTransposed.count < inputs * batch { inputTransposed = FloatBuffer(count: inputs * batch) }
        GradientKernels.transpose(input.pointer, rows: batch, columns: inputs, into: inputTransposed.pointer)
        let gradientPanels = PackedPanels.reusing(&gradientPanels, depth: batch, columns: outputs)
        gradientPanels.fill(from: gradient.pointer, rowStride: outputs)
        matrix.gradient.withUnsafeMutableBufferPointer { weightGradient in
            GEMM.multiply(a: inputTransposed.pointer, gather: .matrix(stride: batch, depth: batch), rows: inputs,
                          b: gradientPanels, c: weightGradient.baseAddress!, ldc: outputs, activation: .none)
        }
        if dense.bias { GradientKernels.columnSums(gradient, rows: batch, columns: outputs, into: &bias.gradient) }
        guard let inputGradient else { return }
        let transposedPanels = PackedPanels.reusing(&transposedPanels, depth: outputs, columns: inputs)
        if weightsChanged {
            matrix.value.withUnsafeBufferPointer {
                transposedPanels.fill(from: $0.baseAddress!, rowStride: 1, columnStride: outputs)
            }
            weightsChanged = false
        }
        GEMM.multiply(a: gradient, gather: .matrix(stride: outputs, depth: outputs), rows: batch, b: transposedPanels,
                      c: inputGradient, ldc: inputs, activation: .none)
    }

    var kernelName: String { "gemm \(panels.tile)" }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        forward(input, into: output, batch: batch, training: false)
    }

    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        forward(input, into: output, batch: batch, training: true)
    }

    private func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int, training: Bool) {
        GEMM.multiply(a: input, gather: gather, rows: batch, b: panels, c: output, ldc: outputs, activation: fused)
        trailing.apply(to: output, count: batch * outputs, channels: outputs, training: training)
    }

    /// PyTorch `[out, in]` (in C x H x W order) to `[in, out]` in memory order.
    private static func internalLayout(_ torch: [Float], torchIndex: [Int], outputs: Int) -> [Float] {
        let inputs = torchIndex.count
        var result = [Float](repeating: 0, count: torch.count)
        for i in 0..<inputs {
            for o in 0..<outputs { result[i * outputs + o] = torch[o * inputs + torchIndex[i]] }
        }
        return result
    }

    /// Memory index (h, w, c) of an NHWC image to its C x H x W flatten index; identity for vectors.
    static func torchOrder(of shape: Shape) -> [Int] {
        guard case let .image(h, w, c) = shape else { return Array(0..<shape.elementCount) }
        var order = [Int](repeating: 0, count: h * w * c)
        for y in 0..<h {
            for x in 0..<w {
                for channel in 0..<c { order[(y * w + x) * c + channel] = (channel * h + y) * w + x }
            }
        }
        return order
    }
}
