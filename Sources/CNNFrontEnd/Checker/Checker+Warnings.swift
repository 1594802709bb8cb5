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
        case let .pooling(pool):
            (extent, stride, mode, what) = (pool.window, pool.stride, pool.padding, "window")
        default:
            return
        }
        let padding = layer.padding
        // Rows past the last window are lost, unless they are only padding (as in torchvision's AlexNet).
        let rows = max((height + padding.top + padding.bottom - extent.height) % stride.height - padding.bottom, 0)
        let columns = max((width + padding.left + padding.right - extent.width) % stride.width - padding.right, 0)
        if rows > 0 || columns > 0 {
            let where_ = statement.argumentSpans[.stride] ?? statement.span(of: what == "kernel" ? .kernel : .window)
            sink.report(.strideDropsInput(stride, Size2(height, width), rows: rows, columns: columns), at: where_)
        }
        if mode == .same, extent.height % 2 == 0 || extent.width % 2 == 0, !padding.isSymmetric {
            sink.report(.evenKernelSame(what, extent, padding), at: statement.span(of: .padding))
        }
    }

    /// Softmax anywhere but at the end, and dropout at the very end.
    mutating func warnAboutOrder(_ layers: [Layer], _ statements: [LayerStatement]) {
        for (index, (layer, statement)) in zip(layers, statements).enumerated() where index < layers.count - 1 {
            if activation(of: layer) == .softmax {
                sink.report(.softmaxNotLast(), at: statement.argumentSpans[.activation] ?? statement.keywordSpan)
            }
        }
        if let last = layers.last, case .dropout = last.operation, let statement = statements.last {
            sink.report(.dropoutLast(), at: statement.keywordSpan)
        }
    }

    private func activation(of layer: Layer) -> Activation? {
        switch layer.operation {
        case let .convolution(conv): return conv.activation
        case let .dense(dense): return dense.activation
        case let .activation(activation): return activation
        default: return nil
        }
    }
}
