import CNNModel

/// The words that start a layer statement.
enum LayerKeyword: Hashable, Sendable {
    case conv, deconv, maxpool, avgpool, globalavgpool, globalmaxpool, upsample, flatten, dense, dropout
    case batchnorm, lrn
    /// `relu`, `leakyrelu`, ... as a layer of its own.
    case activation(Activation)

    static let all: [LayerKeyword] = [
        .conv, .deconv, .maxpool, .avgpool, .globalavgpool, .globalmaxpool, .upsample, .flatten, .dense, .dropout,
        .batchnorm, .lrn,
    ] + Activation.all.map(LayerKeyword.activation)

    /// The keyword of a layer statement; `swish` is `silu`.
    init?(_ word: String) {
        if let activation = Activation.named(word) {
            self = .activation(activation)
        } else if let keyword = LayerKeyword.all.first(where: { $0.word == word }) {
            self = keyword
        } else {
            return nil
        }
    }

    var word: String {
        switch self {
        case .conv: return "conv"
        case .deconv: return "deconv"
        case .maxpool: return "maxpool"
        case .avgpool: return "avgpool"
        case .globalavgpool: return "globalavgpool"
        case .globalmaxpool: return "globalmaxpool"
        case .upsample: return "upsample"
        case .flatten: return "flatten"
        case .dense: return "dense"
        case .dropout: return "dropout"
        case .batchnorm: return "batchnorm"
        case .lrn: return "lrn"
        case let .activation(activation): return activation.keyword
        }
    }

    /// Words that start statements other than layers.
    static let statementKeywords = ["input", "repeat", "def", "output"] + MergeKind.allCases.map(\.rawValue)

    /// Every word that may start a statement, for "did you mean" and for names a block may not take.
    static let statementWords = all.map(\.word) + statementKeywords + ["swish"]
}

extension LayerKeyword {
    /// How the statement is written, for "write it as ..." help.
    var usage: String {
        switch self {
        case .conv: return "conv F K [options]"
        case .deconv: return "deconv F K [sN] [pN] [opN] [dN] [gN] [activation] [nobias]"
        case .maxpool, .avgpool: return "\(word) K [sN] [valid|same|full|pN] [ceil]"
        case .upsample: return "upsample N [nearest|bilinear]"
        case .dense: return "dense N [activation] [nobias]"
        case .dropout: return "dropout P"
        case .batchnorm: return "batchnorm [eps=X] [momentum=X]"
        case .lrn: return "lrn [N]"
        case .activation(.leakyReLU): return "leakyrelu [A]"
        default: return word
        }
    }

    /// The settings written as options (after the required arguments).
    var options: Set<Setting> {
        switch self {
        case .conv: return [.padding, .stride, .dilation, .groups, .bias, .activation, .weights]
        case .deconv: return [.padding, .outputPadding, .stride, .dilation, .groups, .bias, .activation]
        case .maxpool, .avgpool: return [.padding, .stride, .ceil]
        case .upsample: return [.mode]
        case .dense: return [.bias, .activation]
        case .batchnorm: return [.epsilon, .momentum]
        default: return []
        }
    }

    /// The option words this layer accepts, for "did you mean".
    var optionWords: [String] {
        var words: [String] = []
        if options.contains(.padding), self != .deconv { words += ["valid", "same", "full"] }
        if options.contains(.bias) { words.append("nobias") }
        if options.contains(.activation) { words += Activation.keywords }
        if options.contains(.ceil) { words.append("ceil") }
        if options.contains(.mode) { words += Upsample.Mode.allCases.map(\.rawValue) }
        return words
    }

    /// The options listed in a help line.
    var optionSummary: String {
        switch self {
        case .conv:
            return "sN, sNxM, valid, same, full, pN, pNxM, dN, gN, an activation, nobias, weights=NAME"
        case .deconv: return "sN, pN, opN, dN, gN, an activation, nobias"
        case .maxpool, .avgpool: return "sN, sNxM, valid, same, full, pN, pNxM, ceil"
        case .upsample: return "nearest, bilinear"
        case .dense: return "an activation (\(Activation.keywords.joined(separator: ", "))), nobias"
        case .batchnorm: return "eps=X, momentum=X"
        default: return "none"
        }
    }
}
