print("bench")
if CommandLine.arguments.dropFirst().first == "engine" { runEngineBenchmark(Array(CommandLine.arguments.dropFirst(2))) }
