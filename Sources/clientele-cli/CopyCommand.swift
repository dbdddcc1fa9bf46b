import ArgumentParser
import Clientele
import ClientelePostgres
import Foundation

/// `clientele copy STORE.sqlite postgres://…`: a store into a new PostgreSQL store.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a store into a new PostgreSQL database.",
        discussion: """
        The target is a postgres:// or postgresql:// address of an empty database (the \
        password from the address, PGPASSWORD or ~/.pgpass). Its schema is created, every row \
        copied in one transaction and the row counts checked: all of it or nothing. \
        Exit codes: 0 success, 1 the copy failed (nothing was copied), 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("The store file to copy (read only).", valueName: "store"))
    var source: String

    @Argument(help: ArgumentHelp("The PostgreSQL database to copy into.", valueName: "postgres-url"))
    var target: String

    mutating func run() throws {
        guard PostgresURL.isPostgres(target) else {
            Diagnostics.line("clientele: the target must be a postgres:// or postgresql:// address, not '\(target)'")
            throw Exit(.usage)
        }
        let url: PostgresURL
        do { url = try PostgresURL(target) } catch {
            Diagnostics.line("clientele: \(error)")
            throw Exit(.usage)
        }
        let store = try Setup.openStore(source, readOnly: true, concurrentReads: false)
        let pg: PostgresStore
        do { pg = try PostgresStore(url: url) } catch {
            Diagnostics.line("clientele: \(error)")
            throw Exit(.usage)
        }
        defer { pg.close() }
        do {
            let counts = try PostgresCopy.copy(from: store, to: pg)
            let total = counts.reduce(0) { $0 + $1.rows }
            Diagnostics.line("clientele: copied \(total) rows into \(url): "
                             + counts.filter { $0.rows > 0 }.map { "\($0.table) \($0.rows)" }.joined(separator: ", "))
        } catch {
            Diagnostics.line("clientele: nothing was copied: \(pg.storeError(error)?.message ?? "\(error)")")
            throw Exit(.scriptFailed)
        }
    }
}
