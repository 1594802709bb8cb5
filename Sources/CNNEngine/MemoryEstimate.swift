import CNNModel

/// What running or training a model will ask of memory, worked out from the model alone before
/// anything is allocated, so that a request the machine cannot hold is refused, not attempted.
///
/// The figures follow what the engine allocates: weights as given plus their packed copy, the
/// buffer plan's values for one chunk of samples, the largest layer scratch (padded input of a
/// conv, im2col columns when training), and for training a gradient beside every value and
/// parameter and the optimizer's moments. Products saturate at `Int.max` instead of trapping.
public struct MemoryEstimate: Hashable, Sendable {
    /// One named part of the total, in bytes.
    public struct Part: Hashable, Sendable {
        public var name: String
        public var bytes: Int
    }

    public private(set) var parts: [Part] = []
    /// The largest single buffer: the layer whose output it holds and its bytes.
    public private(set) var largestBuffer: Part

    public var totalBytes: Int { parts.reduce(0) { MemoryEstimate.sum($0, $1.bytes) } }

    /// `cnnc run`: `batch` samples per pass, `keptSamples` whose outputs are kept for the report.
    public static func inference(_ model: Model, batch: Int, keptSamples: Int) -> MemoryEstimate {
        let chunk = min(max(batch, 1), Network.maximumChunk)
        var estimate = MemoryEstimate(model, chunk: chunk)
        let plan = BufferPlan(reusing: model, fusion: InferenceFusion(model))
        estimate.add("activations", floats: plan.sizes.reduce(0, sum), times: chunk)
        estimate.add("input batch", floats: model.input.elementCount, times: batch)
        let outputs = model.outputs.reduce(0) { sum($0, model.shape(of: $1.value).elementCount) }
        estimate.add("outputs", floats: outputs, times: sum(keptSamples, batch))
        estimate.add("scratch", floats: model.layers.map(inferenceScratch).max() ?? 0, times: chunk)
        return estimate
    }

    /// `cnnc train` with `batch` images per step; `optimizerMoments` is 2 for Adam, 1 for SGD with momentum.
    public static func training(_ model: Model, batch: Int, optimizerMoments: Int) -> MemoryEstimate {
        var estimate = MemoryEstimate(model, chunk: batch)
        let plan = BufferPlan(keepingEverything: model)
        let values = plan.sizes.reduce(0, sum)
        estimate.add("activations and their gradients", floats: product(2, values), times: batch)
        let operands = model.layers.map(\.inputs.count).max() ?? 0
        estimate.add("operand gradients", floats: product(operands, plan.sizes.max() ?? 0), times: batch)
        estimate.add("layer state kept for backward", floats: model.layers.map(trainingState).reduce(0, sum), times: batch)
        estimate.add("parameter gradients and optimizer state",
                     floats: product(1 + optimizerMoments, model.trainableParameterCount), times: 1)
        estimate.add("scratch", floats: model.layers.map(trainingScratch).max() ?? 0, times: batch)
        return estimate
    }

    /// This estimate with one more part (a data set the command holds, say).
    public func adding(_ name: String, bytes: Int) -> MemoryEstimate {
        var estimate = self
        estimate.parts.append(Part(name: name, bytes: bytes))
        return estimate
    }

    private init(_ model: Model, chunk: Int) {
        let largest = model.layers.max { $0.outputShape.elementCount < $1.outputShape.elementCount }
        largestBuffer = Part(name: largest?.name ?? "input",
                             bytes: MemoryEstimate.product(4, MemoryEstimate.product(chunk, largest?.outputShape.elementCount
                                 ?? model.input.elementCount)))
        // The weights as loaded and their packed copy for the kernels.
        add("weights", floats: MemoryEstimate.product(2, model.parameterCount), times: 1)
    }

    private mutating func add(_ name: String, floats: Int, times count: Int) {
        parts.append(Part(name: name, bytes: MemoryEstimate.product(4, MemoryEstimate.product(floats, count))))
    }

    /// Floats per sample a layer needs beside its output at inference: a conv's padded input.
    private static func inferenceScratch(_ layer: Layer) -> Int {
        guard let geometry = ConvolutionGeometry(layer) ?? ConvolutionGeometry(transposing: layer),
              !geometry.padding.isZero else { return 0 }
        return geometry.paddedCount
    }

    /// Per sample, the padded input and the im2col columns of a conv's backward pass.
    private static func trainingScratch(_ layer: Layer) -> Int {
        guard let geometry = ConvolutionGeometry(layer) ?? ConvolutionGeometry(transposing: layer) else { return 0 }
        let columns = product(geometry.outputHeight * geometry.outputWidth, geometry.depth)
        return sum(inferenceScratch(layer), columns)
    }

    /// Per sample, what a layer keeps from its forward pass for backward (batchnorm's normalised
    /// values, dropout's mask, a conv's output before a separately applied activation).
    private static func trainingState(_ layer: Layer) -> Int {
        switch layer.operation {
        case .batchNorm, .dropout, .convolution: return layer.outputShape.elementCount
        default: return 0
        }
    }

    public static func product(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : result
    }

    static func sum(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : result
    }
}
