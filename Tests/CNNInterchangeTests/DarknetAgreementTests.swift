import CNNInterchange
import CNNModel
import CNNReference
import Foundation
import Testing

/// Darknet's forward pass for the layers of `agreementCfg`, written from pjreddie's C (planar
/// C x H x W, batch 1): the numbers the imported model must reproduce.
private enum DarknetByHand {
    struct Image {
        var channels: Int, height: Int, width: Int
        var data: [Float]

        func at(_ c: Int, _ y: Int, _ x: Int) -> Float? {
            guard (0..<height).contains(y), (0..<width).contains(x) else { return nil }
            return data[(c * height + y) * width + x]
        }
    }

    /// `forward_convolutional_layer`: zero padding `size/2` (pad=1), then batchnorm or bias.
    static func convolution(_ input: Image, filters: Int, size: Int, weights: [Float]) -> Image {
        let pad = size / 2
        var out = Image(channels: filters, height: input.height, width: input.width, data: [])
        for f in 0..<filters {
            for y in 0..<input.height {
                for x in 0..<input.width {
                    var sum: Float = 0
                    for c in 0..<input.channels {
                        for i in 0..<size {
                            for j in 0..<size {
                                let w = weights[((f * input.channels + c) * size + i) * size + j]
                                sum += w * (input.at(c, y + i - pad, x + j - pad) ?? 0)
                            }
                        }
                    }
                    out.data.append(sum)
                }
            }
        }
        return out
    }

    /// `normalize_cpu` with the GPU's epsilon, `scale_bias`, `add_bias`, per channel of `count` values.
    static func batchNorm(_ values: [Float], count: Int, scales: [Float], biases: [Float], mean: [Float],
                          variance: [Float]) -> [Float] {
        values.enumerated().map { index, x in
            let c = index / count
            return (x - mean[c]) / (variance[c] + 0.00001).squareRoot() * scales[c] + biases[c]
        }
    }

    static func addBias(_ image: Image, _ biases: [Float]) -> Image {
        var out = image
        let count = image.height * image.width
        out.data = image.data.enumerated().map { $1 + biases[$0 / count] }
        return out
    }

    static func leaky(_ x: Float) -> Float { x > 0 ? x : 0.1 * x }
    static func logistic(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// `forward_maxpool_layer`: offset `-padding/2`, output `(n + padding - size)/stride + 1`.
    static func maxpool(_ input: Image, size: Int, stride: Int, padding: Int) -> Image {
        let outH = (input.height + padding - size) / stride + 1, outW = (input.width + padding - size) / stride + 1
        var out = Image(channels: input.channels, height: outH, width: outW, data: [])
        for c in 0..<input.channels {
            for y in 0..<outH {
                for x in 0..<outW {
                    var best = -Float.greatestFiniteMagnitude
                    for i in 0..<size {
                        for j in 0..<size {
                            if let v = input.at(c, y * stride + i - padding / 2, x * stride + j - padding / 2) {
                                best = max(best, v)
                            }
                        }
                    }
                    out.data.append(best)
                }
            }
        }
        return out
    }
}

/// conv+bn+leaky, both maxpool paddings, a biased linear conv, shortcut, route, connected+bn+logistic.
private let agreementCfg = smallCfg("""
    [convolutional]
    batch_normalize=1
    filters=3
    size=3
    pad=1
    activation=leaky
    [maxpool]
    size=2
    stride=1
    [maxpool]
    size=3
    stride=2
    [convolutional]
    filters=3
    size=1
    activation=linear
    [shortcut]
    from=-2
    activation=leaky
    [route]
    layers=2,4
    [connected]
    output=4
    batch_normalize=1
    activation=logistic
    """, input: (5, 5, 2))

@Suite("Darknet agreement")
struct DarknetAgreementTests {
    @Test("the imported model with the file's weights computes what Darknet computes")
    func agreement() throws {
        var generator = SplitMix64(state: 3)
        func numbers(_ count: Int, _ range: ClosedRange<Float> = -1...1) -> [Float] {
            (0..<count).map { _ in Float.random(in: range, using: &generator) }
        }
        // The file's order: biases, scales, means, variances, weights; then the connected layer's
        // biases, weights, scales, means, variances.
        let (b0, s0, m0, v0, w0) = (numbers(3), numbers(3), numbers(3), numbers(3, 0.2...2), numbers(3 * 2 * 9))
        let (b3, w3) = (numbers(3), numbers(3 * 3))
        let (b6, w6, s6, m6, v6) = (numbers(4), numbers(4 * 54), numbers(4), numbers(4), numbers(4, 0.2...2))
        let file = darknetWeightsFile(major: 0, minor: 2, seen: 0,
                                      floats: b0 + s0 + m0 + v0 + w0 + b3 + w3 + b6 + w6 + s6 + m6 + v6)
        let imported = try DarknetImporter.importModel(cfg: agreementCfg, path: "a.cfg", weights: file, weightsPath: "a.weights")
        let weights = try #require(imported.weights)
        #expect(imported.model.parameterTensors.map { [$0.name: $0.shape] }
            == imported.model.parameterTensors.map { [$0.name: weights[$0.name]?.shape ?? []] })
        #expect(weights.count == imported.model.parameterTensors.count)

        let input = DarknetByHand.Image(channels: 2, height: 5, width: 5, data: numbers(50))
        var l0 = DarknetByHand.convolution(input, filters: 3, size: 3, weights: w0)
        l0.data = DarknetByHand.batchNorm(l0.data, count: 25, scales: s0, biases: b0, mean: m0, variance: v0)
            .map(DarknetByHand.leaky)
        let l1 = DarknetByHand.maxpool(l0, size: 2, stride: 1, padding: 1)
        let l2 = DarknetByHand.maxpool(l1, size: 3, stride: 2, padding: 2)
        let l3 = DarknetByHand.addBias(DarknetByHand.convolution(l2, filters: 3, size: 1, weights: w3), b3)
        let l4 = zip(l3.data, l2.data).map { DarknetByHand.leaky($0 + $1) }
        let l5 = l2.data + l4  // route layers=2,4: planar images one after the other
        let l6 = (0..<4).map { o in (0..<54).reduce(Float(0)) { $0 + w6[o * 54 + $1] * l5[$1] } }
        let expected = DarknetByHand.batchNorm(l6, count: 1, scales: s6, biases: b6, mean: m6, variance: v6)
            .map(DarknetByHand.logistic)

        // cnnc's reference forward pass reads NHWC.
        let nhwc = (0..<25).flatMap { p in (0..<2).map { c in input.data[c * 25 + p] } }
        let actual = ReferenceNetwork.forward(model: imported.model, weights: weights.mapValues(\.scalars), input: nhwc)
        #expect(actual.count == 4)
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) <= 1e-5, "\(actual) vs \(expected)") }
        #expect(Set(expected.map { ($0 * 1000).rounded() }).count == 4)  // the outputs differ, so the check bites
    }
}
