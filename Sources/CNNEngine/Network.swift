import CNNModel

/// A checked `Model` made executable: its layers with their weights, run in the model's
/// topological order, and value buffers allocated once per batch size (and reused by every later
/// call of that size or smaller).
///
/// Values are float32 NHWC: an image batch is `[N, H, W, C]`, a vector batch `[N, features]`.
/// For inference a value's buffer is reused once its last reader has run (`BufferPlan`); once the
/// network trains, every value keeps its own buffer and a gradient beside it. Weights go in and
/// out in PyTorch's names, shapes and layouts (`Layer.parameterTensors`), so a PyTorch
/// `state_dict` of the matching model gives PyTorch's numbers; internally each layer keeps them
/// packed for its kernels. A `Network` is not thread-safe: use one per thread.
public final class Network {
    public let model: Model
    let layers: [NetworkLayer]
    /// `values[v]` holds value `v` (`ValueID.rawValue`): the model input, then each layer's output.
    private(set) var values: [FloatBuffer] = []
    /// `gradients[v]` is dL/d`values[v]` during training; allocated only for training.
    private(set) var gradients: [FloatBuffer] = []
    /// The buffers each layer reads, in operand order, so that a pass allocates nothing.
    private(set) var layerInputs: [[FloatBuffer]] = []
    /// Where a gradient that several readers add to is first written (one per operand slot).
    private(set) var operandGradients: [FloatBuffer] = []
    /// Per layer and operand, where its backward pass writes the operand's gradient (`target(of:slot:)`);
    /// nil for the model input, whose gradient training does not need.
    private(set) var gradientTargets: [[FloatBuffer?]] = []
    /// Values whose gradient is a sum: read by several operands, or an output also read by a layer.
    let accumulatesGradient: [Bool]
    /// The values whose gradient a backward pass sums from zero: those accumulating that are not outputs.
    let summedGradients: [Int]
    /// Per-layer timing of every forward pass while set; `startProfiling()` sets it.
    public private(set) var profile: NetworkProfile?
    /// The conv + batchnorm (+ activation) groups inference runs as one conv.
    let fusion: InferenceFusion
    /// False once weights or batchnorm statistics changed since the groups' convs were folded.
    private var foldsAreCurrent = false
    private let inferencePlan: BufferPlan
    private var capacity = 0
    private(set) var isTrainingLayout = false

    /// A network for `model` with weights from the seeded initialisation (He for relu-family layers,
    /// Glorot otherwise; biases 0; batchnorm weight 1, bias 0, mean 0, variance 1; fixed filters as
    /// named). Weights are drawn layer by layer in PyTorch layout order from one `SeededGenerator`.
    public init(model: Model, seed: UInt64 = 0) {
        self.model = model
        var generator = SeededGenerator(seed: seed)
        var layers: [NetworkLayer] = []
        for layer in model.layers {
            layers.append(makeNetworkLayer(layer, generator: &generator))
        }
        self.layers = layers
        fusion = InferenceFusion(model)
        inferencePlan = BufferPlan(reusing: model, fusion: fusion)
        var uses = [Int](repeating: 0, count: model.layers.count + 1)
        for layer in model.layers { for value in layer.inputs { uses[value.rawValue] += 1 } }
        for output in model.outputs where uses[output.value.rawValue] > 0 { uses[output.value.rawValue] += 1 }
        let accumulates = uses.map { $0 > 1 }
        let outputs = Set(model.outputs.map(\.value.rawValue))
        accumulatesGradient = accumulates
        summedGradients = accumulates.indices.filter { accumulates[$0] && !outputs.contains($0) }
    }

    /// The shape `forward` accepts for a batch of `batch` samples: `[N, H, W, C]` or `[N, features]`.
    public func inputShape(batch: Int) -> [Int] { [batch] + model.input.dimensions }

    /// The shape of the first output for `batch` samples: `[N, H, W, C]` or `[N, features]`.
    public func outputShape(batch: Int) -> [Int] { [batch] + model.output.dimensions }

    /// Float32 bytes the inference buffers take per sample, as planned: the model input and the
    /// values alive at once (compare `Model.peakActivationElements`, which leaves the input out).
    public var plannedInferenceBytesPerSample: Int { 4 * inferencePlan.elements }

    /// Runs the network on a batch and returns its first output: `input` is `[N] + model.input.dimensions`
    /// (NHWC for images), the result `[N] + model.output.dimensions`.
    public func forward(_ input: Tensor) throws(NetworkError) -> Tensor {
        try forwardAll(input)[0]
    }

    /// Runs the network on a batch and returns every output, in `model.outputs` order.
    public func forwardAll(_ input: Tensor) throws(NetworkError) -> [Tensor] {
        let batch = input.shape.first ?? 0
        guard input.shape == inputShape(batch: batch) else {
            throw .inputShape(expected: ["N"] + model.input.dimensions.map(String.init), found: input.shape)
        }
        let outputs = model.outputs.map(\.value)
        var scalars = outputs.map { _ in [Float]() }
        let inputSize = model.input.elementCount
        // Large batches run in chunks so that activation memory stays bounded.
        let chunkSize = min(max(batch, 1), Network.maximumChunk)
        reserve(batch: chunkSize)
        for start in stride(from: 0, to: batch, by: chunkSize) {
            let chunk = min(chunkSize, batch - start)
            input.scalars.withUnsafeBufferPointer { source in
                values[0].copy(from: source, range: start * inputSize..<(start + chunk) * inputSize, offset: 0)
            }
            run(batch: chunk)
            for (index, value) in outputs.enumerated() {
                scalars[index] += values[value.rawValue].array(length: chunk * model.shape(of: value).elementCount)
            }
        }
        return zip(outputs, scalars).map { value, scalars in
            Tensor(shape: [batch] + model.shape(of: value).dimensions, scalars: scalars)
        }
    }

