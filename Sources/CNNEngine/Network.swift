import CNNModel

/// A checked `Model` made executable: its layers with their weights, and activation buffers
/// allocated once per batch size (and reused by every later call of that size or smaller).
///
/// Activations are float32 NHWC: an image batch is `[N, H, W, C]`, a vector batch `[N, features]`.
/// Weights go in and out in PyTorch's names, shapes and layouts (`Layer.parameterTensors`), so a
/// PyTorch `state_dict` of the matching model gives PyTorch's numbers; internally each layer keeps
/// them packed for its kernels. A `Network` is not thread-safe: use one per thread.
public final class Network {
    public let model: Model
    let layers: [NetworkLayer]
    /// `activations[i]` is the input of layer `i`, `activations[i + 1]` its output; all are kept so
    /// that a backward pass finds every layer's input and output.
    private(set) var activations: [FloatBuffer] = []
    /// `gradients[i]` is dL/d`activations[i]` during training; allocated with the activations.
    private(set) var gradients: [FloatBuffer] = []
    private var batchCapacity = 0

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
    }

    /// The shape `forward` accepts for a batch of `batch` samples: `[N, H, W, C]` or `[N, features]`.
    public func inputShape(batch: Int) -> [Int] { [batch] + model.input.dimensions }

    /// The shape `forward` returns for `batch` samples: `[N, H, W, C]` or `[N, features]`.
    public func outputShape(batch: Int) -> [Int] { [batch] + model.output.dimensions }

    /// Runs the network on a batch: `input` is `[N] + model.input.dimensions` (NHWC for images),
    /// the result `[N] + model.output.dimensions`.
    public func forward(_ input: Tensor) throws(NetworkError) -> Tensor {
        let batch = input.shape.first ?? 0
        guard input.shape == inputShape(batch: batch) else {
            throw .inputShape(expected: ["N"] + model.input.dimensions.map(String.init), found: input.shape)
        }
        let inputSize = model.input.elementCount, outputSize = model.output.elementCount
        if batch <= Network.maximumChunk {
            guard batch > 0 else { return Tensor(shape: outputShape(batch: 0), scalars: []) }
            reserve(batch: batch)
            activations[0].copy(from: input.scalars)
            run(batch: batch)
            return Tensor(shape: outputShape(batch: batch),
                          scalars: activations[layers.count].array(length: batch * outputSize))
        }
        // Large batches run in chunks so that activation memory stays bounded.
        var scalars: [Float] = []
        scalars.reserveCapacity(batch * outputSize)
        reserve(batch: Network.maximumChunk)
        for start in stride(from: 0, to: batch, by: Network.maximumChunk) {
            let chunk = min(Network.maximumChunk, batch - start)
            activations[0].copy(from: Array(input.scalars[start * inputSize..<(start + chunk) * inputSize]))
            run(batch: chunk)
            scalars += activations[layers.count].array(length: chunk * outputSize)
        }
        return Tensor(shape: outputShape(batch: batch), scalars: scalars)
    }

    /// Samples run through the layers together at most; larger inputs are processed in chunks.
    static let maximumChunk = 256

    /// Runs every layer on the `batch` samples already in `activations[0]`.
    func run(batch: Int) {
        for (index, layer) in layers.enumerated() {
            layer.forward(activations[index], into: activations[index + 1], batch: batch)
        }
    }

    /// Makes sure every activation buffer holds at least `batch` samples.
    func reserve(batch: Int) {
        guard batch > batchCapacity else { return }
        let shapes = [model.input] + model.layers.map(\.outputShape)
        activations = shapes.map { FloatBuffer(count: batch * $0.elementCount) }
        gradients = shapes.map { FloatBuffer(count: batch * $0.elementCount) }
        batchCapacity = batch
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
    }
}
