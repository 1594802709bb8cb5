import Foundation  // rounding links against libm through it on Linux

import CNNModel

/// Python functions the generated module includes only when some layer needs them.
enum PyTorchHelper: Hashable, CaseIterable {
    /// Average pooling over real pixels only, for padding PyTorch's `AvgPool2d` cannot take.
    case averageExcludingPadding
    /// cnnc's hand-designed filters (`weights=sobel`), frozen into a conv layer.
    case fixedFilters

    /// The Python source, given the fixed filters the model uses (in a stable order).
    func source(filters: [FixedFilter]) -> String {
        switch self {
        case .averageExcludingPadding:
            return #"""
            def average_excluding_padding(x, pool, padding):
                """Average pooling that counts only real pixels, for any padding (left, right, top, bottom).

                PyTorch's AvgPool2d(count_include_pad=False) accepts at most half the window of
                symmetric padding. Here the sums run over zero-padded x, and the divisor is the same
                pooling of a padded mask of ones: the number of real pixels in each window.
                """
                mask = F.pad(torch.ones_like(x[:1, :1]), padding)
                return pool(F.pad(x, padding)) / pool(mask)
            """#
        case .fixedFilters:
            let kernels = filters.map { filter in
                "    \(PythonSyntax.string(filter.rawValue)): \(PyTorchHelper.literal(filter.kernels)),"
            }
            return #"""
            # cnnc's fixed 3x3 filters (cross-correlation weights); banks alternate x, y, x, ...
            FIXED_KERNELS = {
            \#(kernels.joined(separator: "\n"))
            }


            def fix_weights(conv, name):
                """Freezes cnnc's fixed filter `name` into `conv`, exactly as cnnc's engine sets it.

                Filter f gets kernel f mod len(bank) on every input channel it sees, divided by that
                channel count (a grey image copied into C channels gives the same map); the bias is 0.
                """
                filters, channels = conv.weight.shape[:2]
                bank = torch.tensor(FIXED_KERNELS[name], dtype=torch.float32).reshape(-1, 1, 3, 3)
                weight = bank[torch.arange(filters) % len(bank)].repeat(1, channels, 1, 1) / channels
                conv.weight = nn.Parameter(weight, requires_grad=False)
                if conv.bias is not None:
                    conv.bias = nn.Parameter(torch.zeros(filters), requires_grad=False)
            """#
        }
    }

    /// `[[-1, 0, 1, ...], ...]`: a list of row-major kernels (whole numbers written as integers).
    private static func literal(_ kernels: [[Float]]) -> String {
        func number(_ value: Float) -> String {
            value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : PythonSyntax.float(value)
        }
        let rows = kernels.map { kernel in "[" + kernel.map(number).joined(separator: ", ") + "]" }
        return "[" + rows.joined(separator: ", ") + "]"
    }
}
