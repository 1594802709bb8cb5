import Foundation  // rounding links against libm through it on Linux

/// Where each box of the picture goes: for a chain, a column of boxes top to bottom, wrapped into
/// several columns when the network is deep, so VGG-16's 22 boxes fit on a screen (3 columns of
/// 8); for a graph, `SVGGraphLayout`'s rows with branches side by side.
struct SVGLayout {
    struct Frame: Hashable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        var midX: Double { x + width / 2 }
        var midY: Double { y + height / 2 }
        var maxX: Double { x + width }
        var maxY: Double { y + height }
    }

    static let margin = 20.0
    static let verticalGap = 26.0
    static let columnGap = 60.0
    static let padding = 10.0
    static let lineHeight = 16.0
    static let titleSize = 13.0
    static let textSize = 12.0
    static let minimumBoxWidth = 150.0

    let frames: [Frame]
    let rowsPerColumn: Int
    let width: Double
    let height: Double

    /// Every arrow: its line and its head, as SVG path data.
    var edges: [(path: String, head: String)] {
        frames.indices.dropLast().map { (arrowPath(from: $0), arrowHead(from: $0)) }
    }

    /// The box size that fits the longest line of any caption.
    static func boxSize(_ captions: [LayerCaption]) -> (width: Double, height: Double) {
        let textWidth = captions.flatMap { caption in
            [SVGText.width(caption.title, size: SVGLayout.titleSize)]
                + caption.lines.dropFirst().map { SVGText.width($0, size: SVGLayout.textSize) }
        }.max() ?? 0
        let lines = Double(captions.map(\.lines.count).max() ?? 1)
        return (max(SVGLayout.minimumBoxWidth, (textWidth + 2 * SVGLayout.padding).rounded(.up)),
                lines * SVGLayout.lineHeight + SVGLayout.padding)
    }

    /// Lays out `captions` with at most `maximumRows` boxes per column, balancing the columns.
    init(captions: [LayerCaption], maximumRows: Int) {
        let count = max(captions.count, 1)
        let columns = (count + maximumRows - 1) / max(maximumRows, 1)
        let rows = (count + columns - 1) / columns
        rowsPerColumn = rows
        let (boxWidth, boxHeight) = SVGLayout.boxSize(captions)
        frames = captions.indices.map { index in
            let column = Double(index / rows)
            let row = Double(index % rows)
            return Frame(x: SVGLayout.margin + column * (boxWidth + SVGLayout.columnGap),
                         y: SVGLayout.margin + row * (boxHeight + SVGLayout.verticalGap),
                         width: boxWidth, height: boxHeight)
        }
        width = 2 * SVGLayout.margin + Double(columns) * boxWidth + Double(columns - 1) * SVGLayout.columnGap
        height = 2 * SVGLayout.margin + Double(rows) * boxHeight + Double(rows - 1) * SVGLayout.verticalGap
    }

    /// The SVG path data of the line from box `index` to box `index + 1`: straight down within a
    /// column; from the right side of a column's last box across the gap and up to the next column's
    /// first box otherwise. It stops where `arrowHead(to:)` begins.
    func arrowPath(from index: Int) -> String {
        let from = frames[index], to = frames[index + 1]
        let n = SVGText.number
        if continuesColumn(index) {
            return "M \(n(from.midX)) \(n(from.maxY)) V \(n(to.y - SVGLayout.arrowLength))"
        }
        let gapMiddle = from.maxX + SVGLayout.columnGap / 2
        return "M \(n(from.maxX)) \(n(from.midY)) H \(n(gapMiddle)) V \(n(to.midY))"
            + " H \(n(to.x - SVGLayout.arrowLength))"
    }

    /// The filled triangle that ends the arrow into box `index + 1`: drawn as a path rather than an
    /// SVG marker, which some renderers ignore.
    func arrowHead(from index: Int) -> String {
        let to = frames[index + 1]
        let n = SVGText.number
        let length = SVGLayout.arrowLength, half = SVGLayout.arrowLength / 2
        if continuesColumn(index) {
            return "M \(n(to.midX - half)) \(n(to.y - length)) L \(n(to.midX + half)) \(n(to.y - length))"
                + " L \(n(to.midX)) \(n(to.y)) Z"
        }
        return "M \(n(to.x - length)) \(n(to.midY - half)) L \(n(to.x - length)) \(n(to.midY + half))"
            + " L \(n(to.x)) \(n(to.midY)) Z"
    }

    static let arrowLength = 8.0

    private func continuesColumn(_ index: Int) -> Bool { (index + 1) % rowsPerColumn != 0 }
}
