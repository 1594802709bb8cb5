import Foundation

/// Reads and writes Netpbm images: PGM (grey) and PPM (colour), binary and ASCII.
///
/// Layout: a magic (`P2` ASCII grey, `P3` ASCII colour, `P5` binary grey, `P6` binary colour),
/// whitespace-separated decimal width, height and maxval (1...65535) with `#` comments allowed
/// between them, then the samples row by row (binary: one whitespace byte after maxval, then
/// 1 byte per sample, or 2 big-endian bytes when maxval > 255). Only the first image of a
/// multi-image file is read.
public enum NetpbmFile {
    /// The image at `url` as `[H, W, C]` (C = 1 for PGM, 3 for PPM), samples divided by maxval into [0, 1].
    public static func read(from url: URL) throws -> Tensor {
        try decode(FileBytes.read(from: url), path: url.path)
    }

    /// Parses a whole PGM/PPM file; see `read(from:)`.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Tensor {
        var scanner = NetpbmScanner(bytes: bytes, path: path)
        let magic = Array(bytes.prefix(2))
        let channels: Int
        let isBinary: Bool
        switch magic {
        case Array("P2".utf8): (channels, isBinary) = (1, false)
        case Array("P3".utf8): (channels, isBinary) = (3, false)
        case Array("P5".utf8): (channels, isBinary) = (1, true)
        case Array("P6".utf8): (channels, isBinary) = (3, true)
        case Array("P1".utf8), Array("P4".utf8), Array("P7".utf8):
            throw FormatError.unsupportedFeature(path: path, feature: "\(MagicText.describe(magic)) (PBM bitmap or PAM)",
                                                 remedy: "convert it to PGM or PPM, e.g. with `pnmtopnm` or ImageMagick")
        default:
            throw FormatError.badMagic(path: path, format: "PGM/PPM", expected: "P2, P3, P5 or P6",
                                       found: MagicText.describe(magic))
        }
        scanner.skip(2)
        let width = try scanner.headerNumber("width")
        let height = try scanner.headerNumber("height")
        let maxval = try scanner.headerNumber("maxval")
        guard width >= 1, height >= 1 else {
            throw FormatError.badHeader(path: path, format: "PGM/PPM", problem: "the size \(width)x\(height) is empty")
        }
        guard (1...65535).contains(maxval) else {
            throw FormatError.badHeader(path: path, format: "PGM/PPM",
                                        problem: "maxval \(maxval) is outside 1...65535")
        }
        guard let count = ElementCount.of([height, width, channels]) else {
            throw FormatError.badHeader(path: path, format: "PGM/PPM", problem: "the size \(width)x\(height) is too large")
        }
        let samples = isBinary ? try scanner.binarySamples(count: count, wide: maxval > 255)
                               : try scanner.asciiSamples(count: count)
        // Division, not multiplication by 1/maxval, so 51/255 is exactly Float(0.2).
        let scale = Float(maxval)
        var scalars = [Float]()
        scalars.reserveCapacity(count)
        for (index, sample) in samples.enumerated() {
            guard sample <= maxval else {
                throw FormatError.badValue(path: path, problem: "sample \(index) is \(sample), above maxval \(maxval)")
            }
            scalars.append(Float(sample) / scale)
        }
        return Tensor(shape: [height, width, channels], scalars: scalars)
    }

    /// A binary PGM (one channel: `[H, W]`, `[H, W, 1]`) or PPM (`[H, W, 3]`) with maxval 255; a leading
    /// batch axis of 1 is allowed. Values are clamped to [0, 1] and rounded to the nearest of 256 levels;
    /// NaN becomes 0. `path` names the file in the error for any other shape.
    public static func encode(_ image: Tensor, path: String = "<memory>") throws -> [UInt8] {
        var shape = image.shape
        if shape.count == 4 && shape[0] == 1 { shape.removeFirst() }
        if shape.count == 2 { shape.append(1) }
        guard shape.count == 3, shape[2] == 1 || shape[2] == 3, shape[0] >= 1, shape[1] >= 1 else {
            throw FormatError.unwritableTensor(path: path, problem:
                "a PGM/PPM image has shape [H, W, 1] or [H, W, 3] (H, W >= 1), not \(image.shape)")
        }
        var writer = ByteWriter(capacity: 20 + image.count)
        writer.append("\(shape[2] == 1 ? "P5" : "P6")\n\(shape[1]) \(shape[0])\n255\n")
        writer.append(contentsOf: image.scalars.map { value -> UInt8 in
            value.isNaN ? 0 : UInt8(min(max(value, 0), 1) * 255 + 0.5)
        })
        return writer.bytes
    }

    /// Writes `image` as a binary PGM or PPM at `url`, atomically; see `encode(_:path:)`.
    public static func write(_ image: Tensor, to url: URL) throws {
        try AtomicFile.write(Data(encode(image, path: url.path)), to: url)
    }
}
