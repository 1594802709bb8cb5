/// Fill colours per layer family, shared by the DOT and SVG pictures (light, so black text reads well).
enum SVGPalette {
    static func fill(for kind: LayerCaption.Kind) -> String {
        switch kind {
        case .input: return "#eeeeee"
        case .convolution: return "#d6e6f7"
        case .pooling: return "#d9f0d3"
        case .dense: return "#fde2c4"
        case .normalization: return "#e8dcf2"
        case .activation: return "#fff5c2"
        case .reshape: return "#e0f2f1"
        case .dropout: return "#f6d8de"
        case .merge: return "#f2e6d9"
        }
    }

    static let stroke = "#555555"
    static let text = "#111111"
    static let muted = "#555555"
}
