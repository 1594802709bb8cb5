import CNNModel

/// Legal specs that probably do not mean what they say.
extension Checker {
    /// A stride that leaves input rows or columns unread, and uneven `same` padding around an even window.
    mutating func warnAboutGeometry(_ layer: Layer, _ statement: LayerStatement) {
        guard case let .image(height, width, _) = layer.inputShape else { return }
        let extent: Size2, stride: Size2, mode: PaddingMode, what: String
        switch layer.operation {
        case let .convolution(conv):
            (extent, stride, mode, what) = (conv.effectiveKernel, conv.stride, conv.padding, "kernel")
        case let .pooling(pool) where !pool.ceilMode:
            (extent, stride, mode, what) = (pool.window, pool.stride, pool.padding, "window")
        default:
            return
        }
        let padding = layer.padding
        // Rows past the last window are lost, unless they are only padding (as in torchvision's AlexNet).
        // A window smaller than its stride skips pixels between windows anyway: it subsamples on
        // purpose (ResNet's 1x1 stride-2 shortcut), and losing the last row is part of that.
        // A written `valid` says the crop is meant (torchvision's SqueezeNet stem).
        let saysValid = mode == .valid && statement.argumentSpans[.padding] != nil
        let rows = extent.height < stride.height ? 0
            : max((height + padding.top + padding.bottom - extent.height) % stride.height - padding.bottom, 0)
        let columns = extent.width < stride.width ? 0
            : max((width + padding.left + padding.right - extent.width) % stride.width - padding.right, 0)
        if rows > 0 || columns > 0, !saysValid {
            let where_ = statement.argumentSpans[.stride] ?? statement.span(of: what == "kernel" ? .kernel : .window)
            sink.report(.strideDropsInput(stride, Size2(height, width), rows: rows, columns: columns), at: where_)
        }
        // Max pooling shifts nothing that matters by half a pixel: Darknet's `maxpool 2 s1` is this.
        let isMaxPool = if case let .pooling(pool) = layer.operation { pool.kind == .max } else { false }
        if mode == .same, !isMaxPool, extent.height % 2 == 0 || extent.width % 2 == 0, !padding.isSymmetric {
            sink.report(.evenKernelSame(what, extent, padding), at: statement.span(of: .padding))
        }
    }

    /// Softmax whose probabilities other layers read, dropout as an output, and values nothing reads.
    mutating func warnAboutTheGraph(_ model: Model) {
        let readers = model.readers
        let outputs = Set(model.outputs.map(\.value))
        var reported = Set<SourceSpan>()
        for (index, (layer, site)) in zip(model.layers, sites).enumerated() {
            let value = ValueID(layer: index)
            let isRead = !readers[value.rawValue].isEmpty
            if layer.activation == .softmax, isRead {
                sink.report(.softmaxNotLast(), at: site.activationSpan ?? site.keywordSpan)
            }
            if case .dropout = layer.operation, outputs.contains(value) {
                sink.report(.dropoutLast(), at: site.keywordSpan)
            }
            // A block called several times has one unused value per call: one warning is enough.
            if !isRead, !outputs.contains(value), reported.insert(site.span).inserted {
                sink.report(.unusedValue(layer.name), at: site.span)
            }
        }
    }
}
