import Foundation

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database`
/// (`postgresql://` too), as psql reads it. The password comes from the URL, else
/// `PGPASSWORD`, else `~/.pgpass` (or the file `PGPASSFILE` names); it is never part of
/// `description`, so printing a location never shows it.
package struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    package var user: String
    package var password: String?
    package var host: String
    package var port: Int
    package var database: String

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
        user = components.user.flatMap { $0.removingPercentEncoding } ?? env["PGUSER"] ?? env["USER"] ?? "postgres"
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? env["PGHOST"] ?? "localhost"
        if host.hasPrefix("/") { throw Invalid(reason: "unix-socket hosts are not supported yet; give a host name and port") }
        port = components.port ?? env["PGPORT"].flatMap { Int($0) } ?? 5432
        guard (1...65535).contains(port) else { throw Invalid(reason: "the port must be from 1 to 65535") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let name = path.removingPercentEncoding ?? path
        database = name.isEmpty ? (env["PGDATABASE"] ?? user) : name
        guard !database.contains("/") else { throw Invalid(reason: "the database name cannot contain /") }
        if let p = components.password {
            password = p.removingPercentEncoding ?? p
        } else if let p = env["PGPASSWORD"] {
            password = p
        } else {
            let file = env["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
            password = PostgresURL.passwordFromFile(file, host: host, port: port, database: database, user: user)
        }
    }

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
    package var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
