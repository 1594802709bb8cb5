/// Reads a DEFLATE stream's bits, least significant bit of each byte first.
struct BitReader {
    private let bytes: [UInt8]
    private var position: Int
    private var buffer = 0
    private var bufferedBits = 0

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// The next `count` (0...16) bits as an integer, first bit in the lowest place.
    mutating func bits(_ count: Int) throws -> Int {
        while bufferedBits < count {
            guard position < bytes.count else { throw Inflate.Failure.truncated }
            buffer |= Int(bytes[position]) << bufferedBits
            position += 1
            bufferedBits += 8
        }
        let value = buffer & ((1 << count) - 1)
        buffer >>= count
        bufferedBits -= count
        return value
    }

    /// Drops the bits left in the current byte (stored blocks start on a byte boundary).
    mutating func alignToByte() {
        buffer = 0
        bufferedBits = 0
    }

    /// The next `count` whole bytes; call after `alignToByte`.
    mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        precondition(bufferedBits == 0, "byte reads need a byte-aligned stream")
        guard count <= bytes.count - position else { throw Inflate.Failure.truncated }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// The offset of the first byte not (even partly) consumed.
    var byteAlignedEnd: Int { position - bufferedBits / 8 }
}
