import Foundation

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database`
/// (`postgresql://` too), as psql reads it. The password comes from the URL, else
/// `PGPASSWORD`, else `~/.pgpass` (or the file `PGPASSFILE` names); it is never part of
/// `description`, so printing a location never shows it.
///
/// A host that starts with `/` is the folder of a unix socket, as in psql: given in the
/// query (`postgres:///sales?host=/run/postgresql`), percent-encoded in the host place
/// (`postgres://%2Frun%2Fpostgresql/sales`), or from `PGHOST`. The query may also give
/// `port`, `user`, `dbname`, `password` and `sslmode` (`disable`, `prefer`, `require`;
/// `PGSSLMODE` otherwise); any other parameter is refused, naming it.
package struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    package var user: String
    package var password: String?
    /// A host name or address, or (starting with `/`) the folder of a unix socket.
    package var host: String
    package var port: Int
    package var database: String
    /// Whether the connection is encrypted (TCP only; a unix socket is never encrypted).
    package var sslMode: SSLMode = .prefer

    /// libpq's `sslmode`, the values postgres-nio can honour: `disable` (plain), `prefer`
    /// (TLS when the server offers it, else plain; the default, as psql), `require` (TLS or
    /// no connection). Neither verifies the server's certificate, as in libpq.
    package enum SSLMode: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
    }

    /// True when `host` is the folder of a unix socket rather than a host name.
    package var isUnixSocket: Bool { host.hasPrefix("/") }
    /// The socket file a unix-socket address connects to (`/run/postgresql/.s.PGSQL.5432`).
    package var socketPath: String? { isUnixSocket ? (host as NSString).appendingPathComponent(".s.PGSQL.\(port)") : nil }

    package struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        package var reason: String
        package var description: String { "not a PostgreSQL address (postgres://user@host:port/database): \(reason)" }
    }

    /// Whether `text` names a PostgreSQL store rather than a file.
    package static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses `text`; `environment` and `home` are the process's unless a test gives them.
    package init(_ text: String,
                 environment: [String: String] = ProcessInfo.processInfo.environment,
                 home: String = NSHomeDirectory()) throws {
        guard PostgresURL.isPostgres(text) else { throw Invalid(reason: "it must start with postgres:// or postgresql://") }
        guard let components = URLComponents(string: text) else { throw Invalid(reason: "it is not a URL") }
        let env = environment
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard PostgresURL.parameters.contains(item.name) else {
                throw Invalid(reason: "unknown parameter '\(item.name)' (known: \(PostgresURL.parameters.joined(separator: ", ")))")
            }
            guard query[item.name] == nil else { throw Invalid(reason: "the parameter '\(item.name)' is given twice") }
            query[item.name] = item.value ?? ""
        }
        user = query["user"] ?? components.user.flatMap { $0.removingPercentEncoding } ?? env["PGUSER"] ?? env["USER"] ?? "postgres"
        let urlHost = components.percentEncodedHost.flatMap { $0.isEmpty ? nil : ($0.removingPercentEncoding ?? $0) }
        host = query["host"].flatMap { $0.isEmpty ? nil : $0 } ?? urlHost ?? env["PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }   // [::1]
        if host.contains(",") { throw Invalid(reason: "give one host; several hosts are not supported") }
        if let p = query["port"] {
            guard let n = Int(p) else { throw Invalid(reason: "the port must be a number, not '\(p)'") }
            port = n
        } else {
            port = components.port ?? env["PGPORT"].flatMap { Int($0) } ?? 5432
        }
        guard (1...65535).contains(port) else { throw Invalid(reason: "the port must be from 1 to 65535") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let name = query["dbname"] ?? path.removingPercentEncoding ?? path
        database = name.isEmpty ? (env["PGDATABASE"] ?? user) : name
        guard !database.contains("/") else { throw Invalid(reason: "the database name cannot contain /") }
        if let mode = query["sslmode"] ?? env["PGSSLMODE"] {
            guard let m = SSLMode(rawValue: mode) else {
                throw Invalid(reason: "sslmode '\(mode)' is not supported (use \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            sslMode = m
        }
        if let p = query["password"] ?? components.password.map({ $0.removingPercentEncoding ?? $0 }) {
            password = p
        } else if let p = env["PGPASSWORD"] {
            password = p
        } else {
            let file = env["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
            // libpq matches a socket connection as host "localhost".
            password = PostgresURL.passwordFromFile(file, host: host.hasPrefix("/") ? "localhost" : host, port: port,
                                                    database: database, user: user)
        }
    }

    /// The query parameters an address may carry (libpq's names).
    static let parameters = ["host", "port", "user", "dbname", "password", "sslmode"]

    /// The first matching line of a pgpass file (`host:port:database:user:password`, `*`
    /// matching anything, `\` escaping `:` and `\`), as libpq reads it.
    static func passwordFromFile(_ path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitEscaped(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func splitEscaped(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == ":" { fields.append(current); current = "" }
            else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }

    /// The address without the password.
    package var description: String {
        if isUnixSocket {
            return "postgres://\(user)@/\(database)?host=\(host)" + (port == 5432 ? "" : "&port=\(port)")
        }
        return "postgres://\(user)@\(host):\(port)/\(database)"
    }
}
