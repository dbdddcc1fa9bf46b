// A small program that embeds Clientele, walked through in docs/embedding.md:
// a demo store in a temporary folder, typed rows into a struct, a progress bar for a long
// scan, and a query cancelled from a timer. It uses the public API only.
//
//     swift run clientele-example-host [clients]
import Foundation
import Clientele

/// Unbuffered, so that a redrawn progress line shows at once.
func say(_ text: String, end: String = "\n") {
    FileHandle.standardOutput.write(Data((text + end).utf8))
}

let clients = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000

// 1. A store: a demo one, made in a temporary folder and removed at the end.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-example-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let store = try Store(path: folder.appendingPathComponent("demo.sqlite").path)
let options = DemoOptions(clients: clients, years: 2, seed: 7)
let interactive = isatty(STDOUT_FILENO) == 1
// On a terminal, the generator's progress ("generating clients: 1024 of 2000 clients").
let summary = try DemoData.generate(into: store, options: options, handle: RunHandle(progress: { p in
    if interactive { say("\r" + p.description, end: "") }
}))
if interactive { say("\r\u{1B}[K", end: "") }
// "Today" is the demo's last day, so that periods like "last 12 months" cover its orders.
let engine = Engine(store: store, session: Session(today: options.endDate))
say("== a demo store: \(summary.clients) clients, \(summary.orders) orders")

// 2. A host function: the VAT inside an amount that includes 20 % VAT (a sixth of it, rounded
// half away from zero to the kopeck). The checker knows its types, `help vat` shows it, and
// on the SQLite store it runs in Swift for each row.
try engine.register(function: HostFunction(
    name: "vat", arguments: [.money], result: .money,
    help: "the VAT in an amount that includes 20 % VAT", example: "clients | select name, vat(turnover)") { args in
    guard case .money(let m) = args[0] else { return .null }
    let (q, r) = m.minorUnits.quotientAndRemainder(dividingBy: 6)
    return .money(Money(minorUnits: q + (r * 2 >= 6 ? 1 : r * 2 <= -6 ? -1 : 0)))
})

// 3. Typed rows: each row of the result decoded into the host's struct as it arrives.
struct TopClient: Decodable {
    var name: String
    var region: String
    var turnover: Money
    var vat: Money
}
say("== the five largest clients by turnover")
var rank = 0
try engine.stream("clients | sort turnover desc, id | take 5 | select name, region, turnover, vat = vat(turnover)",
                  as: TopClient.self) { client in
    rank += 1
    say("\(rank). \(client.name) (\(client.region)): \(client.turnover.formatted()), VAT \(client.vat.formatted())")
}

// 4. A long scan with a progress bar. A scan does not know its total in advance; the host
// does (it counts the orders first), so the bar shows how far through the orders it is.
let total: Int = try {
    // `| count` makes a scalar output, not a table.
    if case .scalar(_, .integer(let n))? = try engine.run("orders | where status == \"shipped\" | count").last { return Int(n) }
    return 0
}()
let bar = RunHandle(progress: { p in
    let fraction = min(1, Double(p.done) / Double(max(total, 1)))
    let filled = Int(fraction * 20)
    let line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "] "
        + "\(p.phase) \(p.done) of \(total) \(p.unit)"
    // A terminal gets one line redrawn; a pipe or a log gets a line per report.
    say(interactive ? "\r" + line : line, end: interactive ? "" : "\n")
})
say("== segments by ABC class over all orders (\(total) shipped orders)")
let segments = try engine.rows("segment clients by abc over all", handle: bar)
if interactive { say("") }
for row in segments {
    say(row.columns.map { "\($0.name): \(row[$0.name]?.plain ?? "")" }.joined(separator: ", "))
}

// 5. Cancel a query from a timer: an async run in a Task, cancelled by a timer after 0.1 s.
// (So that this example prints the same on any machine, the run's first progress report
// waits for the timer; a real host would let it run on.)
say("== a query cancelled by a timer")
let timerFired = DispatchSemaphore(value: 0)
let task = Task {
    try await engine.run("orders | group client.region agg revenue = sum(net)", progress: { _ in
        timerFired.wait()
        timerFired.signal()
    })
}
let timer = DispatchSource.makeTimerSource(queue: .global())
timer.schedule(deadline: .now() + .milliseconds(100))
timer.setEventHandler {
    task.cancel()
    timerFired.signal()
}
timer.resume()
switch await task.result {
case .success:
    say("the query finished before the timer")
case .failure(ClienteleError.interrupted(let details)):
    say("cancelled by the timer: \(details.message)")
case .failure(let error):
    say("failed: \(error)")
}
timer.cancel()

// 6. Errors come by kind, with the text the clientele program would print.
say("== a script with a mistake")
do {
    try engine.run("clients | where regoin == \"North\"", origin: "example.clq")
} catch ClienteleError.check(let details) {
    say(details.text, end: "")
}
try store.close()
