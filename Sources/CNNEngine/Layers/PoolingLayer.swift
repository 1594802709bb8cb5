import CNNModel

/// `maxpool`, `avgpool`, `globalmaxpool`, `globalavgpool`: window reductions without weights.
final class PoolingLayer: UnaryNetworkLayer {
    let layer: Layer
    let geometry: PoolingGeometry

    init(_ layer: Layer) {
        guard let geometry = PoolingGeometry(layer) else { preconditionFailure("\(layer.name) is not a pooling") }
        self.layer = layer
        self.geometry = geometry
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        PoolingKernel.forward(input: input, batch: batch, geometry: geometry, output: output)
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        guard let inputGradient else { return }
        GradientKernels.pooling(input: input, gradient: gradient, into: inputGradient, batch: batch, geometry: geometry)
    }
}
