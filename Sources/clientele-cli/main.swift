import Clientele
import Foundation

// Temporary minimal driver: clientele STORE -c 'source'
let args = CommandLine.arguments
let store = try Store(path: args[1])
let engine = Engine(store: store)
do {
    for o in try engine.run(args[3]) { print(Renderer().render(o), terminator: "") }
} catch let f as CheckFailure { print(f.rendered(), terminator: "") }
catch let f as ExecutionFailure { print(f.rendered(), terminator: "") }
