import CNNModel

/// Which buffer holds which value: for inference, values whose lifetimes do not overlap share a
/// buffer, so a forward pass holds about `Model.peakActivationElements` per sample (plus the
/// input) instead of every layer's output; for training every value keeps its own, since the
/// backward pass reads them all.
struct BufferPlan: Hashable, Sendable {
    /// For each value (by `ValueID.rawValue`), the buffer that holds it.
    let slots: [Int]
    /// Floats per sample of each buffer.
    let sizes: [Int]

    /// Every value in a buffer of its own.
    init(keepingEverything model: Model) {
        slots = Array(0...model.layers.count)
        sizes = [model.input.elementCount] + model.layers.map(\.outputShape.elementCount)
    }

    /// Buffers reused as soon as a value's last reader has run: each new value takes the smallest
    /// free buffer that holds it, else grows the largest free one, else a new one. Outputs are kept.
    /// With `fusion`, a group's conv writes the group's last value and the values inside the group
    /// share its buffer (they are never written); the absorbed layers' steps allocate and free nothing.
    init(reusing model: Model, fusion: InferenceFusion? = nil) {
        var slots = [Int](repeating: 0, count: model.layers.count + 1)
        var sizes = [model.input.elementCount]
        var free: [Int] = []
        var freedAfter = [[Int]](repeating: [], count: model.layers.count + 1)
        for (value, step) in model.lastUses.enumerated() { freedAfter[step].append(value) }
        for index in model.layers.indices where fusion?.isAbsorbed[index] != true {
            let written = fusion?.writtenLayer[index] ?? index
            let needed = model.layers[written].outputShape.elementCount
            let fitting = free.filter { sizes[$0] >= needed }.min { sizes[$0] < sizes[$1] }
            let slot: Int
            if let chosen = fitting ?? free.max(by: { sizes[$0] < sizes[$1] }) {
                slot = chosen
                free.removeAll { $0 == chosen }
                sizes[slot] = max(sizes[slot], needed)
            } else {
                slot = sizes.count
                sizes.append(needed)
            }
            for value in index + 1...written + 1 { slots[value] = slot }
            for value in freedAfter[index] { free.append(slots[value]) }
        }
        self.slots = slots
        self.sizes = sizes
    }

    /// Floats per sample of all buffers together.
    var elements: Int { sizes.reduce(0, +) }
}
