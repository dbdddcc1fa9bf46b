import Clientele
import ClientelePostgres
import Foundation

/// What a store argument names: a file, or (`postgres://`, `postgresql://`) a database.
enum StoreArgument {
    /// True for a PostgreSQL address (`postgres://`, `postgresql://`).
    static func isServer(_ argument: String) -> Bool { PostgresURL.isPostgres(argument) }

    /// The address in a PostgreSQL argument, or a usage error (exit 2) saying what is wrong
    /// with it. The message never shows a password.
    static func serverURL(_ argument: String) throws -> PostgresURL {
        do { return try PostgresURL(argument) } catch {
            Diagnostics.line("clientele: \(error)")
            throw Exit(.usage)
        }
    }

    /// Opens the team store at a PostgreSQL address: writable, it creates or brings up to
    /// date the schema of an empty database; read-only, the schema must be there. A
    /// failure (no server, wrong password, no such database, a database of another
    /// program) is a usage error (exit 2) with the server's reason.
    static func openServer(_ argument: String, readOnly: Bool) throws -> PostgresStore {
        let url = try serverURL(argument)
        do {
            return try PostgresStore(url: url, readOnly: readOnly)
        } catch {
            Diagnostics.line("clientele: \(StoreArgument.openFailure(error, url: url))")
            throw Exit(.usage)
        }
    }

    /// Why a PostgreSQL store did not open, as a sentence naming it (without the password).
    static func openFailure(_ error: any Error, url: PostgresURL) -> String {
        let text = (error as? StoreError)?.message ?? "\(error)"
        return text.contains(url.description) ? text : "cannot open \(url): \(text)"
    }
}
