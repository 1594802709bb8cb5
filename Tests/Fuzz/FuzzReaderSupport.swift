@testable import CNNFormats

/// Shared checks of the reader fuzz targets: a reader either throws a `FormatError` or returns
/// values consistent with what it read; anything else (a trap, another error type) is a finding.

/// The bytes of one fuzz input.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Runs `body`, accepting a `FormatError` (with a non-empty message naming the path) and trapping on any other error.
func expectFormatErrorOrSuccess(_ body: () throws -> Void) {
    do {
        try body()
    } catch let error as FormatError {
        precondition(error.description.hasPrefix("f"), "the message names the file: \(error)")
    } catch {
        preconditionFailure("not a FormatError: \(error)")
    }
}

/// The tensor's shape accounts for exactly its scalars.
func checkShape(_ shape: [Int], count: Int) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
    precondition(shape.reduce(1, *) == count, "shape \(shape) but \(count) scalars")
}

/// Equal floats by bit pattern, so that NaNs compare too.
func sameBits(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}
