import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport
import ClientelePostgres

/// A team store with the golden fixture (eight clients of the curators Иванова, Петров and
/// Smith), confidential values that contain SECRET, and logins for each role made on the
/// test server (cluster-wide names, dropped afterwards). The roles are granted through the
/// language, as the store's owner (the tests' superuser, so a head).
class TeamRolesTestCase: PostgresTestCase {
    var store: URLBox!
    private var logins: [String] = []

    final class URLBox {
        let url: PostgresURL
        let owner: PostgresStore
        init(url: PostgresURL, owner: PostgresStore) { self.url = url; self.owner = owner }
    }

    /// The word every confidential value of the fixture holds, which masked output never shows.
    static let secret = "SECRET"
    /// The clients and orders of the curator Иванова (clients 1, 3 and 6).
    static let ivanovaClients = ["ООО Фармация", "Ёлкин ИП", "Елена Трейд"]

    func login(_ role: String) -> String { "\(store.url.database)_\(role)" }

    /// Makes the store and the logins `<db>_head2`, `_anna` (analyst), `_vera` (viewer),
    /// `_ivanova` (curator Иванова), `_stranger` (no role) and grants them.
    func makeTeamStore() throws {
        let url = try scratchDatabase()
        let owner = try PostgresStore(url: url)
        store = URLBox(url: url, owner: owner)
        let sqlite = try Fixture.store()
        try sqlite.writeTransaction { try $0.execute("UPDATE contacts SET birthday = NULL WHERE birthday = '1975-02-29'") }
        try PostgresCopy.copy(from: sqlite, to: owner)
        try owner.writeTransaction { tx in
            try tx.execute("""
                UPDATE clients SET bank_details = 'BANK-SECRET-' || id, notes = 'NOTE-SECRET-' || id,
                  financial_condition = 'FIN-SECRET', reliability = 'REL-SECRET'
                """)
            try tx.execute("UPDATE contacts SET home_phone = '+7 HOME-SECRET', email = 'secret.person@example.ru', birthday = '1970-03-15'")
            try tx.execute("INSERT INTO conflicts (client_id, date, description, resolution) SELECT id, '2025-05-05', 'CONFLICT-SECRET', 'RESOLVED-SECRET' FROM clients")
        }
        guard let server = Self.serverURL else { return }
        for role in ["head2", "anna", "vera", "ivanova", "stranger"] {
            try PostgresAdmin.run(server, ["CREATE ROLE \(PostgresRoles.ident(login(role))) LOGIN"])
            logins.append(login(role))
        }
        let head = engine(owner)
        for command in ["grant head to login \(login("head2"))", "grant analyst to login \(login("anna"))",
                        "grant viewer to login \(login("vera"))", "grant curator \"Иванова\" to login \(login("ivanova"))"] {
            let out = head.transcript(command)
            XCTAssertTrue(out.contains("is now"), "\(command): \(out)")
        }
    }

    override func tearDownWithError() throws {
        store?.owner.close()
        try super.tearDownWithError()
        if let server = Self.serverURL {
            for l in logins { try PostgresAdmin.run(server, ["DROP ROLE IF EXISTS \(PostgresRoles.ident(l))"]) }
        }
        logins = []
    }

    /// The store opened as `role`'s login.
    func open(_ role: String) throws -> PostgresStore {
        var url = store.url
        url.user = login(role)
        return try PostgresStore(url: url)
    }

    func engine(_ pg: PostgresStore) -> Engine {
        Engine(store: try! Fixture.store(), backend: pg, session: Session(today: Fixture.today))
    }

    /// psql run as `role`'s login (its own search path, as a person at a terminal would).
    func psql(_ role: String, _ sql: String) throws -> ProgramResult {
        let psql = URL(fileURLWithPath: "/usr/bin/psql")
        guard FileManager.default.isExecutableFile(atPath: psql.path) else { throw XCTSkip("no psql at /usr/bin/psql") }
        return try ChildProcess.run(psql, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", store.url.host,
                                           "-p", "\(store.url.port)", "-U", login(role), "-d", store.url.database, "-c", sql],
                                    environment: ["PATH": "/usr/bin:/bin", "PGCONNECT_TIMEOUT": "10", "LANG": "C.UTF-8"])
    }

    /// Runs one statement as the engine sends its writes (bound values, one transaction):
    /// the rows changed, or the refusal as the engine would show it (`storeError`).
    /// (The engine's own add/update on PostgreSQL wait for the dialect work of issue #17; the
    /// statements here are the ones it prints.)
    func write(_ pg: PostgresStore, _ sql: String, _ values: [SQLValue] = []) -> Result<Int, StoreError> {
        do {
            return .success(try pg.writeTransaction { tx in try tx.execute(sql, .positional(values)); return tx.changes })
        } catch {
            return .failure(pg.storeError(error) ?? StoreError(.other, "\(error)"))
        }
    }

    func refusal(_ r: Result<Int, StoreError>) -> String {
        if case .failure(let e) = r { return e.message }
        return "(no refusal: \(r))"
    }

    /// A count as the owner sees it.
    func ownerCount(_ sql: String) throws -> Int64? {
        try store.owner.readTransaction { try $0.fetchOne(sql)?.first?.int64 }
    }
}
