import CNNModel

/// The arguments and options of each layer statement.
extension Parser {
    /// The layer `keyword` with its argument words, or nil after reporting what is wrong with them.
    mutating func parseLayer(_ keyword: LayerKeyword, name: LayerName?, keywordSpan: SourceSpan,
                             arguments: [SourceSpan]) -> LayerStatement? {
        var layer = LayerBuilder(keyword: keyword, keywordSpan: keywordSpan)
        var reader = ArgumentReader(arguments, after: keywordSpan, layer: keyword.word, usage: keyword.usage,
                                    scope: parameterScope)
        let operation: Operation?
        switch keyword {
        case .conv: operation = parseConvolution(&reader, &layer)
        case .deconv: operation = parseDeconvolution(&reader, &layer)
        case .maxpool: operation = parsePooling(.max, &reader, &layer)
        case .avgpool: operation = parsePooling(.average, &reader, &layer)
        case .upsample: operation = parseUpsample(&reader, &layer)
        case .globalavgpool: operation = reader.requireEnd(sink: &sink) ? .globalPooling(.average) : nil
        case .globalmaxpool: operation = reader.requireEnd(sink: &sink) ? .globalPooling(.max) : nil
        case .flatten: operation = reader.requireEnd(sink: &sink) ? .flatten : nil
        case .batchnorm: operation = parseBatchNorm(&reader, &layer)
        case .dense: operation = parseDense(&reader, &layer)
        case .dropout: operation = parseDropout(&reader, &layer)
        case .lrn: operation = parseLocalResponseNorm(&reader, &layer)
        case let .activation(activation): operation = parseActivation(activation, &reader, &layer)
        }
        guard let operation, !layer.failed else { return nil }
        return LayerStatement(name: name, operation: operation, keywordSpan: keywordSpan,
                              argumentSpans: layer.spans, parameters: layer.parameters)
    }

    private mutating func parseConvolution(_ reader: inout ArgumentReader, _ layer: inout LayerBuilder) -> Operation? {
        guard let (filters, kernel) = filtersAndKernel(&reader, &layer) else { return nil }
        var conv = Convolution(filters: filters, kernel: kernel)
        while let span = reader.next() {
            switch parseOption(span, &reader, &layer) {
            case let .padding(padding)?: conv.padding = padding
            case let .stride(stride)?: conv.stride = stride
            case let .dilation(dilation)?: conv.dilation = dilation
            case let .groups(groups)?: conv.groups = groups
            case .noBias?: conv.bias = false
            case let .activation(activation)?: conv.activation = activation
            case let .weights(filter)?: conv.fixedFilter = filter
            default: break
            }
        }
        return .convolution(conv)
    }

    private mutating func parseDeconvolution(_ reader: inout ArgumentReader, _ layer: inout LayerBuilder) -> Operation? {
        guard let (filters, kernel) = filtersAndKernel(&reader, &layer) else { return nil }
        var deconv = Deconvolution(filters: filters, kernel: kernel)
        while let span = reader.next() {
            switch parseOption(span, &reader, &layer) {
            case let .padding(.explicit(padding))?: deconv.padding = padding
            case let .outputPadding(padding)?: deconv.outputPadding = padding
            case let .stride(stride)?: deconv.stride = stride
            case let .dilation(dilation)?: deconv.dilation = dilation
            case let .groups(groups)?: deconv.groups = groups
            case .noBias?: deconv.bias = false
            case let .activation(activation)?: deconv.activation = activation
            default: break
            }
        }
        return .deconvolution(deconv)
    }

    /// `F K`: the filter count and the (square or KHxKW) kernel of conv and deconv.
    private mutating func filtersAndKernel(_ reader: inout ArgumentReader, _ layer: inout LayerBuilder) -> (Int, Size2)? {
        guard let (filters, filtersSpan) = reader.requireInteger(what: "a filter count and a kernel size", sink: &sink),
              let (kernel, kernelSpan) = reader.requireIntegers(counts: 1...2, form: .size, what: "a kernel size",
                                                                sink: &sink)
        else { return nil }
        layer.spans[.filters] = filtersSpan
        layer.spans[.kernel] = kernelSpan
        return (layer.values(filters, for: .filters)[0], Parser.size2(layer.values(kernel, for: .kernel)))
    }

