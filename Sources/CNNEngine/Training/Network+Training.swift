import CNNModel

/// The training half of `Network`: a forward pass in training mode, the backward pass through
/// every layer, and access to the trainable weights.
extension Network {
    /// Every trainable weight of the network, layer by layer, for an optimizer.
    var trainableParameters: [Parameter] { layers.flatMap(\.trainableParameters) }

    /// Lets layers repack or refold what an optimizer step changed.
    func parametersDidChange() {
        for layer in layers { layer.parametersDidChange() }
    }

    /// Runs the training forward pass on the `batch` samples in `activations[0]`.
    func forwardTraining(batch: Int, generator: inout SeededGenerator) {
        for (index, layer) in layers.enumerated() {
            layer.forwardTraining(activations[index], into: activations[index + 1], batch: batch, generator: &generator)
        }
    }

    /// Back-propagates `gradients[layers.count]` (dL/d output, or dL/d logits when `beforeSoftmax`)
    /// through every layer, leaving weight gradients in the layers' parameters.
    /// `inputGradient`: also compute dL/d input into `gradients[0]` (tests need it; training does not).
    func backward(batch: Int, beforeSoftmax: Bool, inputGradient: Bool = false) {
        for index in layers.indices.reversed() {
            layers[index].backward(
                input: activations[index], output: activations[index + 1], gradient: gradients[index + 1],
                inputGradient: index > 0 || inputGradient ? gradients[index] : nil, batch: batch,
                beforeSoftmax: beforeSoftmax && index == layers.count - 1)
        }
    }

    /// Copies samples `indices` of `images` (`[N, ...]`) into `activations[0]`, as one batch.
    func loadBatch(_ images: Tensor, indices: ArraySlice<Int>) {
        reserve(batch: indices.count)
        let size = model.input.elementCount
        images.scalars.withUnsafeBufferPointer { source in
            for (slot, index) in indices.enumerated() {
                activations[0].copy(from: source, range: index * size..<(index + 1) * size, offset: slot * size)
            }
        }
    }

    /// The network's output for the last batch: `[batch] + model.output.dimensions`.
    func lastOutput(batch: Int) -> Tensor {
        Tensor(shape: outputShape(batch: batch), scalars: activations[layers.count].array(length: batch * model.output.elementCount))
    }

    /// Training-mode forward and backward for a whole `input`, with dL/d output given: the input
    /// gradient and each trainable parameter's gradient. For gradient checks.
    func gradients(input: Tensor, outputGradient: Tensor, seed: UInt64 = 0) -> (input: Tensor, parameters: [[Float]]) {
        let batch = input.shape[0]
        reserve(batch: batch)
        activations[0].copy(from: input.scalars)
        var generator = SeededGenerator(seed: seed)
        forwardTraining(batch: batch, generator: &generator)
        gradients[layers.count].copy(from: outputGradient.scalars)
        backward(batch: batch, beforeSoftmax: false, inputGradient: true)
        return (Tensor(shape: input.shape, scalars: gradients[0].array(length: input.count)),
                trainableParameters.map(\.gradient))
    }

    /// The training-mode output for `input` (dropout from `seed`): what the gradients differentiate.
    func trainingOutput(_ input: Tensor, seed: UInt64 = 0) -> Tensor {
        let batch = input.shape[0]
        reserve(batch: batch)
        activations[0].copy(from: input.scalars)
        var generator = SeededGenerator(seed: seed)
        forwardTraining(batch: batch, generator: &generator)
        return lastOutput(batch: batch)
    }
}
