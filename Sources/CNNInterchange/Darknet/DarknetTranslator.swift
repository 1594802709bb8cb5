import CNNModel

/// Turns a parsed cfg into a model, one Darknet layer (section after `[net]`) at a time.
///
/// Every problem is collected: a section whose settings are wrong is reported and marked failed,
/// and what reads a failed layer is skipped silently (its own settings are still checked), so one
/// mistake gives one message. Nothing is returned unless there is no problem at all.
struct DarknetTranslator {
    let path: String
    /// Nil when `[net]` gave no usable input shape: the sections are then only read, not built.
    var builder: ModelBuilder?
    var problems: [ImportError.Problem] = []
    /// What each Darknet layer index stands for.
    var slots: [Slot] = []
    /// The values `[yolo]`/`[region]` layers read, with the head's section.
    var heads: [(value: ValueID, section: DarknetConfig.Section)] = []
    var weightLayers: [DarknetWeights.Layer] = []
    private var reportedTooManyLayers = false

    enum Slot {
        case value(ValueID)
        /// Broken, or reading something broken: already reported.
        case failed
        /// A detection head: its output (decoded boxes) is nothing cnnc computes.
        case head(DarknetConfig.Section)
    }

    /// Darknet's batchnorm: `sqrt(var + 1e-5)` on the GPU (pjreddie's `normalize_kernel`, and
    /// AlexeyAB's CPU path too), and a rolling average that keeps 0.99 of the old statistics.
    static let batchNorm = BatchNorm(epsilon: 1e-5, momentum: 0.01)

    init(path: String) {
        self.path = path
    }

    mutating func translate(_ config: DarknetConfig) throws(ImportError) -> DarknetModel {
        problems = config.problems
        guard let net = config.sections.first, net.name == "net" || net.name == "network" else {
            let place = config.sections.first?.place ?? "the file"
            problems.append(.init(place: place, message: "a Darknet cfg starts with a [net] section"))
            throw ImportError(path: path, problems: problems)
        }
        readNet(net)
        for (index, section) in config.sections.dropFirst().enumerated() {
            var reader = DarknetSectionReader(section)
            let slot = translate(section, index: index, reader: &reader)
            problems += reader.finish()
            slots.append(slot)
        }
        if slots.isEmpty {
            problems.append(.init(place: net.place, message: "the cfg has no layers after [net]"))
        } else if problems.isEmpty, builder?.layers.isEmpty == true {
            problems.append(.init(place: net.place, message: "the cfg has no layer cnnc computes (only heads or routes)"))
        }
        guard problems.isEmpty, let builder else { throw ImportError(path: path, problems: problems) }
        return try finish(builder, config: config)
    }

    /// `width`, `height` and `channels`; the other keys of `[net]` are training settings.
    private mutating func readNet(_ net: DarknetConfig.Section) {
        var reader = DarknetSectionReader(net)
        var sizes: [Int] = []
        for key in ["height", "width", "channels"] {
            guard reader.section.entry(key) != nil else {
                reader.report(nil, "'\(key)' is missing: cnnc needs the input's height, width and channels")
                continue
            }
            if let size = reader.int(key, default: 0, in: 1...Layer.maximumSetting) { sizes.append(size) }
        }
        problems += reader.problems
        guard sizes.count == 3 else { return }
        do {
            builder = try ModelBuilder(input: .image(height: sizes[0], width: sizes[1], channels: sizes[2]))
        } catch {
            problems.append(.init(place: net.place, message: "\(error)"))
        }
    }

    /// The outputs: the values the heads read, then the last layer's unless it is a head.
    private func finish(_ builder: ModelBuilder, config: DarknetConfig) throws(ImportError) -> DarknetModel {
        var outputs: [ValueID] = heads.map(\.value)
        if case let .value(last) = slots.last, !outputs.contains(last) { outputs.append(last) }
        var unique: [ValueID] = []
        for value in outputs where !unique.contains(value) { unique.append(value) }
        let model: Model
        do {
            model = try builder.build(outputs: unique.map { Model.Output(name: builder.name(of: $0), value: $0) })
        } catch {
            throw ImportError(path: path, place: "the model", message: "\(error)")
        }
        let imported = ImportedModel(model: model, weights: nil, notes: notes())
        return DarknetModel(imported: imported, weightLayers: weightLayers)
    }

    private func notes() -> [String] {
        var notes = ["Imported from the Darknet cfg \(DarknetTranslator.commentSafe(path)).",
                     "Layer lN_... comes from Darknet's layer N (the N-th section after [net], from 0)."]
        if !heads.isEmpty {
            let places = heads.map(\.section.place).joined(separator: ", ")
            notes.append("Outputs: the inputs of \(places).")
            notes.append("YOLO's box decoding (sigmoids, anchors, grid offsets) is not a layer of cnnc:")
            notes.append("apply it to these outputs, as Darknet's [yolo]/[region] layers do.")
        }
        if weightLayers.contains(where: { $0.batchNorm != nil }) {
            notes.append("Batchnorm: eps 1e-5 as Darknet's GPU path (its CPU path divides by sqrt(var) + 1e-6).")
        }
        return notes
    }

    /// User text for a `#` comment: a line break or control character there would end it early.
    static func commentSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0.properties.isWhitespace && $0 != " " ? "\u{FFFD}" : $0
        }))
    }

    // MARK: Building

    /// What layer `index` of the cfg reads (`index < 0` is the model input), or nil when it is
    /// broken (reported before) or a head (reported here, at `reader`'s section).
    mutating func value(of index: Int, for reader: inout DarknetSectionReader) -> ValueID? {
        guard index >= 0 else { return .input }
        guard slots.indices.contains(index) else { return nil }
        switch slots[index] {
        case let .value(value): return value
        case .failed: return nil
        case let .head(section):
            reader.report(nil, "reads the output of layer \(index), \(section.place), a detection head whose"
                + " decoding cnnc does not compute")
            return nil
        }
    }

    /// Adds a layer named `name`; nil when it breaks a shape rule (reported at `reader`'s section).
    mutating func add(_ operation: Operation, named name: String, inputs: [ValueID],
                      reader: inout DarknetSectionReader) -> ValueID? {
        guard var built = builder else { return nil }
        guard built.layers.count < Model.maximumLayerCount else {
            if !reportedTooManyLayers {
                reader.report(nil, "the model passes \(Model.maximumLayerCount) cnnc layers, more than cnnc takes")
                reportedTooManyLayers = true
            }
            return nil
        }
        builder = nil  // so that `built` is the only copy and adding does not copy its arrays
        let added = built.add(operation, named: name, inputs: inputs)
        builder = built
        for problem in added.problems { reader.report(nil, "\(problem)") }
        return added.problems.isEmpty ? added.value : nil
    }

    /// A layer's batchnorm (`lN_bn`) and activation (`lN_leaky`) after `value`, when it has them.
    mutating func normalizeAndActivate(_ value: ValueID, index: Int, batchNorm: Bool, activation: Activation?,
                                       reader: inout DarknetSectionReader) -> Slot {
        var current = value
        if batchNorm {
            guard let next = add(.batchNorm(DarknetTranslator.batchNorm), named: "l\(index)_bn", inputs: [current],
                                 reader: &reader)
            else { return .failed }
            current = next
        }
        if let activation {
            guard let next = add(.activation(activation), named: "l\(index)_\(DarknetActivation.word(for: activation))",
                                 inputs: [current], reader: &reader)
            else { return .failed }
            current = next
        }
        return .value(current)
    }
}
