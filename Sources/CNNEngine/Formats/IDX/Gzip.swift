/// Recognises gzip streams (RFC 1952).
enum Gzip {
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    static func decompress(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        throw FormatError.unsupportedFeature(path: path, feature: "gzip-compressed data", remedy: "gunzip it first")
    }
}
