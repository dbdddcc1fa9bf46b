import Foundation
import ClienteleCore
import PostgresNIO

/// Databases on a server, for tests and set-up (a scratch database per test).
package enum PostgresAdmin {
    /// Runs statements outside any transaction (CREATE / DROP DATABASE need that) on the
    /// database `url` names, without touching its schema.
    package static func run(_ url: PostgresURL, _ statements: [String]) throws {
        let config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                      password: url.password, database: url.database, tls: .disable)
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        do {
            let c = try PostgresConnection.connect(on: loop, configuration: config, id: 3, logger: PostgresStore.logger).wait()
            defer { try? c.close().wait() }
            for s in statements { _ = try c.query(PostgresQuery(unsafeSQL: s), logger: PostgresStore.logger).wait() }
        } catch {
            throw PostgresErrors.storeError(error)
        }
    }

    /// A new empty database beside the one `url` names; returns its address.
    package static func createScratchDatabase(_ url: PostgresURL, prefix: String = "clientele_t") throws -> PostgresURL {
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        try run(url, ["CREATE DATABASE \(name)"])
        var scratch = url
        scratch.database = name
        return scratch
    }

    /// Drops the database and the group roles its store made (role names are cluster-wide).
    package static func dropDatabase(_ url: PostgresURL, via admin: PostgresURL) throws {
        try run(admin, ["DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)"]
                + PostgresRoles.groupNames(database: url.database).map { "DROP ROLE IF EXISTS \(PostgresRoles.ident($0))" })
    }
}
