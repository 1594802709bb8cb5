import CNNModel

/// The words that start a layer statement.
enum LayerKeyword: String, CaseIterable, Sendable {
    case conv, maxpool, avgpool, globalavgpool, globalmaxpool, flatten, dense, dropout, batchnorm, lrn
    case relu, sigmoid, tanh, softmax, leakyrelu, linear

    /// Every word that may start a statement, for "did you mean".
    static let statementWords = allCases.map(\.rawValue) + ["input", "repeat"]

    /// The activation a word names (`leakyrelu` with the default slope).
    static func activation(_ word: String) -> Activation? {
        switch word {
        case "relu": return .relu
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "softmax": return .softmax
        case "leakyrelu": return .leakyReLU(alpha: Activation.defaultLeakyAlpha)
        case "linear": return .linear
        default: return nil
        }
    }

    static let activationWords = ["relu", "sigmoid", "tanh", "softmax", "leakyrelu", "linear"]
}

extension LayerKeyword {
    /// How the statement is written, for "write it as ..." help.
    var usage: String {
        switch self {
        case .conv: return "conv F K [options]"
        case .maxpool, .avgpool: return "\(rawValue) K [sN] [valid|same|full|pN]"
        case .dense: return "dense N [activation] [nobias]"
        case .dropout: return "dropout P"
        case .lrn: return "lrn [N]"
        case .leakyrelu: return "leakyrelu [A]"
        default: return rawValue
        }
    }

    /// The option words this layer accepts, for "did you mean".
    var optionWords: [String] {
        switch self {
        case .conv: return ["valid", "same", "full", "nobias"] + LayerKeyword.activationWords
        case .maxpool, .avgpool: return ["valid", "same", "full"]
        case .dense: return LayerKeyword.activationWords + ["nobias"]
        default: return []
        }
    }

    /// The options listed in a help line.
    var optionSummary: String {
        switch self {
        case .conv:
            return "sN, sNxM, valid, same, full, pN, pNxM, dN, gN, an activation, nobias, weights=NAME"
        case .maxpool, .avgpool: return "sN, sNxM, valid, same, full, pN, pNxM"
        case .dense: return "an activation (relu, sigmoid, tanh, softmax, leakyrelu [A], linear), nobias"
        default: return "none"
        }
    }
}
