import ArgumentParser
import Clientele
import ClientelePostgres
import Foundation

/// `clientele copy SOURCE TARGET`: a whole store into a new one, either way between an
/// SQLite file and a PostgreSQL database (or between two of either).
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store into a new store: a file into PostgreSQL, or PostgreSQL into a file.",
        discussion: """
        SOURCE and TARGET are each a store file or a postgres:// / postgresql:// address (the \
        password from the address, PGPASSWORD or ~/.pgpass). A PostgreSQL target must be an \
        empty database (its schema is created); a file target must not exist yet. Every \
        object, setting, rule and scenario is copied in one transaction and the row counts \
        checked: all of it or nothing. On a terminal a progress bar shows the rows copied. \
        Exit codes: 0 success, 1 the copy failed (nothing was copied), 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("The store to copy (read only): a file or a postgres:// address.", valueName: "source"))
    var source: String

    @Argument(help: ArgumentHelp("The new store: a file that does not exist yet, or the postgres:// address of an empty database.",
                                 valueName: "target"))
    var target: String

    mutating func run() throws {
        let toServer = StoreArgument.isServer(target)
        if !toServer && FileManager.default.fileExists(atPath: target) {
            Diagnostics.line("clientele: '\(target)' already exists; a copy goes into a new store file")
            throw Exit(.usage)
        }
        let targetURL = toServer ? try StoreArgument.serverURL(target) : nil
        let from: any StorageBackend
        var server: PostgresStore?
        if StoreArgument.isServer(source) {
            let pg = try StoreArgument.openServer(source, readOnly: true)
            server = pg
            from = pg
        } else {
            from = try Setup.openStore(source, readOnly: true, concurrentReads: false)
        }
        defer { server?.close() }
        let bar = CopyProgress()
        let counts: [(table: String, rows: Int)]
        let shown: String
        if let targetURL {
            let pg: PostgresStore
            do { pg = try PostgresStore(url: targetURL) } catch {
                Diagnostics.line("clientele: \(StoreArgument.openFailure(error, url: targetURL))")
                throw Exit(.usage)
            }
            defer { pg.close() }
            shown = targetURL.description
            do {
                counts = try PostgresCopy.copy(from: from, to: pg, progress: bar.report)
            } catch {
                bar.clear()
                Diagnostics.line("clientele: nothing was copied: \(pg.storeError(error)?.message ?? "\(error)")")
                throw Exit(.scriptFailed)
            }
        } else {
            shown = target
            do {
                counts = try SQLiteCopy.copy(from: from, toNewFile: target, progress: bar.report)
            } catch let e as SQLiteCopy.Failure {
                bar.clear()
                Diagnostics.line("clientele: \(e)")
                throw Exit(.usage)
            } catch {
                bar.clear()
                Diagnostics.line("clientele: nothing was copied: \(from.storeError(error)?.message ?? "\(error)")")
                throw Exit(.scriptFailed)
            }
        }
        bar.clear()
        let total = counts.reduce(0) { $0 + $1.rows }
        Diagnostics.line("clientele: copied \(total) rows into \(shown) (counts checked): "
                         + counts.filter { $0.rows > 0 }.map { "\($0.table) \($0.rows)" }.joined(separator: ", "))
    }
}

/// A progress bar on standard error while a copy runs, only when it is a terminal, at most
/// about ten times a second; nothing otherwise.
final class CopyProgress {
    private let tty = isatty(STDERR_FILENO) == 1
    private var last = Date.distantPast
    private var shown = false

    func report(table: String, done: Int, total: Int) {
        guard tty, total > 0 else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(last) >= 0.1 else { return }
        last = now
        let width = 30
        let filled = min(width, done * width / total)
        let percent = min(100, done * 100 / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        Diagnostics.write("\r\u{1B}[Kcopying [\(bar)] \(percent)% \(done) of \(total) rows" + (table.isEmpty ? "" : " (\(table))"))
        shown = true
    }

    func clear() {
        if shown { Diagnostics.write("\r\u{1B}[K") }
        shown = false
    }
}
