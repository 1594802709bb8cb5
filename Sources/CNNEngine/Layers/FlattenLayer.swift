import CNNModel

/// `flatten`: an image becomes a vector in PyTorch's C x H x W order, so a network that ends in
/// (or is exported after) a flatten gives PyTorch's numbers in PyTorch's order.
final class FlattenLayer: UnaryNetworkLayer {
    let layer: Layer

    init(_ layer: Layer) {
        self.layer = layer
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        if case let .image(h, w, c) = layer.inputShape {
            ElementwiseKernels.flattenToCHW(input: input, output: output, batch: batch, height: h, width: w,
                                            channels: c)
        } else {
            ElementwiseKernels.copy(from: input, to: output, count: batch * layer.inputShape.elementCount)
        }
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        guard let inputGradient else { return }
        if case let .image(h, w, c) = layer.inputShape {
            GradientKernels.unflattenFromCHW(gradient: gradient, into: inputGradient, batch: batch, height: h,
                                             width: w, channels: c)
        } else {
            ElementwiseKernels.copy(from: gradient, to: inputGradient, count: batch * layer.inputShape.elementCount)
        }
    }
}
