/// A source file split into lines, translating UTF-8 offsets into line and character columns.
///
/// The lexer works on UTF-8 offsets (fast); only diagnostics pay for columns, which count
/// characters (grapheme clusters) so that a caret lands under what a person sees.
public struct SourceText: Sendable {
    /// The file's bytes; offsets index into these.
    public let utf8: [UInt8]
    /// UTF-8 offset of the first byte of each line; lines end at LF, CRLF or a lone CR, as the lexer's do.
    private let lineStarts: [Int]
    /// For each line, the offset of its first non-ASCII byte (or of its end): columns before it
    /// are byte counts, so a long ASCII line with thousands of diagnostics costs no decoding.
    private let asciiEnds: [Int]

    public init(_ text: String) {
        self.init(utf8: Array(text.utf8))
    }

    public init(utf8: [UInt8]) {
        self.utf8 = utf8
        var starts = [0]
        for (offset, byte) in utf8.enumerated() {
            let lineFeed = byte == UInt8(ascii: "\n")
            let loneReturn = byte == UInt8(ascii: "\r") && (offset + 1 == utf8.count || utf8[offset + 1] != UInt8(ascii: "\n"))
            if lineFeed || loneReturn { starts.append(offset + 1) }
        }
        lineStarts = starts
        var ends: [Int] = []
        ends.reserveCapacity(starts.count)
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : utf8.count
            ends.append(utf8[start..<end].firstIndex { $0 >= 0x80 } ?? end)
        }
        asciiEnds = ends
    }

    /// The line and character column of a UTF-8 offset (clamped to the file).
    public func location(ofOffset offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), utf8.count)
        let index = lineIndex(containing: offset)
        let start = lineStarts[index], asciiEnd = asciiEnds[index]
        guard offset > asciiEnd else { return SourceLocation(line: index + 1, column: offset - start + 1) }
        // Two ASCII bytes always have a character boundary between them (none is a combining
        // mark or CR here), so only the part from the last ASCII byte on needs decoding.
        let split = max(start, asciiEnd - 1)
        let rest = String(decoding: utf8[split..<offset], as: UTF8.self)
        return SourceLocation(line: index + 1, column: split - start + rest.count + 1)
    }

    /// The range covering UTF-8 offsets `[start, end)`.
    public func range(from start: Int, to end: Int) -> SourceRange {
        SourceRange(location(ofOffset: start), location(ofOffset: max(start, end)))
    }

    /// The text of a 1-based line without its line break, or nil past the end of the file.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : utf8.count
        // Before an LF, a CR is part of the break (CRLF).
        if end > start, end < utf8.count, utf8[end] == UInt8(ascii: "\n"), utf8[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    private func lineIndex(containing offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