    /// Samples run through the layers together at most; larger inputs are processed in chunks.
    static let maximumChunk = 256

    /// Times each layer of every later forward pass into `profile` (from zero).
    public func startProfiling() {
        profile = NetworkProfile(layers: layers, fusion: fusion)
    }

    /// Runs every layer on the `batch` samples already in `values[0]`, timing each while
    /// profiling; a fused group's conv writes the group's last value, its other layers are skipped.
    func run(batch: Int) {
        if !foldsAreCurrent { foldGroups() }
        let clock = ContinuousClock()
        for (index, layer) in layers.enumerated() where !fusion.isAbsorbed[index] {
            let start = profile == nil ? nil : clock.now
            layer.forward(layerInputs[index], into: values[fusion.writtenLayer[index] + 1], batch: batch)
            if let start { profile?.entries[index].seconds += (clock.now - start).inSeconds }
        }
        profile?.passes += 1
        profile?.samples += batch
    }

    /// Folds each group's batchnorm (and activation) into its conv, for the inference passes to come.
    private func foldGroups() {
        for group in fusion.groups {
            guard let convolution = layers[group.convolution] as? ConvolutionLayer,
                  let batchNorm = layers[group.batchNorm] as? BatchNormLayer else { continue }
            var activation = FusedActivation.none
            if let index = group.activation, case let .activation(absorbed) = model.layers[index].operation {
                activation = absorbed.inferenceFused ?? .none
            }
            convolution.fold(scale: batchNorm.inferenceScale, shift: batchNorm.inferenceShift, activation: activation)
        }
        foldsAreCurrent = true
    }

    /// Marks the folded convs stale: weights or batchnorm statistics changed.
    func weightsDidChange() { foldsAreCurrent = false }

    /// Makes sure every value buffer holds at least `batch` samples: shared buffers for inference,
    /// or (with `training`, and from then on) a buffer and a gradient for every value.
    func reserve(batch: Int, training: Bool = false) {
        guard batch > capacity || (training && !isTrainingLayout) else { return }
        isTrainingLayout = isTrainingLayout || training
        capacity = max(batch, capacity)
        let plan = isTrainingLayout ? BufferPlan(keepingEverything: model) : inferencePlan
        let buffers = plan.sizes.map { FloatBuffer(count: capacity * $0) }
        values = plan.slots.map { buffers[$0] }
        layerInputs = model.layers.map { layer in layer.inputs.map { values[$0.rawValue] } }
        guard isTrainingLayout else { return }
        gradients = plan.sizes.map { FloatBuffer(count: capacity * $0) }
        let widest = plan.sizes.max() ?? 0
        let operands = model.layers.map(\.inputs.count).max() ?? 0
        operandGradients = (0..<operands).map { _ in FloatBuffer(count: capacity * widest) }
        gradientTargets = model.layers.map { layer in
            layer.inputs.enumerated().map { slot, value in value == .input ? nil : target(of: value, slot: slot) }
        }
    }

    /// Every weight tensor, keyed `<layer>.<weight|bias|running_mean|running_var>`, in PyTorch's shapes
    /// and layouts (conv `[F, C/g, KH, KW]`, dense `[out, in]` with `in` in C x H x W order).
    public var weights: [String: Tensor] {
        var result: [String: Tensor] = [:]
        for layer in layers {
            for (description, tensor) in zip(layer.layer.parameterTensors, layer.parameters) {
                result[description.name] = tensor
            }
        }
        return result
    }

    /// The name of the first weight tensor (in layer order) holding a NaN or an infinity, if any.
    public func firstNonFiniteWeight() -> String? {
        for layer in layers {
            for (description, tensor) in zip(layer.layer.parameterTensors, layer.parameters)
            where tensor.scalars.contains(where: { !$0.isFinite }) {
                return description.name
            }
        }
        return nil
    }

    /// Replaces every weight from `weights` (names, shapes and layouts as `weights` gives them).
    ///
    /// All tensors are checked before any is used, so a failed load leaves the network unchanged.
    /// `*.num_batches_tracked` entries (PyTorch bookkeeping) are ignored.
    public func load(weights: [String: Tensor]) throws(NetworkError) {
        var perLayer: [[Tensor]] = []
        for layer in model.layers {
            var tensors: [Tensor] = []
            for description in layer.parameterTensors {
                guard let tensor = weights[description.name] else {
                    throw .missingWeight(name: description.name, expected: description.shape)
                }
                guard tensor.shape == description.shape else {
                    throw .weightShape(name: description.name, expected: description.shape, found: tensor.shape)
                }
                tensors.append(tensor)
            }
            perLayer.append(tensors)
        }
        let known = Set(model.parameterTensors.map(\.name))
        for name in weights.keys.sorted() where !known.contains(name) && !name.hasSuffix(".num_batches_tracked") {
            throw .unexpectedWeight(name: name, found: weights[name]?.shape ?? [])
        }
        for (layer, tensors) in zip(layers, perLayer) where !tensors.isEmpty {
            layer.load(tensors)
        }
        weightsDidChange()
    }
}
