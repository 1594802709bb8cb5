import CNNModel

/// Every size a pooling kernel needs, resolved from a checked pooling or global pooling `Layer`.
///
/// Input NHWC `[N, H, W, C]`, output NHWC `[N, OH, OW, C]`. Window positions in the padding are
/// skipped: they never win a max and are not counted in an average.
struct PoolingGeometry: Hashable, Sendable {
    var kind: PoolKind
    var inputHeight: Int
    var inputWidth: Int
    var channels: Int
    var outputHeight: Int
    var outputWidth: Int
    var window: Size2
    var stride: Size2
    var padding: Insets

    init(kind: PoolKind, inputHeight: Int, inputWidth: Int, channels: Int, outputHeight: Int, outputWidth: Int,
         window: Size2, stride: Size2, padding: Insets) {
        self.kind = kind
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        self.window = window
        self.stride = stride
        self.padding = padding
    }

    /// The geometry of a pooling or global pooling layer (a window over the whole image); nil otherwise.
    init?(_ layer: Layer) {
        guard case let .image(h, w, c) = layer.inputShape,
              case let .image(oh, ow, _) = layer.outputShape else { return nil }
        switch layer.operation {
        case let .pooling(pool):
            self.init(kind: pool.kind, inputHeight: h, inputWidth: w, channels: c, outputHeight: oh,
                      outputWidth: ow, window: pool.window, stride: pool.stride, padding: layer.padding)
        case let .globalPooling(kind):
            self.init(kind: kind, inputHeight: h, inputWidth: w, channels: c, outputHeight: 1, outputWidth: 1,
                      window: Size2(h, w), stride: Size2(h, w), padding: .zero)
        default:
            return nil
        }
    }

    var inputCount: Int { inputHeight * inputWidth * channels }
    var outputCount: Int { outputHeight * outputWidth * channels }

    /// The input rows (or columns) the window at output index `index` covers, clipped to the image.
    @inline(__always)
    static func span(_ index: Int, stride: Int, before: Int, window: Int, length: Int) -> Range<Int> {
        let start = index * stride - before
        return max(start, 0)..<max(min(start + window, length), max(start, 0))
    }
}
