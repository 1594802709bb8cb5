/// Where each row of a GEMM's left matrix A lies inside an NHWC tensor, so that a convolution
/// multiplies its (padded) input directly, without materialising an im2col matrix.
///
/// Row `r` is output position `(n, oh, ow)` with `r = (n * outputHeight + oh) * outputWidth + ow`;
/// its origin is `n * imageStride + oh * rowStride + ow * columnStride`. The row's `depth` values are
/// the runs of `segmentLength` contiguous floats at `origin + segmentOffsets[s]`, in order. A dense
/// layer is the special case of one run per row: `RowGather.matrix(stride:depth:)`.
struct RowGather: Hashable, Sendable {
    var outputHeight: Int
    var outputWidth: Int
    var imageStride: Int
    var rowStride: Int
    var columnStride: Int
    var segmentOffsets: [Int]
    var segmentLength: Int

    /// Length of one row of A: the GEMM's inner dimension K.
    var depth: Int { segmentOffsets.count * segmentLength }

    /// A plain row-major matrix whose rows are `stride` floats apart and hold `depth` values.
    static func matrix(stride: Int, depth: Int) -> RowGather {
        RowGather(outputHeight: 1, outputWidth: 1, imageStride: stride, rowStride: 0, columnStride: 0,
                  segmentOffsets: [0], segmentLength: depth)
    }

    /// Offset of row `row`'s origin from the start of the tensor.
    @inline(__always)
    func origin(ofRow row: Int) -> Int {
        let perImage = outputHeight * outputWidth
        let image = row / perImage
        let position = row - image * perImage
        let oh = position / outputWidth
        let ow = position - oh * outputWidth
        return image * imageStride + oh * rowStride + ow * columnStride
    }
}

/// The elementwise function fused into a GEMM's store: the rest run as a separate pass.
/// Sigmoid and silu are fused at inference only (training keeps the values before them).
enum FusedActivation: Hashable, Sendable {
    case none
    case relu
    case leakyReLU(Float)
    case relu6
    case sigmoid
    case silu
}
