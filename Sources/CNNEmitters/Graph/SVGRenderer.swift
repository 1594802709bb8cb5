import CNNModel

/// Draws a model as a standalone SVG picture, without Graphviz: one box per layer with its name,
/// settings, output shape and parameters, and arrows in data-flow order; branches side by side.
///
/// Deterministic (the same model gives the same bytes) and well-formed XML: every text is escaped.
public enum SVGRenderer {
    /// The SVG document of `model`. Deep networks wrap into columns of at most `maximumRows` boxes.
    public static func render(_ model: Model, title: String = "model", maximumRows: Int = 8) -> String {
        let captions = LayerCaption.all(model)
        let frames: [SVGLayout.Frame], edges: [(path: String, head: String)], width: Double, height: Double
        if model.isChain {
            let layout = SVGLayout(captions: captions, maximumRows: max(1, maximumRows))
            (frames, edges, width, height) = (layout.frames, layout.edges, layout.width, layout.height)
        } else {
            let layout = SVGGraphLayout(model: model, captions: captions)
            (frames, edges, width, height) = (layout.frames, layout.edges, layout.width, layout.height)
        }
        let n = SVGText.number
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\""
                + " viewBox=\"0 0 \(n(width)) \(n(height))\">",
            "  <title>\(SVGText.escaped(title))</title>",
            "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        ]
        for edge in edges {
            lines.append("  <path d=\"\(edge.path)\" fill=\"none\" stroke=\"\(SVGPalette.stroke)\" stroke-width=\"1.5\"/>")
            lines.append("  <path d=\"\(edge.head)\" fill=\"\(SVGPalette.stroke)\"/>")
        }
        for (caption, frame) in zip(captions, frames) {
            lines += box(caption, frame)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One layer's group: a rounded box, the title in bold, then the other lines.
    private static func box(_ caption: LayerCaption, _ frame: SVGLayout.Frame) -> [String] {
        let n = SVGText.number
        var lines = [
            "  <g>",
            "    <title>\(SVGText.escaped(caption.title))</title>",
            "    <rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\""
                + " rx=\"6\" fill=\"\(SVGPalette.fill(for: caption.kind))\" stroke=\"\(SVGPalette.stroke)\"/>",
        ]
        let x = frame.x + SVGLayout.padding
        for (index, text) in caption.lines.enumerated() {
            let baseline = frame.y + SVGLayout.padding / 2 + Double(index + 1) * SVGLayout.lineHeight - 4
            let style = index == 0
                ? "font-size=\"\(n(SVGLayout.titleSize))\" font-weight=\"bold\" fill=\"\(SVGPalette.text)\""
                : "font-size=\"\(n(SVGLayout.textSize))\" fill=\"\(index == 1 ? SVGPalette.text : SVGPalette.muted)\""
            lines.append("    <text x=\"\(n(x))\" y=\"\(n(baseline))\" font-family=\"monospace\" \(style)>"
                + "\(SVGText.escaped(text))</text>")
        }
        lines.append("  </g>")
        return lines
    }
}
