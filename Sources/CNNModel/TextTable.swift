/// Cells printed as aligned columns two spaces apart, a header above: the layout of
/// `cnnc summary`'s layer table and of `cnnc run --profile`'s.
public struct TextTable: Sendable {
    public let header: [String]
    public let rows: [[String]]
    /// Columns whose cells are padded on the left (numbers); the others on the right.
    public let rightAligned: Set<Int>
    /// Each column as wide as its widest cell, header included.
    public let columnWidths: [Int]

    public init(header: [String], rows: [[String]], rightAligned: Set<Int>) {
        (self.header, self.rows, self.rightAligned) = (header, rows, rightAligned)
        columnWidths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    }

    /// The width of a full line: the columns and the gaps between them.
    public var width: Int { columnWidths.reduce(0, +) + 2 * max(columnWidths.count - 1, 0) }

    /// One row (the header or one of `rows`), padded to the columns, without trailing spaces.
    public func line(_ row: [String]) -> String {
        var text = row.indices.map { column in
            let padding = String(repeating: " ", count: max(columnWidths[column] - row[column].count, 0))
            return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
        }.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        return text
    }
}
