import CNNInterchange
import CNNModel

/// The layers of a small cfg (conv with batchnorm, conv with bias, connected) whose `.weights`
/// the odd inputs are read as.
private let weightLayers: [DarknetWeights.Layer] = {
    let cfg = "[net]\nwidth=4\nheight=4\nchannels=2\n[convolutional]\nbatch_normalize=1\nfilters=2\nsize=3\npad=1\n"
        + "[convolutional]\nfilters=3\n[connected]\noutput=2\n"
    do { return try DarknetImporter.translate(cfg: cfg, path: "f.cfg").weightLayers } catch { preconditionFailure("\(error)") }
}()

/// libFuzzer entry: a first byte that is even reads the rest as a Darknet `.cfg`, odd as a `.weights`
/// file. Both either throw an `ImportError` with problems or return a model (or tensors) that holds together.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDarknet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    do {
        if mode % 2 == 0 {
            let model = try DarknetImporter.importModel(cfg: String(decoding: bytes.dropFirst(), as: UTF8.self), path: "f.cfg").model
            precondition(!model.layers.isEmpty && !model.outputs.isEmpty, "an imported model has layers and outputs")
        } else {
            let read = try DarknetWeights.read(bytes: Array(bytes.dropFirst()), layers: weightLayers, path: "f.weights")
            for tensor in read.tensors.values { precondition(tensor.shape.reduce(1, *) == tensor.count, "shape and count") }
        }
    } catch {
        precondition(!error.problems.isEmpty && error.path.hasPrefix("f."), "an ImportError names the file and a problem")
    }
    return 0
}
