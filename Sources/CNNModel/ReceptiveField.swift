/// How much of the input one output position sees, and how far apart neighbouring outputs are.
///
/// `field_out = field_in + (k_eff - 1) * jump_in`, `jump_out = jump_in * s`; the input has 1 / 1.
/// Global pooling, flatten and dense see everything that is left.
public struct ReceptiveField: Hashable, Sendable {
    public var field: Size2
    public var jump: Size2

    public static let input = ReceptiveField(field: .one, jump: .one)

    /// The receptive field after `layer`, given the one before it.
    public func after(_ layer: Layer) -> ReceptiveField {
        func grow(by window: Size2, stride: Size2) -> ReceptiveField {
            ReceptiveField(
                field: Size2(field.height + (window.height - 1) * jump.height,
                             field.width + (window.width - 1) * jump.width),
                jump: Size2(jump.height * stride.height, jump.width * stride.width))
        }
        switch layer.operation {
        case let .convolution(conv):
            return grow(by: conv.effectiveKernel, stride: conv.stride)
        case let .pooling(pool):
            return grow(by: pool.window, stride: pool.stride)
        case .globalPooling, .flatten, .dense:
            guard case let .image(h, w, _) = layer.inputShape else { return self }
            return grow(by: Size2(h, w), stride: Size2(h, w))
        default:
            return self
        }
    }
}

extension Model {
    /// The receptive field after each layer, in layer order.
    public var receptiveFields: [ReceptiveField] {
        var current = ReceptiveField.input
        return layers.map { layer in
            current = current.after(layer)
            return current
        }
    }
}
