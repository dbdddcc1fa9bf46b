import Clientele
import ClientelePostgres
import Foundation

// clientele-bench: times a script in-process through the engine API, for scripts/bench.
//
//   clientele-bench STORE --today 2025-12-31 --repeat 5 --script 'clients | count' [--cache off|on]
//   clientele-bench postgres://… --today 2025-12-31 --sessions 20 --rounds 10 \
//       --script 'W1…' --script 'W2…' [--writer 'update …'] …
//
// STORE is a SQLite file or a postgres:// address (a team store: the engine runs through
// PostgresStore, its connections from the store's pool). --cache off (the default) times
// the SQL path; --cache on (SQLite only) builds the in-memory order facts during the
// warm-up run (their build time is reported) and times queries that use them.
// Prints one JSON object: the per-run wall times in seconds (after one warm-up run), and
// the result as CSV so the benchmark can check it against the other tools.
// With --sessions N: N threads, each with an engine of its own on the one store, run the
// scripts in turn (session i starts at script i), --rounds times each, while each --writer
// script runs over and over in a session of its own until the readers are done; prints the
// queries run, wall time, throughput and latency percentiles, writes and failures.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("clientele-bench: \(message)\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
guard !args.isEmpty else { fail("usage: clientele-bench STORE [--today DATE] [--repeat N] --script TEXT") }
let path = args.removeFirst()
var today = CalendarDate.today()
var repeats = 5
var scripts: [String] = []
var writers: [String] = []
var sessions = 0
var rounds = 5
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
    case "--script": scripts.append(value)
    case "--writer": writers.append(value)
    case "--sessions":
        guard let n = Int(value), n >= 1 else { fail("bad count \(value)") }
        sessions = n
    case "--rounds":
        guard let n = Int(value), n >= 1 else { fail("bad count \(value)") }
        rounds = n
    case "--cache":
        switch value {
        case "on": cache = .always
        case "off": cache = .off
        default: fail("--cache takes on or off")
        }
    default: fail("unknown flag \(flag)")
    }
}
guard !scripts.isEmpty else { fail("--script is required") }

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

/// An engine on `path`: a SQLite store file, or a team store (with a scratch SQLite file
/// for what the engine still asks of one, which no statement reads).
func openEngine(readOnly: Bool, pool: Int) throws -> (Engine, Store?, PostgresStore?) {
    if PostgresURL.isPostgres(path) {
        let pg = try PostgresStore(url: PostgresURL(path), readOnly: readOnly, maxConnections: pool)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-bench-\(UUID().uuidString).sqlite").path
        let local = try Store(path: scratch)
        return (Engine(store: local, backend: pg, session: Session(today: today)), nil, pg)
    }
    let store = try Store(path: path, readOnly: readOnly)
    store.facts.currentMode = cache
    return (Engine(store: store, session: Session(today: today)), store, nil)
}

do {
    if sessions > 0 {
        try runSessions()
        exit(0)
    }
    let (engine, store, pg) = try openEngine(readOnly: true, pool: 1)
    defer { pg?.close() }
    let script = scripts[0]
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
    let json: [String: Any] = ["times": times, "result": result, "facts_build": store?.facts.lastBuildSeconds ?? 0,
                               "facts_orders": store?.facts.ordersHeld ?? 0]
    let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
} catch let f as ClienteleError {
    fail(f.text)
} catch {
    fail("\(error)")
}
