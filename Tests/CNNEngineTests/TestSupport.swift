@testable import CNNEngine
import CNNModel
import Testing

/// `count` floats uniform in [-1, 1) from a seeded generator, so failures reproduce.
func randomValues(_ count: Int, seed: UInt64) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in generator.nextSymmetric(1) }
}

/// The largest `|a - b| / max(1, |b|)` over both arrays; infinity when their counts differ.
func maximumRelativeError(_ a: [Float], _ b: [Float]) -> Float {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).reduce(0) { worst, pair in max(worst, abs(pair.0 - pair.1) / max(1, abs(pair.1))) }
}

/// Expects `actual` to match `expected` element by element within `tolerance` (relative above 1).
func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-4,
                 _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, comment, sourceLocation: sourceLocation)
    let error = maximumRelativeError(actual, expected)
    #expect(error <= tolerance, "max relative error \(error) \(comment.map { "\($0)" } ?? "")",
            sourceLocation: sourceLocation)
}

/// A single checked layer on `input`, for kernel tests.
func checkedLayer(_ operation: Operation, input: Shape) throws -> Layer {
    try Layer(name: "layer", operation: operation, input: input)
}

/// Random weights of the right shapes for every tensor of `model` (variances kept positive).
func randomWeights(for model: Model, seed: UInt64) -> [String: Tensor] {
    var result: [String: Tensor] = [:]
    for (index, description) in model.parameterTensors.enumerated() {
        var values = randomValues(description.elementCount, seed: seed &+ UInt64(index))
        if description.name.hasSuffix("running_var") { values = values.map { abs($0) + 0.5 } }
        result[description.name] = Tensor(shape: description.shape, scalars: values)
    }
    return result
}
