import CNNInterchange
import Testing

/// SplitMix64: a deterministic generator, so a failing mutation can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Darknet fuzz")
struct DarknetFuzzTests {
    /// Bytes and words that steer mutations to where the importer makes decisions.
    private static let tokens: [[UInt8]] = ["[", "]", "=", ",", "-", "\n", "\r", "#", "0", "-1", "999999999999999999999",
                                            "[route]", "[shortcut]", "[yolo]", "layers=-30", "from=-1", "size=0",
                                            "stride=0", "padding=99", "groups=7", "\u{00e9}", "\u{0}"].map { Array($0.utf8) }

    @Test("400 mutations of yolov3-tiny.cfg: every one imports or is refused with problems, none crashes")
    func mutatedConfigs() throws {
        let original = Array(try yoloV3TinyCfg().utf8)
        var generator = SplitMix64(state: 11)
        var imported = 0, refused = 0
        for _ in 0..<400 {
            var bytes = original
            for _ in 0...Int.random(in: 0..<4, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &generator)))
                case 2: bytes.insert(contentsOf: Self.tokens.randomElement(using: &generator) ?? [], at: at)
                case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 200)], at: at / 2)  // duplicated sections
                default: bytes = Array(bytes.prefix(at))
                }
                if bytes.isEmpty { bytes = [0x5B] }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let model = try DarknetImporter.importModel(cfg: text, path: "fuzz.cfg").model
                #expect(!model.layers.isEmpty)
                imported += 1
            } catch {
                #expect(!error.problems.isEmpty)
                refused += 1
            }
        }
        // Both outcomes occur, so the mutations reach past the first check.
        #expect(imported > 20)
        #expect(refused > 20)
    }

    @Test("every prefix of a .weights file, and random headers: only the whole file loads, nothing crashes")
    func truncatedWeights() throws {
        // conv 2 1x1 with batchnorm on 8x8x3 (14 numbers), connected 3 on 128 inputs (387): 401 numbers.
        let layers = try DarknetImporter.translate(cfg: smallCfg("[convolutional]\nfilters=2\nbatch_normalize=1\n"
            + "[connected]\noutput=3\n"), path: "f.cfg").weightLayers
        var generator = SplitMix64(state: 7)
        let floats = (0..<401).map { _ in Float.random(in: -1...1, using: &generator) }
        let file = darknetWeightsFile(major: 0, minor: 2, seen: 5, floats: floats)
        for length in 0...file.count {
            let read = try? DarknetWeights.read(bytes: Array(file.prefix(length)), layers: layers, path: "f.weights")
            #expect((read != nil) == (length == file.count), "length \(length)")
        }
        for _ in 0..<300 {
            var mutated = file
            for _ in 0..<3 { mutated[Int.random(in: 0..<20, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            if let read = try? DarknetWeights.read(bytes: mutated, layers: layers, path: "f.weights") {
                #expect(read.tensors.values.map(\.count).reduce(0, +) == 401)
            }
        }
    }
}
