import CNNCommands
import Foundation

Interrupt.install()
// The arguments' bytes as given: CommandLine.arguments would replace bytes that are not UTF-8.
let argumentBytes = (1..<Int(CommandLine.argc)).map { index in
    CommandLine.unsafeArgv[index].map { Array(UnsafeBufferPointer(start: $0, count: strlen($0))).map(UInt8.init(bitPattern:)) } ?? []
}
let code = CLI.run(argumentBytes: argumentBytes, context: .process(isInterrupted: Interrupt.isRequested))
// A command stopped by SIGTERM rather than Ctrl-C ends with the shell's 143.
exit(code == .interrupted ? Interrupt.exitStatus : code.rawValue)
