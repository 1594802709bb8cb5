/// Builds a file's bytes: little-endian integers and floats appended in order.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append<S: Sequence>(contentsOf newBytes: S) where S.Element == UInt8 {
        bytes.append(contentsOf: newBytes)
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }

    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var remaining = value
        for _ in 0..<MemoryLayout<T>.size {
            bytes.append(UInt8(truncatingIfNeeded: remaining))
            remaining = remaining >> 8
        }
    }

    mutating func appendLittleEndian(_ scalars: [Float]) {
        bytes.reserveCapacity(bytes.count + 4 * scalars.count)
        for scalar in scalars {
            let bits = scalar.bitPattern
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
        }
    }
}
