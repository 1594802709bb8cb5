import CNNFormats
import CNNInterchange
import CNNModel

/// libFuzzer entry: the bytes as an ONNX file. Reading either throws (a `FormatError` naming the
/// file, or an `ImportError` with its problems) or gives a model whose weights fit its layers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let imported = try ONNXImporter.importModel(bytes: bytes, path: "f.onnx")
        for tensor in imported.model.parameterTensors {
            precondition(imported.weights?[tensor.name]?.shape == tensor.shape, "every weight fits its layer")
        }
    } catch let error as ImportError {
        precondition(!error.problems.isEmpty && error.path == "f.onnx", "an ImportError names the file and a problem")
    } catch let error as FormatError {
        precondition("\(error)".contains("f.onnx"), "a FormatError names the file")
    } catch {
        preconditionFailure("unexpected error \(error)")
    }
    return 0
}
