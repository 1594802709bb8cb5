/// Which layers read which values, and how much activation memory a forward pass holds at once.
extension Model {
    /// For each value (indexed by `ValueID.rawValue`), the layers that read it, in order.
    public var readers: [[Int]] {
        var readers = [[Int]](repeating: [], count: layers.count + 1)
        for (index, layer) in layers.enumerated() {
            for value in Set(layer.inputs) { readers[value.rawValue].append(index) }
        }
        return readers
    }

    /// For each value, the last step that needs it: its last reader, `layers.count` for an
    /// output (kept to the end), or the step that makes it when nothing reads it.
    public var lastUses: [Int] {
        var last = (0...layers.count).map { max($0 - 1, 0) }
        for (index, layer) in layers.enumerated() {
            for value in layer.inputs { last[value.rawValue] = max(last[value.rawValue], index) }
        }
        for output in outputs { last[output.value.rawValue] = layers.count }
        return last
    }

    /// The most layer outputs alive at once, in elements per sample, when layers run in order and
    /// each value is freed after its last reader: the planned inference memory of a graph. Like
    /// `inference_activation_bytes`, it leaves out the model input.
    public var peakActivationElements: Int {
        var freedAfter = [[Int]](repeating: [], count: layers.count + 1)
        for (value, step) in lastUses.enumerated().dropFirst() { freedAfter[step].append(value) }
        var alive = 0, peak = 0
        for (index, layer) in layers.enumerated() {
            alive += layer.outputShape.elementCount
            peak = max(peak, alive)
            for value in freedAfter[index] { alive -= layers[value - 1].outputShape.elementCount }
        }
        return peak
    }
}
