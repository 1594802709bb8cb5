/// The merges of graphs on NHWC buffers: sums, channel concatenation, and products with a
/// 1x1xC gate broadcast over an image. Their slow twins are in `ReferenceKernels`.
enum MergeKernels {
    /// `output = sum of inputs`, `count` floats each.
    static func add(_ inputs: [FloatBuffer], into output: FloatBuffer, count: Int) {
        let out = output.pointer
        out.update(from: inputs[0].pointer, count: count)
        for input in inputs.dropFirst() {
            let x = input.pointer
            for i in 0..<count { out[i] += x[i] }
        }
    }

    /// Stacks the channels of `inputs` per position: input `k` has `channels[k]` of every
    /// `positions` rows (`N * H * W`, or `N` for vectors); the output has their sum.
    static func concat(_ inputs: [FloatBuffer], channels: [Int], into output: FloatBuffer, positions: Int) {
        let total = channels.reduce(0, +)
        var offset = 0
        for (input, width) in zip(inputs, channels) {
            let x = input.pointer, out = output.pointer + offset
            for position in 0..<positions {
                (out + position * total).update(from: x + position * width, count: width)
            }
            offset += width
        }
    }

    /// The backward of `concat`: the channels of each input out of `gradient` (nil: not needed).
    static func split(_ gradient: FloatBuffer, channels: [Int], into outputs: [FloatBuffer?], positions: Int) {
        let total = channels.reduce(0, +)
        var offset = 0
        for (output, width) in zip(outputs, channels) {
            defer { offset += width }
            guard let output else { continue }
            let g = gradient.pointer + offset, out = output.pointer
            for position in 0..<positions {
                (out + position * width).update(from: g + position * total, count: width)
            }
        }
    }

    /// `output = product of inputs` over `batch` samples of `positions x channels`; an input
    /// with `isGate` holds `channels` values per sample, broadcast over the positions.
    /// The first input is copied (or broadcast), each later one multiplied in, row by row.
    static func multiply(_ inputs: [FloatBuffer], isGate: [Bool], into output: FloatBuffer, batch: Int,
                         positions: Int, channels: Int) {
        let size = positions * channels
        for (k, (input, gate)) in zip(inputs, isGate).enumerated() {
            for n in 0..<batch {
                let out = output.pointer + n * size
                let x = input.pointer + (gate ? n * channels : n * size)
                switch (k == 0, gate) {
                case (true, true):
                    for p in 0..<positions { (out + p * channels).update(from: x, count: channels) }
                case (true, false):
                    out.update(from: x, count: size)
                case (false, true):
                    for p in 0..<positions {
                        let row = out + p * channels
                        for c in 0..<channels { row[c] *= x[c] }
                    }
                case (false, false):
                    for i in 0..<size { out[i] *= x[i] }
                }
            }
        }
    }

    /// The backward of `multiply`: each input's gradient is `gradient` times the other inputs,
    /// summed over the positions for a gate.
    static func multiplyBackward(_ inputs: [FloatBuffer], isGate: [Bool], gradient: FloatBuffer,
                                 into outputs: [FloatBuffer?], batch: Int, positions: Int, channels: Int) {
        let size = positions * channels, g = gradient.pointer
        for (k, target) in outputs.enumerated() {
            guard let target else { continue }
            let d = target.pointer
            if isGate[k] { d.update(repeating: 0, count: batch * channels) }
            for n in 0..<batch {
                for p in 0..<positions {
                    let row = n * size + p * channels
                    for c in 0..<channels {
                        var others = g[row + c]
                        for (j, (input, gate)) in zip(inputs, isGate).enumerated() where j != k {
                            others *= input.pointer[gate ? n * channels + c : row + c]
                        }
                        if isGate[k] { d[n * channels + c] += others } else { d[row + c] = others }
                    }
                }
            }
        }
    }
}
