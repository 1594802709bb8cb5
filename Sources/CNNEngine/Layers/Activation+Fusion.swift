import CNNModel

extension Activation {
    /// How a conv or dense layer applies its activation: the part fused into the GEMM's store, and
    /// the activation (if any) still to run as a separate pass.
    static func split(_ activation: Activation?) -> (fused: FusedActivation, separate: Activation?) {
        switch activation {
        case nil, .linear?: return (.none, nil)
        case .relu?: return (.relu, nil)
        case let .leakyReLU(alpha)?: return (.leakyReLU(alpha), nil)
        case let other?: return (.none, other)
        }
    }
}
