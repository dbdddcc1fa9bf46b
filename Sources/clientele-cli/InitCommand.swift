import ArgumentParser
import Clientele
import ClientelePostgres
import Foundation

/// `clientele init FILE`: makes FILE a store on purpose, also an SQLite database of another
/// program (which the other commands refuse, untouched).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store, or add Clientele's tables to an existing SQLite database.",
        discussion: """
        A new path or an empty file becomes a new store. An SQLite database of another \
        program keeps its own tables and gets Clientele's beside them, unless it already has \
        a table or index with a name Clientele needs. A Clientele store is brought up to date. \
        A postgres:// or postgresql:// address of an empty database gets Clientele's schema; \
        a database that holds a Clientele store is brought up to date; one with other tables \
        is refused. \
        Exit codes: 0 success, 2 the file cannot be made a store (nothing was changed).
        """
    )

    @Argument(help: ArgumentHelp("The store file, or the postgres:// address of a database.", valueName: "store"))
    var file: String

    mutating func run() throws {
        if StoreArgument.isServer(file) { return try initServer() }
        let existed = FileManager.default.fileExists(atPath: file)
        if !existed {
            let folder = PathText.folder(of: file)
            if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                Diagnostics.line("clientele: \(Store.OpenError.folderMissing(file))")
                throw Exit(.usage)
            }
        }
        do {
            switch try Store.initialize(path: file) {
            case .created:
                Diagnostics.line("clientele: created a new store at \(file)")
            case .alreadyAStore:
                Diagnostics.line("clientele: \(file) is already a Clientele store; it is up to date")
            case .addedTables(let kept):
                Diagnostics.line("clientele: added Clientele's tables to \(file)"
                                 + (kept.isEmpty ? "" : "; its own tables (\(kept.count)) are unchanged"))
            }
        } catch let e as Store.OpenError {
            Diagnostics.line("clientele: \(e)")
            throw Exit(.usage)
        }
    }

    /// `clientele init postgres://…`: the schema in an empty database, or the migrations a
    /// store lacks.
    private func initServer() throws {
        let url = try StoreArgument.serverURL(file)
        let existed: Bool
        do { existed = try PostgresAdmin.holdsStore(url) } catch {
            Diagnostics.line("clientele: \(StoreArgument.openFailure(error, url: url))")
            throw Exit(.usage)
        }
        let store = try StoreArgument.openServer(file, readOnly: false)
        store.close()
        Diagnostics.line(existed ? "clientele: \(url) is already a Clientele store; it is up to date"
                                 : "clientele: created a new store in \(url)")
    }
}
