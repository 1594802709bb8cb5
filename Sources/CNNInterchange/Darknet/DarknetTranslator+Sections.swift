import CNNModel

/// One function per Darknet section, each reading its keys with the defaults of Darknet's
/// `parse_<section>` (pjreddie/darknet `src/parser.c`) and adding the layers that compute it.
extension DarknetTranslator {
    static let supportedSections = ["convolutional", "maxpool", "avgpool", "route", "shortcut", "upsample",
                                    "dropout", "connected", "softmax", "activation", "cost", "yolo", "region"]
    private static let limit = Layer.maximumSetting
    private static let anyFloat = -Float.greatestFiniteMagnitude...Float.greatestFiniteMagnitude

    mutating func translate(_ section: DarknetConfig.Section, index: Int, reader: inout DarknetSectionReader) -> Slot {
        switch section.name {
        case "convolutional", "conv": return convolutional(index, &reader)
        case "maxpool", "max": return maxpool(index, &reader)
        case "avgpool", "avg": return single(.globalPooling(.average), "avgpool", index, &reader)
        case "route": return route(index, &reader)
        case "shortcut": return shortcut(index, &reader)
        case "upsample": return upsample(index, &reader)
        case "dropout": return dropout(index, &reader)
        case "connected", "conn": return connected(index, &reader)
        case "softmax", "soft": return softmax(index, &reader)
        case "yolo", "region":
            reader.ignore(reader.section.entries.map(\.key))  // anchors, classes, thresholds: decoding only
            guard let value = value(of: index - 1, for: &reader) else { return .failed }
            heads.append((value, section))
            return .head(section)
        case "activation":
            guard let activation = reader.activation(default: "linear"), reader.problems.isEmpty,
                  let input = value(of: index - 1, for: &reader)
            else { return .failed }
            return normalizeAndActivate(input, index: index, batchNorm: false, activation: activation, reader: &reader)
        case "cost":
            // A training loss: Darknet's output is the layer before it (`network_output` skips it).
            reader.ignore(reader.section.entries.map(\.key))
            return value(of: index - 1, for: &reader).map(Slot.value) ?? .failed
        case "net", "network":
            reader.ignore(reader.section.entries.map(\.key))
            reader.report(nil, "[net] may only be the first section")
            return .failed
        default:
            reader.ignore(reader.section.entries.map(\.key))
            reader.report(nil, "[\(section.name.prefix(40))] is not a section cnnc imports; it imports "
                + DarknetTranslator.supportedSections.map { "[\($0)]" }.joined(separator: ", "))
            return .failed
        }
    }

    private mutating func convolutional(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        let limit = DarknetTranslator.limit
        let filters = reader.int("filters", default: 1, in: 1...limit)
        let size = reader.int("size", default: 1, in: 1...limit)
        let stride = reader.int("stride", default: 1, in: 1...limit)
        let pad = reader.int("pad", default: 0, in: 0...limit)  // any other than 0 is on, as in Darknet
        let padding = reader.int("padding", default: 0, in: 0...limit)
        let groups = reader.int("groups", default: 1, in: 1...limit)
        let batchNorm = reader.int("batch_normalize", default: 0, in: 0...1)
        let activation = reader.activation(default: "logistic")  // Darknet's default for conv and connected
        for key in ["binary", "xnor"] { reader.require(key, is: "0", because: "binary (XNOR) weights") }
        reader.require("flipped", is: "0", because: "transposed weights")
        reader.require("dilation", is: "1", because: "cnnc reads only pjreddie's undilated layers")
        for key in ["dontload", "dontloadscales"] { reader.require(key, is: "0", because: "its weights are skipped") }
        reader.ignore(["stopbackward", "dot", "train_only_bn", "dont_update", "burnin_update"])
        guard let filters, let size, let stride, let pad, let padding, let groups, let batchNorm,
              let activation, reader.problems.isEmpty, let input = value(of: index - 1, for: &reader)
        else { return .failed }
        // Darknet: `if(pad) padding = size/2;`, the same on every side.
        let sides = pad != 0 ? size / 2 : padding
        let conv = Convolution(filters: filters, kernel: Size2(square: size), stride: Size2(square: stride),
                               groups: groups, padding: sides == 0 ? .valid : .explicit(Size2(square: sides)),
                               bias: batchNorm == 0, activation: batchNorm == 1 ? nil : activation)
        let name = "l\(index)_conv"
        let channels = builder?.shape(of: input).channels ?? 0
        guard let value = add(.convolution(conv), named: name, inputs: [input], reader: &reader) else { return .failed }
        weightLayers.append(DarknetWeights.Layer(
            index: index, kind: .convolutional(filters: filters, channelsPerGroup: channels / groups, size: size),
            name: name, batchNorm: batchNorm == 1 ? "l\(index)_bn" : nil))
        guard batchNorm == 1 else { return .value(value) }
        return normalizeAndActivate(value, index: index, batchNorm: true, activation: activation, reader: &reader)
    }

