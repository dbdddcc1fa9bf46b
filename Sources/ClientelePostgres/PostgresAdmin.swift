import Foundation
import ClienteleCore
import PostgresNIO

/// Databases on a server, for tests and set-up (a scratch database per test).
package enum PostgresAdmin {
    /// Runs statements outside any transaction (CREATE / DROP DATABASE need that) on the
    /// database `url` names, without touching its schema.
    package static func run(_ url: PostgresURL, _ statements: [String]) throws {
        let config = try url.connectionConfiguration()
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        do {
            let c = try PostgresConnection.connect(on: loop, configuration: config, id: 3, logger: PostgresStore.logger).wait()
            defer { try? c.close().wait() }
            for s in statements { _ = try c.query(PostgresQuery(unsafeSQL: s), logger: PostgresStore.logger).wait() }
        } catch {
            throw PostgresErrors.storeError(error)
        }
    }

    /// Whether the database `url` names already holds a Clientele store (its migrations
    /// table), without touching it.
    package static func holdsStore(_ url: PostgresURL) throws -> Bool {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        do {
            let c = try PostgresConnection.connect(on: loop, configuration: try url.connectionConfiguration(), id: 3,
                                                   logger: PostgresStore.logger).wait()
            defer { try? c.close().wait() }
            return try PostgresStore.scalar(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                                               + "AND table_name = 'schema_migrations'") == 1
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.other, "cannot connect to \(url): \(PostgresErrors.describe(error))")
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
