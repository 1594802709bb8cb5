import CNNModel
import Foundation

/// The layers only graphs have: transposed convolution, upsampling and merges.
extension ReferenceKernels {
    /// PyTorch's `ConvTranspose2d` from its definition: every input pixel scatters `x * W[c, f]`
    /// onto output `(h*s - p + kh*d, w*s - p + kw*d)`; `weights [C, F/g, KH, KW]`; NHWC in and out.
    public static func deconvolution(_ input: [Float], batch: Int, layer: Layer, weights: [Float], bias: [Float]?) -> [Float] {
        guard case let .deconvolution(deconv) = layer.operation, case let .image(h, w, c) = layer.inputShape,
              case let .image(oh, ow, f) = layer.outputShape else { return [] }
        let cg = c / deconv.groups, fg = f / deconv.groups
        var output = [Float](repeating: 0, count: batch * oh * ow * f)
        for n in 0..<batch {
            for y in 0..<h {
                for x in 0..<w {
                    for channel in 0..<c {
                        let group = channel / cg
                        let value = input[((n * h + y) * w + x) * c + channel]
                        for kh in 0..<deconv.kernel.height {
                            for kw in 0..<deconv.kernel.width {
                                let oy = y * deconv.stride.height - deconv.padding.height + kh * deconv.dilation.height
                                let ox = x * deconv.stride.width - deconv.padding.width + kw * deconv.dilation.width
                                guard oy >= 0, oy < oh, ox >= 0, ox < ow else { continue }
                                for k in 0..<fg {
                                    let weight = weights[((channel * fg + k) * deconv.kernel.height + kh) * deconv.kernel.width + kw]
                                    output[((n * oh + oy) * ow + ox) * f + group * fg + k] += value * weight
                                }
                            }
                        }
                    }
                }
            }
            if let bias {
                for pixel in 0..<oh * ow { for k in 0..<f { output[(n * oh * ow + pixel) * f + k] += bias[k] } }
            }
        }
        return output
    }

    /// `nn.Upsample(scale_factor=(fh, fw))` on NHWC, nearest or bilinear with `align_corners=False`,
    /// each output computed alone from PyTorch's source-index formula.
    public static func upsample(_ input: [Float], batch: Int, layer: Layer, upsample: Upsample) -> [Float] {
        guard case let .image(h, w, c) = layer.inputShape, case let .image(oh, ow, _) = layer.outputShape else { return [] }
        func source(_ index: Int, _ factor: Int, _ length: Int) -> (Int, Int, Float) {
            if upsample.mode == .nearest { return (index / factor, index / factor, 0) }
            let real = max((Float(index) + 0.5) * Float(1.0 / Double(factor)) - 0.5, 0)
            let low = min(Int(real.rounded(.down)), length - 1)
            return (low, min(low + 1, length - 1), real - Float(low))
        }
        var output = [Float](repeating: 0, count: batch * oh * ow * c)
        for n in 0..<batch {
            for y in 0..<oh {
                let (y0, y1, ly) = source(y, upsample.factor.height, h)
                for x in 0..<ow {
                    let (x0, x1, lx) = source(x, upsample.factor.width, w)
                    for channel in 0..<c {
                        func at(_ yy: Int, _ xx: Int) -> Float { input[((n * h + yy) * w + xx) * c + channel] }
                        let top = at(y0, x0) * (1 - lx) + at(y0, x1) * lx
                        let bottom = at(y1, x0) * (1 - lx) + at(y1, x1) * lx
                        output[((n * oh + y) * ow + x) * c + channel] = top * (1 - ly) + bottom * ly
                    }
                }
            }
        }
        return output
    }

    /// `add`, `concat` (channels) or `mul` (with 1x1xC gates broadcast) of NHWC operands.
    public static func merge(_ kind: MergeKind, _ inputs: [[Float]], layer: Layer, batch: Int) -> [Float] {
        let channels = layer.outputShape.channels, positions = layer.outputShape.elementCount / channels
        var result: [Float] = []
        for n in 0..<batch {
            for p in 0..<positions {
                let pixel = n * positions + p
                switch kind {
                case .add:
                    result += (0..<channels).map { c in inputs.reduce(0) { $0 + $1[pixel * channels + c] } }
                case .mul:
                    result += (0..<channels).map { c in
                        zip(inputs, layer.inputShapes).reduce(1) { product, operand in
                            let isGate = operand.1.elementCount == channels && positions > 1
                            return product * operand.0[isGate ? n * channels + c : pixel * channels + c]
                        }
                    }
                case .concat:
                    for (input, shape) in zip(inputs, layer.inputShapes) {
                        result += input[pixel * shape.channels..<(pixel + 1) * shape.channels]
                    }
                }
            }
        }
        return result
    }
}
