/// A trainable weight tensor in its layer's internal layout, with the gradient of the last
/// backward pass beside it. Optimizers update `value` in place; the layer then repacks it.
final class Parameter {
    var value: [Float]
    var gradient: [Float]

    init(_ value: [Float]) {
        self.value = value
        gradient = [Float](repeating: 0, count: value.count)
    }

    var count: Int { value.count }
}
