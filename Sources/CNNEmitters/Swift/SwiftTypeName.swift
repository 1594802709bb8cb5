/// Turns a free-form name into the name of the generated Swift type: a valid identifier that does
/// not hide a type the generated file refers to. A `struct Model` would make the file's own
/// `Model(input:layers:)` mean the new type, and the file would not compile.
enum SwiftTypeName {
    /// Names the generated file writes unqualified, the keyword-like `Self`, `Any`, `Type`,
    /// `Protocol`, and standard types a person would not expect to see redefined.
    static let reserved: Set<String> = [
        "Model", "Network", "Tensor", "Convolution", "Pooling", "Dense", "BatchNorm", "LocalResponseNorm",
        "Size2", "URL", "UInt64",
        "Self", "Any", "AnyObject", "Type", "Protocol",
        "Array", "Bool", "Double", "Error", "Float", "Int", "Never", "Optional", "Result", "String", "Void",
    ]

    /// `lenet5-classic` -> `Lenet5Classic`, `9lives` -> `Model9lives`, `model` -> `ModelNet`, `` -> `Net`:
    /// UpperCamelCase of the ASCII letter-and-digit words.
    static func make(from name: String) -> String {
        let words = name.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        var result = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if result.isEmpty { return "Net" }
        if result.first?.isNumber == true { result = "Model" + result }
        return reserved.contains(result) ? result + "Net" : result
    }
}
