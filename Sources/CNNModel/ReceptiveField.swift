/// How much of the input one output position sees, and how far apart neighbouring outputs are.
///
/// `field_out = field_in + (k_eff - 1) * jump_in`, `jump_out = jump_in * s`; the input has 1 / 1.
/// Global pooling, flatten and dense see everything that is left; a merge sees the most any of
/// its operands sees. Upsampling and transposed convolutions bring outputs closer than one input
/// pixel (`jump_in / s`), so both are kept as real numbers and reported rounded up.
public struct ReceptiveField: Hashable, Sendable {
    /// Input pixels seen along the height and the width.
    public var height: Double
    public var width: Double
    /// Input pixels between neighbouring outputs, along the height and the width.
    public var jumpHeight: Double
    public var jumpWidth: Double

    public static let input = ReceptiveField(height: 1, width: 1, jumpHeight: 1, jumpWidth: 1)

    /// The field in whole pixels (rounded up; at most 2^53, so it always converts to an integer).
    public var field: Size2 { Size2(ReceptiveField.whole(height), ReceptiveField.whole(width)) }
    /// The jump in whole pixels (rounded up).
    public var jump: Size2 { Size2(ReceptiveField.whole(jumpHeight), ReceptiveField.whole(jumpWidth)) }

    /// The receptive field after `layer`, given those of its inputs.
    public static func after(_ layer: Layer, inputs: [ReceptiveField]) -> ReceptiveField {
        let widest = inputs.dropFirst().reduce(inputs[0]) { a, b in
            ReceptiveField(height: max(a.height, b.height), width: max(a.width, b.width),
                           jumpHeight: max(a.jumpHeight, b.jumpHeight), jumpWidth: max(a.jumpWidth, b.jumpWidth))
        }
        return widest.after(layer)
    }

    private func after(_ layer: Layer) -> ReceptiveField {
        switch layer.operation {
        case let .convolution(conv):
            return grown(by: conv.effectiveKernel, stride: conv.stride)
        case let .pooling(pool):
            return grown(by: pool.window, stride: pool.stride)
        case let .deconvolution(deconv):
            // An output sees (k_eff - 1) / s more input pixels; outputs are 1 / s apart.
            let extent = deconv.effectiveKernel, s = deconv.stride
            return ReceptiveField(
                height: height + Double(extent.height - 1) / Double(s.height) * jumpHeight,
                width: width + Double(extent.width - 1) / Double(s.width) * jumpWidth,
                jumpHeight: jumpHeight / Double(s.height), jumpWidth: jumpWidth / Double(s.width))
        case let .upsample(upsample):
            // Bilinear interpolation reads the next input pixel too.
            let reach = upsample.mode == .bilinear ? 1.0 : 0.0
            return ReceptiveField(height: height + reach * jumpHeight, width: width + reach * jumpWidth,
                                  jumpHeight: jumpHeight / Double(upsample.factor.height),
                                  jumpWidth: jumpWidth / Double(upsample.factor.width))
        case .globalPooling, .flatten, .dense:
            guard case let .image(h, w, _) = layer.inputShape else { return self }
            return grown(by: Size2(h, w), stride: Size2(h, w))
        default:
            return self
        }
    }

    private func grown(by window: Size2, stride: Size2) -> ReceptiveField {
        ReceptiveField(height: height + Double(window.height - 1) * jumpHeight,
                       width: width + Double(window.width - 1) * jumpWidth,
                       jumpHeight: jumpHeight * Double(stride.height), jumpWidth: jumpWidth * Double(stride.width))
    }

    private static func whole(_ value: Double) -> Int {
        Int(min(value.rounded(.up), 9_007_199_254_740_992))
    }
}

extension Model {
    /// The receptive field after each layer, in layer order.
    public var receptiveFields: [ReceptiveField] {
        var fields: [ReceptiveField] = []
        fields.reserveCapacity(layers.count)
        for layer in layers {
            let inputs = layer.inputs.map { $0.layer.map { fields[$0] } ?? .input }
            fields.append(.after(layer, inputs: inputs))
        }
        return fields
    }
}
