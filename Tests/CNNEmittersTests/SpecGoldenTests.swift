import CNNEmitters
import CNNFrontEnd
import CNNModel
import Foundation
import Testing
import CNNTestSupport

/// Every `Specs/*.cnn` of the repository, compiled by the front end, gives stable emitted files:
/// `Golden/specs/<spec>.py`, `.dot`, `.svg`.
@Suite struct SpecGoldenTests {
    @Test func everySpecEmitsItsGoldenFiles() throws {
        let specs = try SpecFiles.all()
        #expect(specs.count >= 8)
        for (file, source) in specs {
            let name = String(file.dropLast(4))
            let model = try #require(Compiler.compile(source: source).model, "\(file) has errors")
            Golden.check(PyTorchEmitter.emitModule(model, source: source), against: "specs/\(name).py")
            Golden.check(DotEmitter.emit(model, title: name), against: "specs/\(name).dot")
            Golden.check(SVGRenderer.render(model, title: name), against: "specs/\(name).svg")
            Golden.check(SwiftEmitter.emit(model, typeName: SwiftEmitter.typeName(forFile: file),
                                           specPath: "Specs/\(file)", source: source),
                         against: "specs/\(name).swift")
        }
    }
}
