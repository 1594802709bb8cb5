import Foundation

/// `cnnc-bench summary [runs]`: `cnnc summary` of VGG-16 (a long chain), ResNet-50 and DenseNet-121
/// (the largest graphs) as whole processes, the way a user or a build script runs it: median and
/// p90 wall time, and the peak resident memory of the child.
func runSummaryBenchmark(_ arguments: [String]) {
    let runs = arguments.first.flatMap(Int.init) ?? 50
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("cnnc").path
    guard FileManager.default.isExecutableFile(atPath: executable) else {
        print("needs \(executable): swift build -c release")
        return
    }
    for spec in ["Specs/vgg16.cnn", "Specs/resnet50.cnn", "Specs/densenet121.cnn"] {
        guard FileManager.default.fileExists(atPath: spec) else {
            print("needs \(spec): run from the repository")
            return
        }
        timeSummary(executable, spec, runs: runs)
    }
}

private func timeSummary(_ executable: String, _ spec: String, runs: Int) {
    var seconds: [Double] = []
    var peakKilobytes = 0
    for _ in 0..<runs + 1 {
        guard let (elapsed, kilobytes) = timeProcess(executable, ["summary", spec]) else {
            print("cnnc summary failed")
            return
        }
        seconds.append(elapsed)
        peakKilobytes = max(peakKilobytes, kilobytes)
    }
    seconds.removeFirst()  // the first run warms the file cache
    seconds.sort()
    let median = seconds[seconds.count / 2], p90 = seconds[min(seconds.count - 1, seconds.count * 9 / 10)]
    print("cnnc summary \(spec), \(runs) runs: median \(String(format: "%.2f", median * 1e3)) ms,"
        + " p90 \(String(format: "%.2f", p90 * 1e3)) ms, peak RSS \(String(format: "%.1f", Double(peakKilobytes) / 1024)) MB")
}

/// Wall time of one run of `path arguments` (output discarded) and its peak RSS in KB, via wait4.
private func timeProcess(_ path: String, _ arguments: [String]) -> (Double, Int)? {
    var pid: pid_t = 0
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid, status == 0 else { return nil }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (elapsed, Int(usage.ru_maxrss))
}
