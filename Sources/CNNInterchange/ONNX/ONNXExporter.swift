import CNNFormats
import CNNModel

/// A checked model and its weights as an ONNX model (IR 8, opset 17), for ONNX Runtime,
/// TensorRT, OpenVINO and Core ML.
///
/// The graph input is `input`, NCHW with a symbolic batch `N` (`[N, L]` for a vector input);
/// the outputs carry the spec's output names. Each layer becomes one node named like the layer
/// whose output value has the layer's name, plus helper nodes named `<layer>/<what>` where ONNX
/// needs several (an activation after a conv, the flatten before a dense layer, SiLU as
/// `x * Sigmoid(x)`). The weights are initializers under cnnc's safetensors names.
public struct ONNXExporter {
    let model: Model
    let weights: [String: Tensor]
    var graph: ONNXGraph

    public static func export(_ model: Model, weights: [String: Tensor], graphName: String = "cnnc",
                              producerVersion: String = "") throws(ONNXExportError) -> ONNXModel {
        var exporter = ONNXExporter(model: model, weights: weights, graph: ONNXGraph(name: graphName))
        try exporter.build()
        return ONNXModel(graph: exporter.graph, producerVersion: producerVersion)
    }

    private mutating func build() throws(ONNXExportError) {
        graph.inputs = [ONNXValueInfo(name: Model.inputName, dimensions: Self.dimensions(model.input))]
        for layer in model.layers {
            for tensor in layer.parameterTensors {
                guard let weight = weights[tensor.name] else { throw .missingWeight(tensor.name) }
                guard weight.shape == tensor.shape else {
                    throw .wrongShape(tensor.name, expected: tensor.shape, found: weight.shape)
                }
                graph.initializers.append(ONNXTensor(name: tensor.name, dimensions: tensor.shape,
                                                     data: .float(weight.scalars)))
            }
            try add(layer)
        }
        for output in model.outputs {
            let value = model.name(of: output.value)
            if value != output.name {
                graph.nodes.append(ONNXNode(name: output.name, opType: "Identity", inputs: [value], outputs: [output.name]))
            }
            graph.outputs.append(ONNXValueInfo(name: output.name, dimensions: Self.dimensions(model.shape(of: output.value))))
        }
    }

    /// `[N, C, H, W]` for an image, `[N, L]` for a vector.
    static func dimensions(_ shape: Shape) -> [ONNXValueInfo.Dimension] {
        switch shape {
        case let .image(h, w, c): return [.symbol("N"), .size(c), .size(h), .size(w)]
        case let .vector(length): return [.symbol("N"), .size(length)]
        }
    }

    /// Appends a node reading `inputs` and returns the name of the value it defines: `output`,
    /// or `<layer>/<step>` for a helper node inside a layer.
    @discardableResult
    mutating func node(_ opType: String, _ inputs: [String], name: String, output: String? = nil,
                       _ attributes: [ONNXAttribute] = []) -> String {
        let value = output ?? name
        graph.nodes.append(ONNXNode(name: name, opType: opType, inputs: inputs, outputs: [value], attributes: attributes))
        return value
    }

    /// A constant that a node reads as an input (Clip's bounds, Resize's scales).
    mutating func constant(_ name: String, _ data: ONNXTensor.Data, dimensions: [Int]) -> String {
        graph.initializers.append(ONNXTensor(name: name, dimensions: dimensions, data: data))
        return name
    }
}

/// Why a model cannot be written as ONNX.
public enum ONNXExportError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingWeight(String)
    case wrongShape(String, expected: [Int], found: [Int])
    case unsupported(layer: String, reason: String)

    public var description: String {
        switch self {
        case let .missingWeight(name):
            return "the weights have no tensor '\(name)'"
        case let .wrongShape(name, expected, found):
            return "the weight '\(name)' has shape \(found), the model needs \(expected)"
        case let .unsupported(layer, reason):
            return "layer '\(layer)' has no ONNX form: \(reason)"
        }
    }
}
