import CNNModel

/// Where a network's forward passes spend their time, layer by layer: what `cnnc run --profile`
/// prints, like Darknet's per-layer timing or PyTorch's profiler table.
///
/// Collected by `Network` while `Network.profile` is set: each layer's forward time is summed
/// over the passes, so `millisecondsPerPass` is the mean per batch.
public struct NetworkProfile: Sendable {
    public struct Entry: Sendable {
        /// The layer's name in the model.
        public var name: String
        /// The kernel that ran it, e.g. `gemm 6x16`, `depthwise 3x3`, `maxpool`.
        public var kernel: String
        /// Floating-point operations of one sample: 2 x the layer's MACs.
        public var flopsPerSample: Int
        /// Forward time summed over every pass.
        public var seconds: Double = 0
    }

    public var entries: [Entry]
    /// Forward passes timed, and the samples they ran.
    public var passes = 0
    public var samples = 0

    /// A group's conv is named with what it absorbed (`gemm 6x16 + batchnorm + relu6`); the
    /// absorbed layers take no time of their own and say where they went.
    init(layers: [NetworkLayer], fusion: InferenceFusion) {
        entries = layers.map { Entry(name: $0.layer.name, kernel: $0.kernelName, flopsPerSample: 2 * $0.layer.macs) }
        for group in fusion.groups {
            let head = entries[group.convolution].name
            for index in [group.batchNorm] + (group.activation.map { [$0] } ?? []) {
                entries[group.convolution].kernel += " + " + layers[index].kernelName
                entries[index].kernel = "in \(head)"
            }
        }
    }

    public var totalSeconds: Double { entries.reduce(0) { $0 + $1.seconds } }

    /// Mean milliseconds per forward pass of all entries together.
    public var totalMillisecondsPerPass: Double {
        passes == 0 ? 0 : totalSeconds * 1000 / Double(passes)
    }

    /// Mean milliseconds per forward pass of entry `index`.
    public func millisecondsPerPass(_ index: Int) -> Double {
        passes == 0 ? 0 : entries[index].seconds * 1000 / Double(passes)
    }

    /// The share of the total time spent in entry `index`, in [0, 1].
    public func share(_ index: Int) -> Double {
        let total = totalSeconds
        return total == 0 ? 0 : entries[index].seconds / total
    }

    /// GFLOP/s of entry `index` over every sample run; nil for a layer without multiply-accumulates.
    public func gigaflopsPerSecond(_ index: Int) -> Double? {
        let entry = entries[index]
        guard entry.flopsPerSample > 0, entry.seconds > 0 else { return nil }
        return Double(entry.flopsPerSample) * Double(samples) / entry.seconds / 1e9
    }

    /// GFLOP/s of the whole network.
    public var totalGigaflopsPerSecond: Double? {
        let flops = entries.reduce(0) { $0 + $1.flopsPerSample }, seconds = totalSeconds
        guard flops > 0, seconds > 0 else { return nil }
        return Double(flops) * Double(samples) / seconds / 1e9
    }
}
