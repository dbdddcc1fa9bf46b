import ArgumentParser
import Clientele
import ClientelePostgres
import Foundation

/// `clientele demo`: fills a new store with a realistic, reproducible client base.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a store filled with generated demo data.",
        discussion: """
        Clients in Russian and English, a long-tailed turnover, seasonality, late and missing \
        payments, contacts with birthdays; discounts follow the default rules. The same seed \
        always gives the same data. --out postgres://… fills an empty PostgreSQL database \
        (a team store); a database that already holds clients or orders is refused. \
        Exit codes: 0 success, 1 the data could not be written (nothing was kept), 2 usage error.
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

    @Option(name: .customLong("out"), help: ArgumentHelp("The store file to create, or the postgres:// address of an empty database.",
                                                         valueName: "store"))
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
        if StoreArgument.isServer(out) { return try runOnServer() }
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
            into: store, options: options,
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

    private var options: DemoOptions {
        DemoOptions(clients: clients, years: years, seed: seed, endDate: CalendarDate(iso: end)!)
    }

    /// `--out postgres://…`: the demo is generated into a temporary SQLite store and copied
    /// into the database in one transaction (`PostgresCopy`, counts checked), so a failure
    /// leaves the database as it was. A database holding data is refused before any work.
    private func runOnServer() throws {
        let url = try StoreArgument.serverURL(out)
        let started = Date()
        let pg = try StoreArgument.openServer(out, readOnly: false)
        defer { pg.close() }
        do {
            if let table = try pg.readTransaction({ tx in
                try PostgresCopy.dataTables.first { try tx.fetchOne("SELECT EXISTS (SELECT 1 FROM \($0))")?.first?.int64 == 1 }
            }) {
                Diagnostics.line("clientele: \(url) is not empty (it holds \(table)); demo data goes into a new, empty database")
                throw Exit(.usage)
            }
        } catch let e as Exit { throw e } catch {
            Diagnostics.line("clientele: \(StoreArgument.openFailure(error, url: url))")
            throw Exit(.usage)
        }
        let folder = FileManager.default.temporaryDirectory.path
        let temp = folder + "/clientele-demo-\(getpid())-\(UUID().uuidString.prefix(8)).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(temp + suffix) } }
        let tty = isatty(STDERR_FILENO) == 1
        let summary: DemoSummary
        do {
            let store = try Store(path: temp, readOnly: false, concurrentReads: false)
            summary = try DemoData.generate(into: store, options: options,
                                            progress: { message in if tty { Diagnostics.write("\r\u{1B}[K" + message) } })
            let bar = CopyProgress()
            do { try PostgresCopy.copy(from: store, to: pg, progress: bar.report) } catch {
                bar.clear()
                throw error
            }
            bar.clear()
            try store.close()
        } catch {
            if tty { Diagnostics.write("\r\u{1B}[K") }
            Diagnostics.line("clientele: the demo data was not written to \(url): \(pg.storeError(error)?.message ?? "\(error)")")
            throw Exit(.scriptFailed)
        }
        if tty { Diagnostics.write("\r\u{1B}[K") }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        Diagnostics.line("created \(url): \(summary.clients) clients, \(summary.orders) orders, \(summary.payments) payments, "
                         + "\(summary.contacts) contacts (\(summary.firstDate)..\(summary.lastDate)) in \(seconds) s")
    }
}
