import ArgumentParser
import Clientele
import Foundation

/// `clientele demo`: fills a new store with a realistic, reproducible client base.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a store filled with generated demo data.",
        discussion: """
        Clients in Russian and English, a long-tailed turnover, seasonality, late and missing \
        payments, contacts with birthdays; discounts follow the default rules. The same seed \
        always gives the same data. Exit codes: 0 success, 2 usage error.
        """
    )

    @Option(help: "Number of clients (about 20 orders each over 2 years).")
    var clients: Int = 2000

    @Option(help: "Years of order history.")
    var years: Int = 2

    @Option(help: ArgumentHelp("Last day of the history (YYYY-MM-DD).", valueName: "date"))
    var end: String = "2025-12-31"

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(name: .customLong("out"), help: ArgumentHelp("The store file to create.", valueName: "file"))
    var out: String = "demo.sqlite"

    mutating func validate() throws {
        if clients < 1 { throw ValidationError("--clients must be at least 1") }
        if years < 1 || years > 50 { throw ValidationError("--years must be from 1 to 50") }
        if CalendarDate(iso: end) == nil { throw ValidationError("--end must be a date like 2025-12-31") }
    }

    /// The demo store is made under a temporary name in the same folder and linked into
    /// place at the end: a killed run leaves no half-made store at --out, and its temporary
    /// file (a new name each run) never blocks a rerun.
    mutating func run() throws {
        if FileManager.default.fileExists(atPath: out) {
            Diagnostics.line("clientele: '\(out)' already exists; demo data goes into a new store")
            throw Exit(.usage)
        }
        let folder = PathText.folder(of: out)
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            Diagnostics.line("clientele: \(Store.OpenError.folderMissing(out))")
            throw Exit(.usage)
        }
        let temp = (folder.isEmpty ? "" : folder + "/")
            + ".\(PathText.name(of: out)).clientele-demo-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(temp + suffix) } }
        let started = Date()
        let store: Store
        do { store = try Store(path: temp, readOnly: false, concurrentReads: false) } catch {
            let writable = access(folder.isEmpty ? "." : folder, W_OK) == 0
            Diagnostics.line("clientele: cannot create store '\(out)': "
                             + (writable ? "\(error)" : "its folder cannot be written to (no permission, or a read-only file system)"))
            throw Exit(.usage)
        }
        let tty = isatty(STDERR_FILENO) == 1
        let summary = try DemoData.generate(
            into: store, options: DemoOptions(clients: clients, years: years, seed: seed, endDate: CalendarDate(iso: end)!),
            progress: { message in if tty { Diagnostics.write("\r\u{1B}[K" + message) } })
        if tty { Diagnostics.write("\r\u{1B}[K") }
        try store.close()
        if link(temp, out) != 0 {
            let reason = errno == EEXIST ? "another file appeared at that path meanwhile" : String(cString: strerror(errno))
            Diagnostics.line("clientele: cannot create store '\(out)': \(reason); the demo data was not kept")
            throw Exit(.usage)
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        Diagnostics.line("created \(out): \(summary.clients) clients, \(summary.orders) orders, \(summary.payments) payments, "
                         + "\(summary.contacts) contacts (\(summary.firstDate)..\(summary.lastDate)) in \(seconds) s")
    }
}
