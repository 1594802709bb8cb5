extension Model {
    /// True when the model can take an image of any height and width (with the spec's channels):
    /// its input is an image and no layer ties the weights to the spatial size, i.e. there is no
    /// `flatten` or `dense`. Convolutions, pooling, global pooling, upsampling and merges all
    /// work per position, so `cnnc run` recompiles such a spec at the size of the image it is given.
    /// Whether a particular size checks (a kernel larger than a small image, the unequal sizes of
    /// a U-Net's concat) is the compiler's to say.
    public var acceptsAnySpatialSize: Bool {
        input.isImage && layers.allSatisfy { layer in
            switch layer.operation {
            case .flatten, .dense: return false
            default: return true
            }
        }
    }
}
