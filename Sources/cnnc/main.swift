import CNNCommands
import Foundation

Interrupt.install()
let code = CLI.run(Array(CommandLine.arguments.dropFirst()), context: .process(isInterrupted: Interrupt.isRequested))
exit(code.rawValue)
