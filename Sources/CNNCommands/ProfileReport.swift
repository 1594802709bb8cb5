import CNNEngine
import CNNModel

/// What `cnnc run --profile` adds to the run's report: a row per layer (name, kernel, mean ms per
/// batch, share of the total, GFLOP/s), slowest layers easy to spot, and the totals.
struct ProfileReport {
    var profile: NetworkProfile

    func text() -> String {
        let indices = profile.entries.indices
        var rows = indices.map { index in
            let entry = profile.entries[index]
            return [entry.name, entry.kernel, milliseconds(profile.millisecondsPerPass(index)),
                    percent(profile.share(index)), gigaflops(profile.gigaflopsPerSecond(index))]
        }
        let totals = ["total", "", milliseconds(profile.totalMillisecondsPerPass), percent(profile.totalSeconds > 0 ? 1 : 0),
                      gigaflops(profile.totalGigaflopsPerSecond)]
        rows.append(totals)
        let table = TextTable(header: ["Layer", "Kernel", "ms/batch", "Share", "GFLOP/s"], rows: rows,
                              rightAligned: [2, 3, 4])
        let rule = String(repeating: "-", count: table.width)
        let title = "Profile: \(Wording.count(profile.passes, "batch", plural: "batches")),"
            + " \(Wording.count(profile.samples, "sample")) (forward time per layer, mean per batch)"
        return ([title, table.line(table.header), rule] + rows.dropLast().map(table.line) + [rule, table.line(totals)])
            .joined(separator: "\n")
    }

    /// The `"profile"` object of `run --format json`.
    func json() -> String {
        let layers = profile.entries.indices.map { index in
            let entry = profile.entries[index]
            return "{\"name\": \(JSONText.quoted(entry.name)), \"kernel\": \(JSONText.quoted(entry.kernel)),"
                + " \"ms_per_batch\": \(Wording.jsonNumber(profile.millisecondsPerPass(index))),"
                + " \"share\": \(Wording.jsonNumber(profile.share(index))),"
                + " \"flops_per_sample\": \(entry.flopsPerSample),"
                + " \"gflops_per_second\": \(profile.gigaflopsPerSecond(index).map { Wording.jsonNumber($0) } ?? "null")}"
        }
        return "{\"batches\": \(profile.passes), \"samples\": \(profile.samples),"
            + " \"total_ms_per_batch\": \(Wording.jsonNumber(profile.totalMillisecondsPerPass)),"
            + " \"gflops_per_second\": \(profile.totalGigaflopsPerSecond.map { Wording.jsonNumber($0) } ?? "null"),"
            + " \"layers\": [\n    " + layers.joined(separator: ",\n    ") + "\n  ]}"
    }

    private func milliseconds(_ value: Double) -> String { CountFormat.fixed(value, decimals: 3) }
    private func percent(_ share: Double) -> String { CountFormat.fixed(share * 100, decimals: 1) + "%" }
    private func gigaflops(_ value: Double?) -> String { value.map { CountFormat.fixed($0, decimals: 1) } ?? "-" }
}
