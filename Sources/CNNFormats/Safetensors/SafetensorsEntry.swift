/// One tensor's description in a safetensors header, checked against itself.
struct SafetensorsEntry {
    var name: String
    var dtype: String
    var scalarType: ScalarType
    var shape: [Int]
    var elementCount: Int
    /// Byte range relative to the start of the data section.
    var begin: Int
    var end: Int

    /// Reads and checks one header member: keys present and well typed, dtype known, and the
    /// byte range exactly as long as shape x dtype size.
    init(name: String, json: JSONValue, path: String) throws {
        func problem(_ text: String) -> FormatError { .badTensor(path: path, tensor: name, problem: text) }
        guard case let .object(members) = json else {
            throw problem("the entry is \(json.kindName), expected an object with dtype, shape and data_offsets")
        }
        func member(_ key: String) throws -> JSONValue {
            guard let value = members.first(where: { $0.key == key })?.value else {
                throw problem("the entry has no '\(key)'")
            }
            return value
        }
        let dtypeJSON = try member("dtype")
        guard case let .string(dtype) = dtypeJSON else {
            throw problem("'dtype' is \(dtypeJSON.kindName), expected a string such as \"F32\"")
        }
        guard let scalarType = SafetensorsDtype.scalarTypes[dtype] else {
            throw FormatError.unsupportedDtype(path: path, tensor: name, dtype: dtype,
                                               supported: SafetensorsDtype.supportedNames)
        }
        let shapeJSON = try member("shape")
        guard let shape = shapeJSON.nonNegativeIntegers else {
            throw problem("'shape' must be an array of non-negative integers, found \(shapeJSON)")
        }
        let offsetsJSON = try member("data_offsets")
        guard let offsets = offsetsJSON.nonNegativeIntegers, offsets.count == 2 else {
            throw problem("'data_offsets' must be two non-negative integers [begin, end], found \(offsetsJSON)")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end else {
            throw problem("data_offsets [\(begin), \(end)] end before they begin")
        }
        guard let elementCount = ElementCount.of(shape),
              let byteCount = ElementCount.bytes(elementCount, of: scalarType) else {
            throw problem("the size of shape \(shape) overflows a 64-bit integer")
        }
        guard end - begin == byteCount else {
            throw problem("shape \(shape) of \(dtype) needs \(byteCount) bytes"
                          + " but data_offsets [\(begin), \(end)] hold \(end - begin)")
        }
        self.name = name
        self.dtype = dtype
        self.scalarType = scalarType
        self.shape = shape
        self.elementCount = elementCount
        self.begin = begin
        self.end = end
    }
}
