import CNNCommands
import Foundation

Interrupt.install()
let code = CLI.run(Array(CommandLine.arguments.dropFirst()), context: .process(isInterrupted: Interrupt.isRequested))
// A command stopped by SIGTERM rather than Ctrl-C ends with the shell's 143.
exit(code == .interrupted ? Interrupt.exitStatus : code.rawValue)
