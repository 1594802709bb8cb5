import CNNModel

/// The training half of `Network`: a forward pass in training mode, the backward pass through
/// the graph, and access to the trainable weights.
extension Network {
    /// Every trainable weight of the network, layer by layer, for an optimizer.
    var trainableParameters: [Parameter] { layers.flatMap(\.trainableParameters) }

    /// Lets layers repack or refold what an optimizer step changed.
    func parametersDidChange() {
        for layer in layers { layer.parametersDidChange() }
        weightsDidChange()
    }

    /// Runs the training forward pass on the `batch` samples in `values[0]`.
    func forwardTraining(batch: Int, generator: inout SeededGenerator) {
        weightsDidChange()  // batchnorm's running statistics move
        for (index, layer) in layers.enumerated() {
            layer.forwardTraining(layerInputs[index], into: values[index + 1], batch: batch, generator: &generator)
        }
    }

    /// The value of the (first) output, whose gradient the loss gives.
    private var outputValue: Int { model.outputs[0].value.rawValue }

    /// Sets dL/d(first output) for the `batch` samples of the last training pass.
    func setOutputGradient(_ gradient: ArraySlice<Float>) {
        gradient.withUnsafeBufferPointer { source in
            gradients[outputValue].copy(from: source, range: 0..<source.count, offset: 0)
        }
    }

    /// Back-propagates the output gradient (dL/d output, or dL/d logits when `beforeSoftmax`)
    /// through every layer in reverse order, leaving weight gradients in the layers' parameters.
    /// A value read by several layers receives the sum of their gradients.
    /// `inputGradient`: also compute dL/d input into `gradients[0]` (tests need it; training does not).
    func backward(batch: Int, beforeSoftmax: Bool, inputGradient: Bool = false) {
        for value in summedGradients {
            gradients[value].pointer.update(repeating: 0, count: batch * model.shape(of: ValueID(rawValue: value)).elementCount)
        }
        for index in layers.indices.reversed() {
            let inputs = model.layers[index].inputs
            var targets = gradientTargets[index]
            if inputGradient, let slot = inputs.firstIndex(of: .input) { targets[slot] = target(of: .input, slot: slot) }
            let output = index + 1
            layers[index].backward(inputs: layerInputs[index], output: values[output], gradient: gradients[output],
                                   inputGradients: targets, batch: batch, beforeSoftmax: beforeSoftmax && output == outputValue)
            for (slot, value) in inputs.enumerated() where targets[slot] != nil && accumulatesGradient[value.rawValue] {
                let count = batch * model.shape(of: value).elementCount
                let sum = gradients[value.rawValue].pointer, part = operandGradients[slot].pointer
                for i in 0..<count { sum[i] += part[i] }
            }
        }
    }

    /// Where a layer's backward pass writes the gradient of its operand `slot`, which reads `value`:
    /// straight into the value's gradient, or into the slot's scratch when several readers add to it.
    func target(of value: ValueID, slot: Int) -> FloatBuffer {
        accumulatesGradient[value.rawValue] ? operandGradients[slot] : gradients[value.rawValue]
    }

    /// Copies samples `indices` of `images` (`[N, ...]`) into `values[0]`, as one batch.
    func loadBatch(_ images: Tensor, indices: ArraySlice<Int>, training: Bool) {
        reserve(batch: indices.count, training: training)
        let size = model.input.elementCount
        images.scalars.withUnsafeBufferPointer { source in
            for (slot, index) in indices.enumerated() {
                values[0].copy(from: source, range: index * size..<(index + 1) * size, offset: slot * size)
            }
        }
    }

    /// The network's first output for the last batch: `[batch] + model.output.dimensions`.
    func lastOutput(batch: Int) -> Tensor {
        Tensor(shape: outputShape(batch: batch), scalars: values[outputValue].array(length: batch * model.output.elementCount))
    }

    /// Training-mode forward and backward for a whole `input`, with dL/d output given: the input
    /// gradient and each trainable parameter's gradient. For gradient checks.
    func gradients(input: Tensor, outputGradient: Tensor, seed: UInt64 = 0) -> (input: Tensor, parameters: [[Float]]) {
        let batch = input.shape[0]
        reserve(batch: batch, training: true)
        values[0].copy(from: input.scalars)
        var generator = SeededGenerator(seed: seed)
        forwardTraining(batch: batch, generator: &generator)
        setOutputGradient(outputGradient.scalars[...])
        backward(batch: batch, beforeSoftmax: false, inputGradient: true)
        return (Tensor(shape: input.shape, scalars: gradients[0].array(length: input.count)),
                trainableParameters.map(\.gradient))
    }

    /// The training-mode output for `input` (dropout from `seed`): what the gradients differentiate.
    func trainingOutput(_ input: Tensor, seed: UInt64 = 0) -> Tensor {
        let batch = input.shape[0]
        reserve(batch: batch, training: true)
        values[0].copy(from: input.scalars)
        var generator = SeededGenerator(seed: seed)
        forwardTraining(batch: batch, generator: &generator)
        return lastOutput(batch: batch)
    }
}
