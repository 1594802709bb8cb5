import CNNFormats
import CNNModel

/// Darknet's `.cfg` (and `.weights`) in: the checked model, named after Darknet's layer indices.
///
/// Layer `N` of the cfg (the N-th section after `[net]`, from 0, as Darknet prints them) becomes
/// cnnc layers named `lN_<what>`: `l0_conv`, `l0_bn`, `l0_leaky`; `l20_route` (a concat),
/// `l5_shortcut` (an add), `l1_maxpool`, `l15_upsample`, `l3_connected`, `l4_softmax`. A
/// convolutional or connected layer with `batch_normalize=1` is `conv`/`dense` without bias,
/// then `batchnorm`, then the activation, the order Darknet applies them in; without batchnorm
/// the activation stays on the conv or dense layer. A one-layer `[route]` adds no layer: what
/// follows reads that value (`@l13_leaky`). The inputs of `[yolo]` and `[region]` layers are the
/// model's outputs.
///
///     let imported = try DarknetImporter.importModel(cfg: text, path: "yolov3-tiny.cfg")
///     print(imported.specText)
public enum DarknetImporter {
    /// The model of `cfg` without weights; `path` names the file in messages and in the notes.
    public static func importModel(cfg: String, path: String) throws(ImportError) -> ImportedModel {
        try translate(cfg: cfg, path: path).imported
    }

    /// The model of `cfg` with the numbers of its `.weights` file (`weights`, named `weightsPath`
    /// in messages) under cnnc's names.
    public static func importModel(cfg: String, path: String, weights: [UInt8], weightsPath: String)
        throws(ImportError) -> ImportedModel
    {
        let translated = try translate(cfg: cfg, path: path)
        var imported = translated.imported
        let file = try DarknetWeights.read(bytes: weights, layers: translated.weightLayers, path: weightsPath)
        imported.weights = file.tensors
        imported.notes.append("Weights from \(DarknetTranslator.commentSafe(weightsPath)) (Darknet \(file.header.version),"
            + " \(file.header.seen) images seen in training).")
        return imported
    }

    /// The model and the layers a `.weights` file holds numbers for, in file order; every problem
    /// of the cfg at once when it cannot be imported (nothing is built then).
    public static func translate(cfg: String, path: String) throws(ImportError) -> DarknetModel {
        var translator = DarknetTranslator(path: path)
        return try translator.translate(DarknetConfig(text: cfg))
    }
}

/// What the importer made of a cfg: the model, and where the numbers of a `.weights` file go.
public struct DarknetModel: Sendable {
    public var imported: ImportedModel
    /// The convolutional and connected layers, in the order their numbers follow in `.weights`.
    public var weightLayers: [DarknetWeights.Layer]
}
