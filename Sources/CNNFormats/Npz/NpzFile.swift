import Foundation

/// Writes numpy's `.npz`: a zip archive with one stored (uncompressed) `<name>.npy` entry per
/// array, what `numpy.savez` makes and `numpy.load` reads, keyed by `name`.
///
/// Layout (PKWARE APPNOTE 4.3): for each entry a local file header (`PK\3\4`), its name and its
/// bytes; then a central directory entry (`PK\1\2`) per entry, and the end record (`PK\5\6`).
/// Stored entries need no deflate; sizes past 4 GiB would need zip64 and are refused.
public enum NpzFile {
    /// The archive's bytes for `arrays` (name, tensor), in order.
    public static func encode(_ arrays: [(name: String, tensor: Tensor)], path: String) throws -> [UInt8] {
        var writer = ByteWriter()
        var directory = ByteWriter()
        for (name, tensor) in arrays {
            let data = NpyFile.encode(tensor)
            let fileName = Array((name + ".npy").utf8)
            let offset = writer.bytes.count
            guard data.count < Int(UInt32.max), offset < Int(UInt32.max), fileName.count <= Int(UInt16.max) else {
                throw FormatError.unwritableTensor(path: path, problem: "'\(name)' makes the archive larger than 4 GiB;"
                                                   + " write fewer samples at once")
            }
            let crc = CRC32.checksum(data)
            // Local header: version 2.0, no flags, method 0 (stored), the DOS date of 1980-01-01.
            writer.appendLittleEndian(UInt32(0x0403_4B50))
            entryFields(&writer, crc: crc, size: data.count, nameLength: fileName.count)
            writer.append(contentsOf: fileName)
            writer.append(contentsOf: data)
            directory.appendLittleEndian(UInt32(0x0201_4B50))
            directory.appendLittleEndian(UInt16(20))  // made by: version 2.0
            entryFields(&directory, crc: crc, size: data.count, nameLength: fileName.count)
            directory.appendLittleEndian(UInt16(0))  // comment length
            directory.appendLittleEndian(UInt16(0))  // disk number
            directory.appendLittleEndian(UInt16(0))  // internal attributes
            directory.appendLittleEndian(UInt32(0))  // external attributes
            directory.appendLittleEndian(UInt32(offset))
            directory.append(contentsOf: fileName)
        }
        let directoryOffset = writer.bytes.count
        guard directoryOffset < Int(UInt32.max), arrays.count < Int(UInt16.max) else {
            throw FormatError.unwritableTensor(path: path, problem: "the archive would be larger than 4 GiB")
        }
        writer.append(contentsOf: directory.bytes)
        writer.appendLittleEndian(UInt32(0x0605_4B50))
        writer.appendLittleEndian(UInt16(0))  // this disk
        writer.appendLittleEndian(UInt16(0))  // disk with the directory
        writer.appendLittleEndian(UInt16(arrays.count))
        writer.appendLittleEndian(UInt16(arrays.count))
        writer.appendLittleEndian(UInt32(directory.bytes.count))
        writer.appendLittleEndian(UInt32(directoryOffset))
        writer.appendLittleEndian(UInt16(0))  // comment length
        return writer.bytes
    }

    /// Writes the archive at `url`, atomically.
    public static func write(_ arrays: [(name: String, tensor: Tensor)], to url: URL) throws {
        try AtomicFile.write(Data(encode(arrays, path: url.path)), to: url)
    }

    /// The fields local headers and directory entries share, from "version needed" to "extra length".
    private static func entryFields(_ writer: inout ByteWriter, crc: UInt32, size: Int, nameLength: Int) {
        writer.appendLittleEndian(UInt16(20))  // version needed: 2.0
        writer.appendLittleEndian(UInt16(0))  // flags
        writer.appendLittleEndian(UInt16(0))  // method: stored
        writer.appendLittleEndian(UInt16(0))  // time 00:00
        writer.appendLittleEndian(UInt16(0x21))  // date 1980-01-01
        writer.appendLittleEndian(crc)
        writer.appendLittleEndian(UInt32(size))  // compressed size
        writer.appendLittleEndian(UInt32(size))  // uncompressed size
        writer.appendLittleEndian(UInt16(nameLength))
        writer.appendLittleEndian(UInt16(0))  // extra length
    }
}