    private mutating func connected(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        let units = reader.int("output", default: 1, in: 1...DarknetTranslator.limit)
        let batchNorm = reader.int("batch_normalize", default: 0, in: 0...1)
        let activation = reader.activation(default: "logistic")
        guard let units, let batchNorm, let activation, reader.problems.isEmpty,
              let input = value(of: index - 1, for: &reader)
        else { return .failed }
        let name = "l\(index)_connected"
        let inputs = builder?.shape(of: input).elementCount ?? 0
        let dense = Dense(units: units, bias: batchNorm == 0, activation: batchNorm == 1 ? nil : activation)
        guard let value = add(.dense(dense), named: name, inputs: [input], reader: &reader) else { return .failed }
        weightLayers.append(DarknetWeights.Layer(index: index, kind: .connected(outputs: units, inputs: inputs),
                                                 name: name, batchNorm: batchNorm == 1 ? "l\(index)_bn" : nil))
        guard batchNorm == 1 else { return .value(value) }
        return normalizeAndActivate(value, index: index, batchNorm: true, activation: activation, reader: &reader)
    }

    /// Darknet pads `padding` (default size-1) in all, `padding/2` before: output
    /// `(n + padding - size) / stride + 1`, padded positions never winning. cnnc spells this exactly
    /// with `valid`, `same` or `pN` (with or without `ceil`) when one of them puts the same
    /// padding before and gives the same output size; `size=2 stride=1` is `same`.
    private mutating func maxpool(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        let limit = DarknetTranslator.limit
        let stride = reader.int("stride", default: 1, in: 1...limit)
        let size = reader.int("size", default: stride ?? 1, in: 1...limit)
        let padding = reader.int("padding", default: (size ?? 1) - 1, in: 0...limit)
        reader.require("maxpool_depth", is: "0", because: "a max over channels")
        guard let stride, let size, let padding, reader.problems.isEmpty,
              let input = value(of: index - 1, for: &reader), let builder
        else { return .failed }
        guard case let .image(height, width, channels) = builder.shape(of: input) else {
            reader.report(nil, "needs an image input, found \(builder.shape(of: input))")
            return .failed
        }
        func darknetOutput(_ n: Int) -> Int? { n + padding >= size ? (n + padding - size) / stride + 1 : nil }
        guard let outH = darknetOutput(height), let outW = darknetOutput(width) else {
            reader.report(nil, "a \(size)x\(size) window does not fit the \(height)x\(width) input with padding=\(padding)")
            return .failed
        }
        let before = padding / 2
        let window = Size2(square: size), step = Size2(square: stride)
        let candidates: [(PaddingMode, Bool)] = [(.valid, false), (.same, false), (.explicit(Size2(square: before)), false),
                                                 (.valid, true), (.explicit(Size2(square: before)), true)]
        let exact = candidates.lazy.map { Pooling(kind: .max, window: window, stride: step, padding: $0.0, ceilMode: $0.1) }
            .first { pool in
                guard let layer = try? Layer(name: "probe", operation: .pooling(pool), input: builder.shape(of: input))
                else { return false }
                return layer.outputShape == .image(height: outH, width: outW, channels: channels)
                    && layer.padding.top == before && layer.padding.left == before
            }
        guard let exact else {
            reader.report(nil, "size=\(size) stride=\(stride) padding=\(padding) on \(height)x\(width) has no exact"
                + " spelling in cnnc (\(before) before, giving \(outH)x\(outW))")
            return .failed
        }
        return single(.pooling(exact), "maxpool", index, &reader)
    }

    /// `layers=-1,8`: negative indices count back from this layer. One layer is a reference (no
    /// cnnc layer), several a concat along channels in the listed order.
    private mutating func route(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        let listed = reader.intList("layers")
        reader.require("groups", is: "1", because: "AlexeyAB's channel split")
        guard let listed, reader.problems.isEmpty else { return .failed }
        var inputs: [ValueID] = []
        for relative in listed {
            let absolute = relative < 0 ? index + relative : relative
            guard (0..<index).contains(absolute) else {
                reader.report("layers", "layer \(relative) is not a layer before this one (layer \(index))")
                return .failed
            }
            guard let value = value(of: absolute, for: &reader) else { return .failed }
            inputs.append(value)
        }
        guard inputs.count > 1 else { return inputs.first.map(Slot.value) ?? .failed }
        return add(.merge(.concat), named: "l\(index)_route", inputs: inputs, reader: &reader).map(Slot.value) ?? .failed
    }

