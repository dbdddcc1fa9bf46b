import Clientele
import Foundation

// clientele-bench: times a script in-process through the engine API, for scripts/bench.
//
//   clientele-bench STORE --today 2025-12-31 --repeat 5 --script 'clients | count' [--cache off|on]
//
// --cache off (the default) times the SQL path; --cache on builds the in-memory order facts
// during the warm-up run (their build time is reported) and times queries that use them.
// Prints one JSON object: the per-run wall times in seconds (after one warm-up run), and
// the result as CSV so the benchmark can check it against the other tools.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("clientele-bench: \(message)\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
guard !args.isEmpty else { fail("usage: clientele-bench STORE [--today DATE] [--repeat N] --script TEXT") }
let path = args.removeFirst()
var today = CalendarDate.today()
var repeats = 5
var script = ""
var cache = FactsCache.Mode.off
while !args.isEmpty {
    let flag = args.removeFirst()
    guard !args.isEmpty else { fail("\(flag) needs a value") }
    let value = args.removeFirst()
    switch flag {
    case "--today":
        guard let d = CalendarDate(iso: value) else { fail("bad date \(value)") }
        today = d
    case "--repeat":
        guard let n = Int(value), n >= 1 else { fail("bad count \(value)") }
        repeats = n
    case "--script": script = value
    case "--cache":
        switch value {
        case "on": cache = .always
        case "off": cache = .off
        default: fail("--cache takes on or off")
        }
    default: fail("unknown flag \(flag)")
    }
}

final class TextBox { var text = "" }

/// Renders results as CSV and leaves messages ("today = ...") out, so the text is data only.
final class DataOnly: OutputSink {
    let inner: StreamingRenderer
    init(_ inner: StreamingRenderer) { self.inner = inner }
    func emit(_ output: Output) { if case .message = output { return }; inner.emit(output) }
    func beginTable(_ columns: [Column]) { inner.beginTable(columns) }
    func row(_ values: [Value]) { inner.row(values) }
    func endTable() { inner.endTable() }
}

do {
    let store = try Store(path: path, readOnly: true)
    store.facts.currentMode = cache
    let engine = Engine(store: store, session: Session(today: today))
    var times: [Double] = []
    var result = ""
    for i in 0...repeats {
        let box = TextBox()
        let sink = DataOnly(StreamingRenderer(options: RenderOptions(format: .csv)) { box.text += $0 })
        let start = DispatchTime.now().uptimeNanoseconds
        try engine.run(script, into: sink)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if i > 0 { times.append(seconds) } else { result = box.text }
    }
    let json: [String: Any] = ["times": times, "result": result, "facts_build": store.facts.lastBuildSeconds,
                               "facts_orders": store.facts.ordersHeld ?? 0]
    let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
} catch let f as ClienteleError {
    fail(f.text)
} catch {
    fail("\(error)")
}