    private mutating func parsePooling(_ kind: PoolKind, _ reader: inout ArgumentReader,
                                       _ layer: inout LayerBuilder) -> Operation? {
        guard let (window, windowSpan) = reader.requireIntegers(counts: 1...2, form: .size, what: "a window size",
                                                                sink: &sink)
        else { return nil }
        layer.spans[.window] = windowSpan
        var pool = Pooling(kind: kind, window: Parser.size2(layer.values(window, for: .window)))
        while let span = reader.next() {
            switch parseOption(span, &reader, &layer) {
            case let .padding(padding)?: pool.padding = padding
            case let .stride(stride)?: pool.stride = stride
            case .ceil?: pool.ceilMode = true
            default: break
            }
        }
        return .pooling(pool)
    }

    private mutating func parseUpsample(_ reader: inout ArgumentReader, _ layer: inout LayerBuilder) -> Operation? {
        guard let (factor, span) = reader.requireIntegers(counts: 1...2, form: .size, what: "a scale factor",
                                                          sink: &sink)
        else { return nil }
        layer.spans[.factor] = span
        var upsample = Upsample(factor: Parser.size2(layer.values(factor, for: .factor)))
        while let span = reader.next() {
            if case let .mode(mode)? = parseOption(span, &reader, &layer) { upsample.mode = mode }
        }
        return .upsample(upsample)
    }

    private mutating func parseDense(_ reader: inout ArgumentReader, _ layer: inout LayerBuilder) -> Operation? {
        guard let (units, unitsSpan) = reader.requireInteger(what: "a unit count", sink: &sink) else { return nil }
        layer.spans[.units] = unitsSpan
        var dense = Dense(units: layer.values(units, for: .units)[0])
        while let span = reader.next() {
            switch parseOption(span, &reader, &layer) {
            case .noBias?: dense.bias = false
            case let .activation(activation)?: dense.activation = activation
            default: break
            }
        }
        return .dense(dense)
    }

    private mutating func parseBatchNorm(_ reader: inout ArgumentReader, _ layer: inout LayerBuilder) -> Operation? {
        var settings = BatchNorm()
        while let span = reader.next() {
            switch parseOption(span, &reader, &layer) {
            case let .epsilon(epsilon)?: settings.epsilon = epsilon
            case let .momentum(momentum)?: settings.momentum = momentum
            default: break
            }
        }
        return .batchNorm(settings)
    }

    private mutating func parseDropout(_ reader: inout ArgumentReader, _ layer: inout LayerBuilder) -> Operation? {
        guard let (rate, span) = reader.requireDecimal(what: "a rate", sink: &sink), reader.requireEnd(sink: &sink)
        else { return nil }
        layer.spans[.rate] = span
        return .dropout(rate: rate)
    }

    private mutating func parseLocalResponseNorm(_ reader: inout ArgumentReader,
                                                 _ layer: inout LayerBuilder) -> Operation? {
        var lrn = LocalResponseNorm()
        if reader.peekNumber(in: sink) != nil {
            guard let (size, span) = reader.requireInteger(what: "a size", sink: &sink) else { return nil }
            lrn.size = layer.values(size, for: .size)[0]
            layer.spans[.size] = span
        }
        return reader.requireEnd(sink: &sink) ? .localResponseNorm(lrn) : nil
    }

    private mutating func parseActivation(_ activation: Activation, _ reader: inout ArgumentReader,
                                          _ layer: inout LayerBuilder) -> Operation? {
        var activation = activation
        if case .leakyReLU = activation, reader.peekNumber(in: sink) != nil {
            guard let (alpha, span) = reader.requireDecimal(what: "a slope", sink: &sink) else { return nil }
            activation = .leakyReLU(alpha: alpha)
            layer.spans[.alpha] = span
        }
        return reader.requireEnd(sink: &sink) ? .activation(activation) : nil
    }
}
