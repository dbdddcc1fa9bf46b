import Clientele
import ClientelePostgres

/// What a store argument names: a file, or (`postgres://`, `postgresql://`) a database.
enum StoreArgument {
    /// Scripts run on SQLite stores only until the engine opens any `StorageBackend`
    /// (issue #17); a PostgreSQL address gets a sentence saying so instead of "no such file".
    static func refuseServerStores(_ argument: String) throws {
        guard PostgresURL.isPostgres(argument) else { return }
        let shown = (try? PostgresURL(argument).description) ?? "the PostgreSQL address"
        Diagnostics.line("clientele: \(shown) is a PostgreSQL store: scripts do not run on one yet (the engine opens SQLite stores only); "
                         + "'clientele copy STORE.sqlite \(shown)' fills one")
        throw Exit(.usage)
    }
}
