/// What a layer computes, with the settings the spec gave it (before shapes are known).
public enum Operation: Hashable, Sendable {
    case convolution(Convolution)
    /// A transposed convolution, PyTorch's `ConvTranspose2d`.
    case deconvolution(Deconvolution)
    case pooling(Pooling)
    case globalPooling(PoolKind)
    case upsample(Upsample)
    case flatten
    case dense(Dense)
    /// Drop probability P, 0 <= P < 1; identity at inference.
    case dropout(rate: Float)
    case batchNorm(BatchNorm)
    case localResponseNorm(LocalResponseNorm)
    case activation(Activation)
    /// `add`, `concat` or `mul` of two or more values: the only operations with several inputs.
    case merge(MergeKind)

    /// The spec keyword, also the prefix of automatic layer names (`conv1`, `maxpool2`).
    public var keyword: String {
        switch self {
        case .convolution: return "conv"
        case .deconvolution: return "deconv"
        case .upsample: return "upsample"
        case let .merge(kind): return kind.rawValue
        case let .pooling(p): return p.kind == .max ? "maxpool" : "avgpool"
        case let .globalPooling(kind): return kind == .max ? "globalmaxpool" : "globalavgpool"
        case .flatten: return "flatten"
        case .dense: return "dense"
        case .dropout: return "dropout"
        case .batchNorm: return "batchnorm"
        case .localResponseNorm: return "lrn"
        case let .activation(a): return a.keyword
        }
    }
}

public enum PoolKind: String, Hashable, Sendable {
    case max, average
}

/// `conv F K [opts]`: cross-correlation of a KH x KW x (C/groups) filter bank with the input.
public struct Convolution: Hashable, Sendable {
    public var filters: Int
    public var kernel: Size2
    public var stride: Size2
    public var dilation: Size2
    public var groups: Int
    public var padding: PaddingMode
    public var bias: Bool
    /// Applied after the bias; nil means linear.
    public var activation: Activation?
    /// Hand-designed filters (`weights=sobel`); such a layer has no trainable parameters.
    public var fixedFilter: FixedFilter?

    public init(filters: Int, kernel: Size2, stride: Size2 = .one, dilation: Size2 = .one,
                groups: Int = 1, padding: PaddingMode = .valid, bias: Bool = true,
                activation: Activation? = nil, fixedFilter: FixedFilter? = nil) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.groups = groups
        self.padding = padding
        self.bias = bias
        self.activation = activation
        self.fixedFilter = fixedFilter
    }

    /// Extent of the dilated kernel: `d * (k - 1) + 1` per axis.
    public var effectiveKernel: Size2 {
        Size2(dilation.height * (kernel.height - 1) + 1, dilation.width * (kernel.width - 1) + 1)
    }
}

/// `deconv F K`: PyTorch's `ConvTranspose2d`, the gradient of a convolution with these settings.
/// Output per axis `(n - 1) * s - 2p + d * (k - 1) + op + 1`; weights `[C, F/g, KH, KW]`.
public struct Deconvolution: Hashable, Sendable {
    public var filters: Int
    public var kernel: Size2
    public var stride: Size2
    /// Rows (top and bottom) and columns (left and right) cropped from the full output.
    public var padding: Size2
    /// Extra rows and columns added at the bottom and right; less than the stride or the dilation.
    public var outputPadding: Size2
    public var dilation: Size2
    public var groups: Int
    public var bias: Bool
    public var activation: Activation?

    public init(filters: Int, kernel: Size2, stride: Size2 = .one, padding: Size2 = Size2(0, 0),
                outputPadding: Size2 = Size2(0, 0), dilation: Size2 = .one, groups: Int = 1, bias: Bool = true,
                activation: Activation? = nil) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.dilation = dilation
        self.groups = groups
        self.bias = bias
        self.activation = activation
    }

    /// Extent of the dilated kernel: `d * (k - 1) + 1` per axis.
    public var effectiveKernel: Size2 {
        Size2(dilation.height * (kernel.height - 1) + 1, dilation.width * (kernel.width - 1) + 1)
    }
}

/// `maxpool K` / `avgpool K`: parameter-free window reduction; stride defaults to the window.
public struct Pooling: Hashable, Sendable {
    public var kind: PoolKind
    public var window: Size2
    public var stride: Size2
    /// Padded positions never win a max and are not counted in an average.
    public var padding: PaddingMode
    /// PyTorch's `ceil_mode`: a last, partial window where floor would drop it, as long as it
    /// starts inside the input or its left/top padding.
    public var ceilMode: Bool

    public init(kind: PoolKind, window: Size2, stride: Size2? = nil, padding: PaddingMode = .valid,
                ceilMode: Bool = false) {
        self.kind = kind
        self.window = window
        self.stride = stride ?? window
        self.padding = padding
        self.ceilMode = ceilMode
    }
}

/// `upsample N [nearest|bilinear]`: PyTorch's `nn.Upsample(scale_factor=N)`, bilinear with
/// `align_corners=False`. Each axis grows by its factor; no parameters.
public struct Upsample: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable, CaseIterable { case nearest, bilinear }

    public var factor: Size2
    public var mode: Mode

    public init(factor: Size2, mode: Mode = .nearest) {
        self.factor = factor
        self.mode = mode
    }
}

/// How a merge combines its operands.
public enum MergeKind: String, Hashable, Sendable, CaseIterable {
    /// Element-wise sum of operands of one shape (ResNet's shortcut).
    case add
    /// Along the channels; heights and widths equal, or all operands vectors (Inception, DenseNet).
    case concat
    /// Element-wise product of operands of one shape, or of an HxWxC operand and a 1x1xC gate
    /// broadcast over it (squeeze-and-excitation).
    case mul
}

/// `dense N`: fully connected. On an image input it flattens first, in PyTorch's C x H x W order.
public struct Dense: Hashable, Sendable {
    public var units: Int
    public var bias: Bool
    public var activation: Activation?

    public init(units: Int, bias: Bool = true, activation: Activation? = nil) {
        self.units = units
        self.bias = bias
        self.activation = activation
    }
}

/// Per-channel batch normalisation; PyTorch's defaults, eps 1e-5 and momentum 0.1.
public struct BatchNorm: Hashable, Sendable {
    public var epsilon: Float
    public var momentum: Float

    public init(epsilon: Float = 1e-5, momentum: Float = 0.1) {
        self.epsilon = epsilon
        self.momentum = momentum
    }
}

/// AlexNet's local response normalisation, exactly PyTorch's `LocalResponseNorm`:
/// `b_c = a_c / (k + alpha / size * sum_{c' near c} a_c'^2) ^ beta`.
public struct LocalResponseNorm: Hashable, Sendable {
    public var size: Int
    public var alpha: Float
    public var beta: Float
    public var k: Float

    public init(size: Int = 5, alpha: Float = 1e-4, beta: Float = 0.75, k: Float = 1) {
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.k = k
    }
}

/// Classic hand-designed 3x3 filters for `conv ... weights=NAME`.
/// `sobel`, `scharr` and `prewitt` are banks: filters alternate x, y, x, y, ...
public enum FixedFilter: String, Hashable, Sendable, CaseIterable {
    case sobel, sobelx, sobely
    case scharr, scharrx, scharry
    case prewitt, prewittx, prewitty
    case laplacian
}
