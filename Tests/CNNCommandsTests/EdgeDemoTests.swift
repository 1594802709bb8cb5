import CNNEngine
import CNNTestSupport
import Foundation
import Testing

/// The lecture notes' edge demo end to end: `Specs/edges.cnn` on a photo of any size, with both
/// signs of the Sobel response visible in the written map.
@Suite struct EdgeDemoTests {
    /// A 12x12 black image with a white 6x6 square at rows and columns 3..<9, as a PGM.
    private func whiteSquare(in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("square.pgm")
        let scalars: [Float] = (0..<144).map { index in (3..<9).contains(index / 12) && (3..<9).contains(index % 12) ? 1 : 0 }
        try NetpbmFile.write(Tensor(shape: [12, 12, 1], scalars: scalars), to: url)
        return url
    }

    /// Row `row` of the 8-bit PGM at `url`, as the grey levels stored.
    private func greyLevels(_ url: URL, row: Int) throws -> [Int] {
        let image = try NetpbmFile.read(from: url)
        let width = image.shape[1]
        return image.scalars[row * width..<(row + 1) * width].map { Int(($0 * 255).rounded()) }
    }

    private func runEdges(_ arguments: String...) throws -> (result: CommandRunner.Result, map: URL, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let map = folder.appendingPathComponent("edges.pgm")
        let result = CommandRunner().run(["run", SpecFiles.path(of: "edges.cnn"), "--input-file", try whiteSquare(in: folder).path,
                                          "--output", map.path] + arguments)
        return (result, map, folder)
    }

    /// Sobel x is negative on the square's left edge (dark meets bright to the right) and positive
    /// on its right edge; the default map shows both at full brightness, the inside and outside black.
    @Test func bothEdgesOfASquareAreBrightByDefault() throws {
        let (result, map, folder) = try runEdges()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.code == .success, "\(result.error)")
        #expect(result.output.hasSuffix("wrote \(map.path) (12x12x1 image, --map abs: 0 black, |v| = 4.0 white)\n"),
                "\(result.output)")
        #expect(try greyLevels(map, row: 5) == [0, 0, 255, 255, 0, 0, 0, 0, 255, 255, 0, 0])
        #expect(try greyLevels(map, row: 0) == Array(repeating: 0, count: 12))
    }

    /// `--map signed`: 0 is mid-grey, the left edge black, the right edge white.
    @Test func signedMapIsMidGreyAroundZero() throws {
        let (result, map, folder) = try runEdges("--map", "signed")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.code == .success, "\(result.error)")
        #expect(try greyLevels(map, row: 5) == [128, 128, 0, 0, 128, 128, 128, 128, 255, 255, 128, 128])
        #expect(try greyLevels(map, row: 0) == Array(repeating: 128, count: 12))
        #expect(result.output.contains("--map signed: -4.0 black, 0 grey, 4.0 white"))
    }

    /// `--map clip` keeps the old behaviour: values clamped to 0...1, so the left edge is lost.
    @Test func clipMapLosesTheNegativeEdge() throws {
        let (result, map, folder) = try runEdges("--map", "clip")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.code == .success, "\(result.error)")
        #expect(try greyLevels(map, row: 5) == [0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 0, 0])
        #expect(CommandRunner().run("run", SpecFiles.path(of: "edges.cnn"), "--random", "1", "--map", "grey").code == .usage)
    }

    /// A fully convolutional spec takes the file's height and width (20x30 against the spec's 64x64);
    /// the channels must still match, and a size at which the spec does not check names the reason.
    @Test func aPhotoOfAnotherSizeRuns() throws {
        let folder = try temporarySpec("input 8x8x1\nconv 1 5x5\n")
        defer { try? FileManager.default.removeItem(at: folder.folder) }
        let photo = folder.folder.appendingPathComponent("photo.pgm")
        try NetpbmFile.write(Tensor(shape: [20, 30, 1], repeating: 0.5), to: photo)
        let output = folder.folder.appendingPathComponent("out.npy")
        let edges = CommandRunner().run("run", SpecFiles.path(of: "edges.cnn"), "--input-file", photo.path, "--output", output.path)
        #expect(edges.code == .success, "\(edges.error)")
        #expect(try NpyFile.read(from: output).tensor.shape == [1, 20, 30, 1])

        let colour = folder.folder.appendingPathComponent("photo.ppm")
        try NetpbmFile.write(Tensor(shape: [20, 30, 3], repeating: 0.5), to: colour)
        let refused = CommandRunner().run("run", SpecFiles.path(of: "edges.cnn"), "--input-file", colour.path)
        #expect(refused.code == .failure)
        #expect(refused.error == "cnnc: error: \(colour.path) holds images of shape 20x30x3 but \(SpecFiles.path(of: "edges.cnn"))"
            + " expects 64x64x1; resize the images or change the spec's input\n")

        let tiny = folder.folder.appendingPathComponent("tiny.pgm")
        try NetpbmFile.write(Tensor(shape: [3, 3, 1], repeating: 0.5), to: tiny)
        let small = CommandRunner().run("run", folder.path, "--input-file", tiny.path)
        #expect(small.code == .failure)
        #expect(small.error.hasPrefix("cnnc: error: \(tiny.path) holds images of shape 3x3x1; \(folder.path) takes any HxW"
            + " but not 3x3x1: kernel 5x5 is larger than its input 3x3"), "\(small.error)")
    }

    /// A spec with a dense layer is tied to its input size: the mismatch is refused as before.
    @Test func aDenseSpecStillRefusesAnotherSize() throws {
        let spec = try temporarySpec("input 8x8x1\nconv 2 3x3 same relu\nflatten\ndense 3\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let photo = spec.folder.appendingPathComponent("photo.pgm")
        try NetpbmFile.write(Tensor(shape: [12, 10, 1], repeating: 0.5), to: photo)
        let result = CommandRunner().run("run", spec.path, "--input-file", photo.path)
        #expect(result.code == .failure)
        #expect(result.error == "cnnc: error: \(photo.path) holds images of shape 12x10x1 but \(spec.path) expects 8x8x1;"
            + " resize the images or change the spec's input\n")
    }
}
