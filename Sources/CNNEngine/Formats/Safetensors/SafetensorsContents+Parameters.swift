import CNNModel

extension SafetensorsContents {
    /// The model's weights from this file, in the order of `parameters` (`model.parameterTensors`).
    ///
    /// Every parameter must be present with exactly its PyTorch shape and the file must hold no
    /// other tensors, except PyTorch batchnorm's `*.num_batches_tracked` counters, which are ignored.
    /// `path` names the file in errors: `missingTensors`, `unexpectedTensors`, `tensorShapeMismatch`.
    public func tensors(matching parameters: [ParameterTensor], path: String) throws -> [Tensor] {
        let missing = parameters.filter { tensors[$0.name] == nil }
        guard missing.isEmpty else {
            throw FormatError.missingTensors(path: path, tensors: missing.map { "\($0.name) \($0.shape)" })
        }
        let expectedNames = Set(parameters.map(\.name))
        let unexpected = tensors.keys.filter { !expectedNames.contains($0) && !$0.hasSuffix(".num_batches_tracked") }
        guard unexpected.isEmpty else {
            throw FormatError.unexpectedTensors(path: path, tensors: unexpected.sorted())
        }
        return try parameters.map { parameter in
            guard let tensor = tensors[parameter.name], tensor.shape == parameter.shape else {
                throw FormatError.tensorShapeMismatch(path: path, tensor: parameter.name,
                                                      expected: parameter.shape, found: tensors[parameter.name]?.shape ?? [])
            }
            return tensor
        }
    }
}
