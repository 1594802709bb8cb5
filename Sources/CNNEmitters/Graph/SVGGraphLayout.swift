import CNNModel
import Foundation  // rounding links against libm through it on Linux

/// Where each box of a branching network's picture goes, the way Netron draws graphs: a row per
/// step of the longest path from the input, branches side by side in lanes, joined at their
/// merge. An arrow to the next row goes down (with an elbow when it changes lane); a longer one,
/// a shortcut, runs down the right of the boxes it passes and enters its target from the side.
struct SVGGraphLayout {
    let frames: [SVGLayout.Frame]
    let edges: [(path: String, head: String)]
    let width: Double
    let height: Double

    /// `captions[0]` is the input, `captions[i + 1]` the output of `model.layers[i]`.
    init(model: Model, captions: [LayerCaption]) {
        let (boxWidth, boxHeight) = SVGLayout.boxSize(captions)
        let nodes = captions.count
        let inputs: [[Int]] = [[]] + model.layers.map { $0.inputs.map(\.rawValue) }
        var readers = [[Int]](repeating: [], count: nodes)
        for (node, sources) in inputs.enumerated() { for source in Set(sources) { readers[source].append(node) } }
        // Rows: the longest path from the input.
        var row = [Int](repeating: 0, count: nodes)
        for node in 1..<nodes { row[node] = (inputs[node].map { row[$0] }.max() ?? -1) + 1 }
        // Lanes: a merge joins its leftmost operand's lane; another layer continues its input's lane
        // when it is the input's first reader, and branches off to the right otherwise.
        var lane = [Int](repeating: 0, count: nodes)
        var taken: [Int: Set<Int>] = [:]
        for node in 0..<nodes {
            var preferred = 0
            if inputs[node].count > 1 {
                preferred = inputs[node].map { lane[$0] }.min() ?? 0
            } else if let first = inputs[node].first {
                preferred = lane[first] + (readers[first].firstIndex(of: node) ?? 0)
            }
            while taken[row[node], default: []].contains(preferred) { preferred += 1 }
            lane[node] = preferred
            taken[row[node], default: []].insert(preferred)
        }
        let lanes = (lane.max() ?? 0) + 1, rows = (row.max() ?? 0) + 1
        let laneWidth = boxWidth + SVGLayout.columnGap, rowHeight = boxHeight + SVGLayout.verticalGap
        let frames = (0..<nodes).map { node in
            SVGLayout.Frame(x: SVGLayout.margin + Double(lane[node]) * laneWidth,
                            y: SVGLayout.margin + Double(row[node]) * rowHeight, width: boxWidth, height: boxHeight)
        }
        // The rightmost box edge of each row, for shortcuts that pass it.
        var rightEdge = [Double](repeating: 0, count: rows)
        for node in 0..<nodes { rightEdge[row[node]] = max(rightEdge[row[node]], frames[node].maxX) }
        let n = SVGText.number, length = SVGLayout.arrowLength, half = length / 2
        var edges: [(String, String)] = []
        let links = (1..<nodes).flatMap { node in Set(inputs[node]).sorted().map { (source: $0, target: node) } }
        let tracks = Self.shortcutTracks(links.filter { row[$0.target] > row[$0.source] + 1 }
            .map { row[$0.source]...row[$0.target] })
        var shortcut = 0
        for (source, node) in links {
            let from = frames[source], to = frames[node]
            if row[node] == row[source] + 1 {
                let turn = to.y - SVGLayout.verticalGap / 2
                let path = from.midX == to.midX
                    ? "M \(n(from.midX)) \(n(from.maxY)) V \(n(to.y - length))"
                    : "M \(n(from.midX)) \(n(from.maxY)) V \(n(turn)) H \(n(to.midX)) V \(n(to.y - length))"
                edges.append((path, "M \(n(to.midX - half)) \(n(to.y - length)) L \(n(to.midX + half))"
                    + " \(n(to.y - length)) L \(n(to.midX)) \(n(to.y)) Z"))
            } else {
                // Right of every box in the rows it passes, on its own track.
                let passed = rightEdge[(row[source] + 1)..<row[node]].max() ?? from.maxX
                let side = max(passed, from.maxX, to.maxX) + SVGLayout.columnGap / 4
                    + Double(tracks[shortcut]) * Self.trackSpacing
                shortcut += 1
                let path = "M \(n(from.maxX)) \(n(from.midY)) H \(n(side)) V \(n(to.midY)) H \(n(to.maxX + length))"
                edges.append((path, "M \(n(to.maxX + length)) \(n(to.midY - half)) L \(n(to.maxX + length))"
                    + " \(n(to.midY + half)) L \(n(to.maxX)) \(n(to.midY)) Z"))
            }
        }
        self.frames = frames
        self.edges = edges
        width = 2 * SVGLayout.margin + Double(lanes) * laneWidth + Double(tracks.max() ?? 0) * Self.trackSpacing
        height = 2 * SVGLayout.margin + Double(rows) * boxHeight + Double(rows - 1) * SVGLayout.verticalGap
    }

    static let trackSpacing = 6.0

    /// A track (0 nearest the boxes) for each shortcut spanning `rows`: shorter shortcuts first, each
    /// outside those it encloses (U-Net's nested skips nest without crossing) and apart from every
    /// other it overlaps or touches (DenseNet's shortcuts one after another alternate).
    static func shortcutTracks(_ spans: [ClosedRange<Int>]) -> [Int] {
        var tracks = [Int](repeating: 0, count: spans.count)
        var placed: [Int] = []
        for index in spans.indices.sorted(by: { (spans[$0].count, $0) < (spans[$1].count, $1) }) {
            let span = spans[index]
            let near = placed.filter { spans[$0].overlaps(span) }
            let enclosed = near.filter { span.contains(spans[$0].lowerBound) && span.contains(spans[$0].upperBound) }
            let taken = Set(near.map { tracks[$0] })
            var track = enclosed.map { tracks[$0] + 1 }.max() ?? 0
            while taken.contains(track) { track += 1 }
            tracks[index] = track
            placed.append(index)
        }
        return tracks
    }
}
