import CNNModel

/// Python spellings of the values the PyTorch emitter writes.
enum PythonSyntax {
    /// A float literal Python reads back as the same float32: Swift's shortest round-trip digits
    /// (`0.0001`, `1e-05`, `1.0`) are valid Python.
    static func float(_ value: Float) -> String { value.description }

    /// `5` for a square size, `(3, 5)` otherwise, as torch.nn's size arguments accept.
    static func size(_ size: Size2) -> String {
        size.isSquare ? "\(size.height)" : "(\(size.height), \(size.width))"
    }

    /// The `F.pad` argument for `insets`: PyTorch lists the last axis first (left, right, top, bottom).
    static func padding(_ insets: Insets) -> String {
        "(\(insets.left), \(insets.right), \(insets.top), \(insets.bottom))"
    }

    /// A double-quoted Python string literal.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// True when `name` can be a plain attribute of an `nn.Module` subclass: an ASCII identifier
    /// that is no Python keyword and does not shadow what `nn.Module` itself defines.
    static func isPlainAttribute(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.isASCIILetter,
              name.unicodeScalars.allSatisfy({ $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) })
        else { return false }
        return !keywords.contains(name) && !moduleAttributes.contains(name) && !name.hasPrefix("_")
    }

    /// A local variable for the value called `name`: the name itself, unless Python or the
    /// generated `forward` already uses it (`x`, `identity`, `torch`, a keyword), or it is no identifier.
    static func variable(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) }
            && name.unicodeScalars.first.map { !("0"..."9").contains($0) } == true
        guard plain else {
            return "v_" + String(name.unicodeScalars.map { $0.isASCIILetter || ("0"..."9").contains($0) ? Character($0) : "_" })
        }
        return keywords.contains(name) || ["x", "identity", "self", "torch", "F", "nn"].contains(name) ? name + "_" : name
    }

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "match", "case", "type",
    ]

    /// Methods and attributes of `torch.nn.Module` a layer must not replace.
    private static let moduleAttributes: Set<String> = [
        "add_module", "apply", "bfloat16", "buffers", "call_super_init", "children", "compile", "cpu", "cuda",
        "double", "dump_patches", "eval", "extra_repr", "float", "forward", "get_buffer", "get_extra_state",
        "get_parameter", "get_submodule", "half", "ipu", "load_state_dict", "modules", "mtia",
        "named_buffers", "named_children", "named_modules", "named_parameters", "parameters",
        "register_buffer", "register_module", "register_parameter", "requires_grad_", "set_extra_state",
        "share_memory", "state_dict", "to", "to_empty", "train", "training", "xpu", "zero_grad",
    ]
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// How generated code names one layer's submodule, so its `state_dict` keys are `<layer>.weight`.
struct SubmoduleReference {
    let layerName: String

    /// `self.conv1`, or `getattr(self, "conv-1")` for a name Python cannot spell as an attribute.
    var expression: String {
        PythonSyntax.isPlainAttribute(layerName)
            ? "self.\(layerName)" : "getattr(self, \(PythonSyntax.string(layerName)))"
    }

    /// The `__init__` statement that registers `module` under the layer's name.
    func registration(_ module: String) -> String {
        PythonSyntax.isPlainAttribute(layerName)
            ? "self.\(layerName) = \(module)" : "self.add_module(\(PythonSyntax.string(layerName)), \(module))"
    }
}
