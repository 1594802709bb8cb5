import Foundation

/// Reads the images of `cnnc run --input-file`, whatever format the file is in.
///
/// The format is recognised by content, not by name: `.npy` (float32, float64 or uint8; shape
/// `(N, H, W, C)` or `(H, W, C)`, or with `layout: .nchw` PyTorch's `(N, C, H, W)` or `(C, H, W)`),
/// binary or ASCII PGM/PPM (one image), or MNIST's IDX images (also gzip-compressed).
/// 8-bit data is scaled to [0, 1]; float data is taken as stored.
public enum ImageInputFile {
    /// The images in the file at `url` as `[N, H, W, C]`.
    public static func read(from url: URL, layout: ImageLayout = .nhwc) throws -> Tensor {
        try decode(FileBytes.read(from: url), path: url.path, layout: layout)
    }

    /// The images in a whole file's `bytes` as `[N, H, W, C]`; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String, layout: ImageLayout = .nhwc) throws -> Tensor {
        if bytes.starts(with: NpyFile.magic) {
            return try npyImages(NpyFile.decode(bytes, path: path), path: path, layout: layout)
        }
        if bytes.first == UInt8(ascii: "P") {
            let image = try NetpbmFile.decode(bytes, path: path)
            return image.reshaped(to: [1] + image.shape)
        }
        if Gzip.isCompressed(bytes) || bytes.starts(with: [0, 0]) {
            return try IDXFile.decodeImages(bytes, path: path)
        }
        throw FormatError.badMagic(path: path, format: "image", expected:
            "\\x93NUMPY (.npy), P2/P3/P5/P6 (PGM/PPM) or 0x00000803 (IDX)", found: MagicText.describe(Array(bytes.prefix(6))))
    }

    private static func npyImages(_ array: NpyArray, path: String, layout: ImageLayout) throws -> Tensor {
        var images = array.imageTensor
        switch images.shape.count {
        case 4: break
        case 3: images = images.reshaped(to: [1] + images.shape)
        default:
            let expected = layout == .nhwc ? "(N, H, W, C) or (H, W, C)" : "(N, C, H, W) or (C, H, W)"
            throw FormatError.badValue(path: path, problem: "images must have shape \(expected), not \(array.shape)")
        }
        return layout.toNHWC(images)
    }
}
