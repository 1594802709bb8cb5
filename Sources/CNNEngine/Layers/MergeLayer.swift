import CNNModel

/// `add`, `concat` and `mul`: the layers with several inputs, forward and backward.
final class MergeLayer: NetworkLayer {
    let layer: Layer
    let kind: MergeKind
    /// Channels of each input (concat), or whether it is a 1x1xC gate over an image (mul).
    private let channels: [Int]
    private let isGate: [Bool]
    /// `H * W` of the output (1 for vectors).
    private let positions: Int

    init(_ layer: Layer, kind: MergeKind) {
        self.layer = layer
        self.kind = kind
        channels = layer.inputShapes.map(\.channels)
        positions = layer.outputShape.elementCount / layer.outputShape.channels
        isGate = layer.inputShapes.map { $0.elementCount != layer.outputShape.elementCount }
    }

    func forward(_ inputs: [FloatBuffer], into output: FloatBuffer, batch: Int) {
        switch kind {
        case .add:
            MergeKernels.add(inputs, into: output, count: batch * layer.outputShape.elementCount)
        case .concat:
            MergeKernels.concat(inputs, channels: channels, into: output, positions: batch * positions)
        case .mul:
            MergeKernels.multiply(inputs, isGate: isGate, into: output, batch: batch, positions: positions,
                                  channels: layer.outputShape.channels)
        }
    }

    func backward(inputs: [FloatBuffer], output: FloatBuffer, gradient: FloatBuffer, inputGradients: [FloatBuffer?],
                  batch: Int, beforeSoftmax: Bool) {
        switch kind {
        case .add:
            for target in inputGradients {
                target?.pointer.update(from: gradient.pointer, count: batch * layer.outputShape.elementCount)
            }
        case .concat:
            MergeKernels.split(gradient, channels: channels, into: inputGradients, positions: batch * positions)
        case .mul:
            MergeKernels.multiplyBackward(inputs, isGate: isGate, gradient: gradient, into: inputGradients,
                                          batch: batch, positions: positions, channels: layer.outputShape.channels)
        }
    }
}
