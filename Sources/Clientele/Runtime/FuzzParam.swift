import Foundation
import ClienteleCore

/// `--param` values for the fuzz target: each input is one parameter value, parsed as the
/// CLI parses it and then used wherever a script can use a parameter (as a period, a
/// date, a number, a setting, a filter) against a small demo store opened read-only.
/// Errors are expected; a crash is a bug.
///
/// ```swift
/// FuzzEntry.param("2025-Q5")   // runs the scripts below with $p = "2025-Q5"
/// ```
extension FuzzEntry {
    /// The scripts each value is tried in, one at a time (a failing one stops only itself).
    static let parameterScripts = [
        "set period = $p",
        "clients | where turnover($p) > 0 | count",
        "orders | where order_date in $p | count",
        "orders | where order_date == $p | count",
        "orders | where order_date > $p | count",
        "orders | where net > $p | count",
        "clients | take $p",
        "clients | where name ~ $p | count",
        "segment clients by abc over $p",
        "segment clients by risk, rfm over $p",
        "movement abc from $p to 2025",
        "compare baseline over $p",
        "clients | select name, t = turnover($p), n = orders_count($p) | take 3",
        "clients | where abc($p) == \"A\" | count",
        "clients | where last_order_date + $p > 2025-01-01 | count",
    ]

    /// The process's own folder for the store, removed when the process exits.
    private static let fuzzFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("clientele-fuzz-\(getpid())", isDirectory: true)

    /// A demo store made once per process (a `static let` is initialised once, thread-safely),
    /// then opened read-only; nil when it cannot be made.
    private static let fuzzStore: Store? = try? makeStore()

    private static func makeStore() throws -> Store {
        try FileManager.default.createDirectory(at: fuzzFolder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: FuzzEntry.fuzzFolder) }
        let path = fuzzFolder.appendingPathComponent("fuzz.sqlite").path
        if !FileManager.default.fileExists(atPath: path) {
            let writable = try Store(path: path)
            _ = try DemoData.generate(into: writable, options: DemoOptions(clients: 40, years: 2, seed: 3))
        }
        return try Store(path: path, readOnly: true)
    }

    /// Parses `text` as a `--param` value and runs every parameter script with it. Must
    /// never crash, whatever the text.
    package static func param(_ text: String) {
        guard let store = fuzzStore else { return }
        var session = Session(today: CalendarDate(iso: "2025-12-31")!)
        session.parameters["p"] = Session.parameterValue(text)
        let engine = Engine(store: store, session: session)
        for script in parameterScripts {
            _ = engine.check(script)
            _ = try? engine.run(script)
        }
    }
}
