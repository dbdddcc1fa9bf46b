import XCTest
import ClienteleCore
import ClientelePostgres

/// A test against the server `scripts/with-postgres` starts (`CLIENTELE_TEST_POSTGRES_URL`).
/// Without one the test skips, unless `CLIENTELE_REQUIRE_POSTGRES=1` (set by ./scripts/test)
/// makes that a failure. Each test gets a new empty database, dropped afterwards.
class PostgresTestCase: XCTestCase {
    static var serverURL: PostgresURL? {
        ProcessInfo.processInfo.environment["CLIENTELE_TEST_POSTGRES_URL"].flatMap { try? PostgresURL($0) }
    }

    static var required: Bool { ProcessInfo.processInfo.environment["CLIENTELE_REQUIRE_POSTGRES"] == "1" }

    private var scratch: [PostgresURL] = []

    /// A new empty database on the test server.
    func scratchDatabase() throws -> PostgresURL {
        guard let server = Self.serverURL else {
            if Self.required {
                XCTFail("CLIENTELE_REQUIRE_POSTGRES=1 but CLIENTELE_TEST_POSTGRES_URL is not set: run under scripts/with-postgres")
            }
            throw XCTSkip("no PostgreSQL server: set CLIENTELE_TEST_POSTGRES_URL (./scripts/test does, through scripts/with-postgres)")
        }
        let url = try PostgresAdmin.createScratchDatabase(server)
        scratch.append(url)
        return url
    }

    /// A new store in a new database.
    func newStore() throws -> PostgresStore {
        try PostgresStore(url: scratchDatabase())
    }

    override func tearDownWithError() throws {
        if let server = Self.serverURL {
            for url in scratch { try PostgresAdmin.dropDatabase(url, via: server) }
        }
        scratch = []
    }
}
