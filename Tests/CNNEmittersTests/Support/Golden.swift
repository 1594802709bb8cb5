import CNNTestSupport

/// This target's golden files, in `Tests/CNNEmittersTests/Golden`.
let Golden = GoldenFiles(testFile: #filePath, levels: 2)
