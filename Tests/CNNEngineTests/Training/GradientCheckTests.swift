@testable import CNNEngine
import CNNFrontEnd
import CNNModel
import Testing

/// Finite-difference checks of every layer's backward pass: for `L = sum(y * R)` with a random
/// `R`, the analytic dL/dx and dL/dW of `Network.gradients` must match central differences
/// `(L(v + h) - L(v - h)) / 2h` of the training-mode forward pass (dropout masks from one seed).
@Suite struct GradientCheckTests {
    @Test(arguments: [
        // Convolutions: strides, every padding (incl. asymmetric same), dilation, groups, bias, activations.
        "input 5x6x2; conv 3 3x3 relu",
        "input 7x7x2; conv 3 3x3 s2 same tanh",
        "input 5x5x2; conv 2 2x2 same sigmoid nobias",
        "input 6x6x2; conv 2 3x3 d2 full sigmoid",
        "input 4x4x1; conv 2 2x2 leakyrelu 0.2",
        "input 5x5x4; conv 4 3x3 g2 p1 linear",
        "input 6x5x3; conv 2 3x2 s2x1 p1x0 tanh",
        // Taps that fall right of the image for every output (a 5x5 window, stride 2, on 2 columns):
        // they once read past the row, nondeterministically.
        "input 3x2x2; conv 2 5x5 s2 p2 g2 tanh",
        "input 2x3x1; conv 2 5x5 s2 p2 tanh",
        // Pooling with and without padding, global pooling.
        "input 6x6x2; conv 2 1x1 tanh; maxpool 2",
        "input 5x5x3; maxpool 3 s2 same",
        "input 5x5x3; avgpool 2 same",
        "input 5x5x3; avgpool 3 s2 p1",
        "input 4x5x3; globalavgpool",
        "input 4x5x3; globalmaxpool",
        // Dense on an image (implicit flatten), flatten, activations as layers.
        "input 3x4x2; dense 5 tanh",
        "input 3x4x2; flatten; dense 3 sigmoid nobias; softmax",
        "input 3x3x2; relu; leakyrelu; sigmoid; tanh; linear",
        "input 2x2x4; softmax",
        "input 3x3x2; conv 4 1x1 softmax",
        // Normalisation and dropout.
        "input 4x4x3; batchnorm",
        "input 3x3x2; conv 3 2x2; batchnorm; dense 4; batchnorm",
        "input 3x3x6; lrn 3",
        "input 3x3x7; lrn",
        "input 4x4x2; dropout 0.5; dense 3",
        "input 4x4x3; batchnorm eps=0.001 momentum=0.3",
        // Graphs: fan-out (a value read by several layers, twice by one), every merge, the gate.
        "input 4x4x2; add { conv 2 3x3 p1 tanh }",
        "input 4x4x2; a: conv 3 1x1 tanh; concat { conv 2 3x3 p1 sigmoid } @a {}",
        "input 3x3x2; conv 2 1x1 tanh; add {} {}",
        "input 4x4x3; mul { globalavgpool; conv 3 1x1 sigmoid }",
        "input 3x3x2; mul {} { tanh } { sigmoid }",
        "input 3x3x2; a: flatten; concat @a { dense 3 tanh }",
        // Upsampling, transposed convolutions, ceil pooling.
        "input 3x3x2; upsample 2",
        "input 3x2x2; upsample 2x3 bilinear",
        "input 3x3x2; deconv 3 3x3 s2 p1 op1",
        "input 3x4x4; deconv 2 2x2 s2 g2 nobias tanh",
        "input 3x3x2; deconv 2 3x3 d2 p2 sigmoid",
        "input 5x5x2; maxpool 2 ceil",
        "input 5x5x2; avgpool 3 s2 ceil",
        // The newer activations, alone and after a conv, dense or deconv.
        "input 3x3x2; relu6; hardsigmoid",
        "input 3x3x2; silu; gelu; mish; hardswish",
        "input 3x3x2; conv 2 1x1 silu",
        "input 3x3x2; dense 3 gelu",
        "input 2x2x2; deconv 2 2 s2 mish",
        "input 3x3x2; conv 2 1x1 hardswish",
    ])
    func layerGradients(spec: String) throws {
        let model = try #require(Compiler.compile(source: spec.replacingOccurrences(of: "; ", with: "\n")).model)
        let network = Network(model: model, seed: 1)
        if !model.parameterTensors.isEmpty { try network.load(weights: randomWeights(for: model, seed: 3)) }
        let batch = 3
        // Evenly spaced values in a seeded order, none 0: no two inputs tie (max pooling has a clear
        // winner) and none sits on relu's kink.
        let count = batch * model.input.elementCount
        var generator = SeededGenerator(seed: 5)
        let spaced = (0..<count).map { -1 + Float(2 * $0 + 1) / Float(count) }.shuffled(using: &generator)
        let input = Tensor(shape: network.inputShape(batch: batch), scalars: spaced)
        let weights = Tensor(shape: network.outputShape(batch: batch),
                             scalars: randomValues(batch * model.output.elementCount, seed: 7))
        let analytic = network.gradients(input: input, outputGradient: weights)

        var probe = input.scalars
        func loss() -> Double {
            zip(network.trainingOutput(Tensor(shape: input.shape, scalars: probe)).scalars, weights.scalars).reduce(0) { $0 + Double($1.0 * $1.1) }
        }
        func numeric(_ nudge: (Float) -> Void) -> Float {
            let h: Float = 2e-3
            nudge(h)
            let plus = loss()
            nudge(-2 * h)
            let minus = loss()
            nudge(h)
            return Float((plus - minus) / Double(2 * h))
        }

        let numericInput = (0..<input.count).map { index in numeric { probe[index] += $0 } }
        expectGradient(analytic.input.scalars, numericInput, "dL/dx of \(spec)")
        for (slot, parameter) in network.trainableParameters.enumerated() {
            let numericWeights = (0..<parameter.count).map { index in
                numeric { delta in parameter.value[index] += delta; network.parametersDidChange() }
            }
            expectGradient(analytic.parameters[slot], numericWeights, "dL/dW[\(slot)] of \(spec)")
        }
    }

    /// Aggregate relative error `|a - n| / |a + n|`, with an absolute floor for gradients that are
    /// truly zero (a bias before batchnorm), where only float rounding remains.
    private func expectGradient(_ analytic: [Float], _ numeric: [Float], _ what: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(analytic.count == numeric.count, sourceLocation: sourceLocation)
        let difference = zip(analytic, numeric).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }.squareRoot()
        let size = zip(analytic, numeric).reduce(0) { $0 + Double(($1.0 + $1.1) * ($1.0 + $1.1)) }.squareRoot()
        #expect(difference <= max(1e-2 * size, 1e-3), "\(what): relative error \(difference / max(size, 1e-12))",
                sourceLocation: sourceLocation)
    }
}
