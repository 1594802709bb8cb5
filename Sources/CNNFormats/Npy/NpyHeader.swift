/// The three keys of an npy header: element type, memory order and shape.
struct NpyHeader: Equatable {
    /// numpy's type string, e.g. `<f4`.
    var descr: String
    var scalarType: ScalarType
    var isBigEndian: Bool
    var shape: [Int]
    var elementCount: Int

    /// The element types we convert, by numpy kind and size (`f4`, `u1`, ...).
    static let scalarTypes: [String: ScalarType] = [
        "f2": .float16, "f4": .float32, "f8": .float64, "b1": .bool,
        "u1": .uint8, "u2": .uint16, "u4": .uint32, "u8": .uint64,
        "i1": .int8, "i2": .int16, "i4": .int32, "i8": .int64,
    ]
    static let supportedDescrs = ["<f4", "<f8", "<f2", "|u1", "|i1", "|b1", "<i8", "<i4", "<i2", "<u2", "<u4", "<u8",
                                  "and their big-endian '>' forms"]

    /// Parses and checks the header dictionary text of the file at `path`.
    init(text: String, path: String) throws {
        func problem(_ text: String) -> FormatError { .badHeader(path: path, format: "npy", problem: text) }
        let literal: PythonLiteral
        do {
            literal = try PythonLiteral.parse(text)
        } catch let failure as PythonLiteral.Failure {
            throw problem("not a Python dict literal: \(failure.message)")
        }
        guard case let .dictionary(members) = literal else {
            throw problem("the header is not a dict")
        }
        for key in members.keys.sorted() where !["descr", "fortran_order", "shape"].contains(key) {
            throw problem("unexpected key '\(key)' (an npy header has exactly descr, fortran_order and shape)")
        }
        guard case let .string(descr)? = members["descr"] else {
            throw members["descr"] == nil ? problem("missing 'descr'")
                : FormatError.unsupportedDtype(path: path, tensor: nil, dtype: "structured (record) array",
                                               supported: NpyHeader.supportedDescrs)
        }
        guard case let .bool(fortranOrder)? = members["fortran_order"] else {
            throw problem("'fortran_order' must be True or False")
        }
        guard case let .sequence(dimensions)? = members["shape"] else {
            throw problem("'shape' must be a tuple of integers")
        }
        var shape: [Int] = []
        for dimension in dimensions {
            guard case let .integer(size) = dimension, size >= 0 else {
                throw problem("'shape' must be a tuple of non-negative integers")
            }
            shape.append(size)
        }
        guard let (scalarType, isBigEndian) = NpyHeader.parseDescr(descr) else {
            throw FormatError.unsupportedDtype(path: path, tensor: nil, dtype: descr, supported: NpyHeader.supportedDescrs)
        }
        guard !fortranOrder || shape.filter({ $0 > 1 }).count <= 1 else {
            throw FormatError.unsupportedFeature(path: path, feature: "Fortran-ordered data (fortran_order: True)",
                                                 remedy: "save numpy.ascontiguousarray(a) instead")
        }
        guard let elementCount = ElementCount.of(shape), ElementCount.bytes(elementCount, of: scalarType) != nil else {
            throw problem("the size of shape \(shape) overflows a 64-bit integer")
        }
        self.descr = descr
        self.scalarType = scalarType
        self.isBigEndian = isBigEndian
        self.shape = shape
        self.elementCount = elementCount
    }

    /// `<f4` -> (float32, little-endian); `|u1` -> (uint8, _); nil for anything we do not convert.
    static func parseDescr(_ descr: String) -> (ScalarType, isBigEndian: Bool)? {
        guard let order = descr.first, "<>|=".contains(order),
              let scalarType = scalarTypes[String(descr.dropFirst())] else { return nil }
        // '|' means byte order does not apply, so only one-byte types may use it; '=' is native (little on our platforms).
        if order == "|" && scalarType.byteCount != 1 { return nil }
        return (scalarType, order == ">")
    }
}
