import CNNDiagnostics
import CNNFrontEnd

/// libFuzzer entry: compiles arbitrary bytes as a spec, renders the diagnostics, and traps when
/// an invariant breaks: a model exists exactly when there is no error, and every location lies inside the source.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCompile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Raw bytes (possibly invalid UTF-8) and the repaired string the CLI would read.
    for source in [SourceText(utf8: bytes), SourceText(String(decoding: bytes, as: UTF8.self))] {
        let result = Compiler.compile(source: source)
        precondition((result.model == nil) == result.hasErrors, "a model exists iff there is no error")
        if let model = result.model {
            precondition(model.layers.count == result.layerRanges.count, "one source range per layer")
        }
        for diagnostic in result.diagnostics {
            let ranges = [diagnostic.range] + diagnostic.notes.compactMap(\.range) + diagnostic.fixIts.map(\.range)
            for range in ranges {
                precondition(isInside(range, source), "\(diagnostic.id) at \(range) lies outside the source")
            }
        }
        let rendered = DiagnosticRenderer(colored: size % 2 == 0).render(result.diagnostics, in: source, fileName: "f")
        precondition(rendered.isEmpty == result.diagnostics.isEmpty, "rendering lost diagnostics")
    }
    return 0
}

private func isInside(_ range: SourceRange, _ source: SourceText) -> Bool {
    func isInside(_ location: SourceLocation) -> Bool {
        guard let line = source.line(location.line) else { return false }
        return location.column >= 1 && location.column <= line.count + 1
    }
    return isInside(range.start) && isInside(range.end) && range.start <= range.end
}