    /// `from=-3`: the previous layer plus layer `from`, then the activation (linear by default).
    private mutating func shortcut(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        let from = reader.int("from", default: Int.min, in: Int.min...Int.max)
        let activation = reader.activation(default: "linear")
        for key in ["alpha", "beta"] {
            if let factor = reader.float(key, default: 1, in: DarknetTranslator.anyFloat), factor != 1 {
                reader.report(key, "\(key) other than 1 (a weighted sum) is not supported")
            }
        }
        guard let from, let activation, reader.problems.isEmpty else { return .failed }
        guard from != Int.min else {
            reader.report(nil, "'from' is missing")
            return .failed
        }
        let absolute = from < 0 ? index + from : from
        guard (0..<index).contains(absolute) else {
            reader.report("from", "layer \(from) is not a layer before this one (layer \(index))")
            return .failed
        }
        guard let current = value(of: index - 1, for: &reader), let other = value(of: absolute, for: &reader),
              let builder
        else { return .failed }
        let (mine, theirs) = (builder.shape(of: current), builder.shape(of: other))
        guard mine == theirs else {
            reader.report(nil, "adds layer \(absolute) (\(theirs)) to layer \(index - 1) (\(mine)): Darknet samples"
                + " between different shapes, which cnnc does not; only equal shapes are supported")
            return .failed
        }
        guard let sum = add(.merge(.add), named: "l\(index)_shortcut", inputs: [current, other], reader: &reader)
        else { return .failed }
        return normalizeAndActivate(sum, index: index, batchNorm: false, activation: activation, reader: &reader)
    }

    private mutating func upsample(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        let stride = reader.int("stride", default: 2, in: 1...DarknetTranslator.limit)
        if let scale = reader.float("scale", default: 1, in: DarknetTranslator.anyFloat), scale != 1 {
            reader.report("scale", "scale other than 1 is not supported")
        }
        guard let stride, reader.problems.isEmpty else { return .failed }
        return single(.upsample(Upsample(factor: Size2(square: stride))), "upsample", index, &reader)
    }

    private mutating func dropout(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        let rate = reader.float("probability", default: 0.5, in: 0...1)
        if rate == 1 { reader.report("probability", "probability=1 drops everything; cnnc takes 0 <= P < 1") }
        guard let rate, reader.problems.isEmpty else { return .failed }
        return single(.dropout(rate: rate), "dropout", index, &reader)
    }

    /// Darknet's softmax is over all of its input; cnnc's over the channels of each position, the
    /// same on a vector or a 1x1xC image (a classifier after `[avgpool]`).
    private mutating func softmax(_ index: Int, _ reader: inout DarknetSectionReader) -> Slot {
        reader.require("groups", is: "1", because: "a softmax per group")
        reader.require("spatial", is: "0", because: "a softmax per position")
        reader.ignore(["noloss"])
        if let temperature = reader.float("temperature", default: 1, in: DarknetTranslator.anyFloat), temperature != 1 {
            reader.report("temperature", "a temperature other than 1 is not supported")
        }
        if let tree = reader.text("tree") { reader.report("tree", "tree=\(tree.prefix(40)) (a hierarchical softmax) is not supported") }
        guard reader.problems.isEmpty, let input = value(of: index - 1, for: &reader), let builder else { return .failed }
        if case let .image(height, width, _) = builder.shape(of: input), height * width != 1 {
            reader.report(nil, "a softmax over all of \(builder.shape(of: input)) is not cnnc's (per position over channels)")
            return .failed
        }
        return single(.activation(.softmax), "softmax", index, &reader)
    }

    /// A section that is one cnnc layer reading the previous layer, named `lN_<what>`.
    private mutating func single(_ operation: Operation, _ what: String, _ index: Int,
                                 _ reader: inout DarknetSectionReader) -> Slot {
        guard reader.problems.isEmpty, let input = value(of: index - 1, for: &reader) else { return .failed }
        return add(operation, named: "l\(index)_\(what)", inputs: [input], reader: &reader).map(Slot.value) ?? .failed
    }
}
