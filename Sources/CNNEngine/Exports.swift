// Tensor and the file formats are part of the engine's interface (`Network.forward` takes and
// returns a Tensor, weights load from safetensors): code that imports CNNEngine gets them too.
@_exported import CNNFormats
