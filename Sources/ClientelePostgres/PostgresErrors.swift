import Foundation
import ClienteleCore
import ClienteleSQLite
import PostgresNIO

/// The server's errors as the engine's `StoreError` kinds, with the same sentences as the
/// SQLite store for broken rules: the server's codes and fields are restated in SQLite's
/// words and handed to the one function that turns those into sentences.
enum PostgresErrors {
    static func storeError(_ error: any Error, access: TeamAccess? = nil) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let e = error as? PSQLError else { return StoreError(.other, "\(error)") }
        guard let info = e.serverInfo, let state = info[.sqlState] else {
            return StoreError(.other, describe(e))
        }
        let message = info[.message] ?? describe(e)
        // A refusal of the team store's roles, said with who is refused and why.
        if let access, let sentence = access.refusal(state: state, message: message) {
            return StoreError(.other, sentence)
        }
        switch state {
        case "40001", "40P01": return StoreError(.conflict, message)
        case "55P03": return StoreError(.busy, message)
        case "25006": return StoreError(.readOnly, message)
        case "57014": return StoreError(.interrupted, "interrupted")
        case "53100": return StoreError(.diskFull, message)
        // numeric_value_out_of_range: bigint arithmetic past 64 bits, a cast out of range.
        // Said as the SQLite store says its own ("integer overflow").
        case "22003": return StoreError(.other, "integer overflow")
        case "23505":
            let table = info[.tableName] ?? ""
            let columns = keyColumns(info[.detail]) ?? [info[.constraintName] ?? "value"]
            return constraint("UNIQUE constraint failed: " + columns.map { "\(table).\($0)" }.joined(separator: ", "))
        case "23502":
            return constraint("NOT NULL constraint failed: \(info[.tableName] ?? "").\(info[.columnName] ?? "")")
        case "23503":
            return constraint("FOREIGN KEY constraint failed")
        case "23514":
            // A CHECK of the schema: its rule as SQLite would quote it. A trigger's refusal
            // (the amount rules) carries its own sentence and no constraint name.
            if let name = info[.constraintName], let rule = PostgresSchema.checks[name] {
                return constraint("CHECK constraint failed: \(rule)")
            }
            return StoreError(.constraint, message)
        default: return StoreError(.other, message)
        }
    }

    private static func constraint(_ sqliteMessage: String) -> StoreError {
        StoreError(.constraint, StoreError.constraintSentence(sqliteMessage))
    }

    /// `Key (a, b)=(1, 2) already exists.` → ["a", "b"] (never the values).
    static func keyColumns(_ detail: String?) -> [String]? {
        guard let detail, detail.hasPrefix("Key ("), let close = detail.range(of: ")=") else { return nil }
        let inner = detail[detail.index(detail.startIndex, offsetBy: 5)..<close.lowerBound]
        return inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// NIO's text for a failed connection, in a user's words where it is a common case
    /// (the original after it, for the rest).
    static func connectionFailure(_ text: String) -> String {
        if text.contains("Connection refused") { return "no server is listening there (connection refused)" }
        if text.contains("UnknownHost") { return "the host name is not known" }
        if text.contains("No such file or directory") { return "no server socket there (no such file)" }
        if text.contains("Permission denied") { return "permission denied" }
        if text.lowercased().contains("timeout") || text.contains("timed out") { return "the server did not answer in time" }
        return text
    }

    /// A readable sentence for any error (postgres-nio's descriptions hide the server's text).
    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let m = e.serverInfo?[.message] { return m }
            if e.code == .sslUnsupported { return "the server does not offer TLS, which sslmode=require asks for" }
            if let u = e.underlying { return connectionFailure("\(u)") }
            return "\(e.code)"
        }
        return "\(error)"
    }
}
