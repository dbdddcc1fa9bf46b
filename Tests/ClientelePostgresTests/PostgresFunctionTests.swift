import XCTest
import ClienteleCore
import ClienteleSQLite
import ClientelePostgres

/// The PostgreSQL schema's functions against the SQLite store's, on awkward values: the same
/// answer, or an error with the same text on both.
final class PostgresFunctionTests: PostgresTestCase {
    private var pg: PostgresStore!
    private var sqlite: Store!

    override func setUpWithError() throws {
        pg = try newStore()
        sqlite = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("fn-\(UUID().uuidString).sqlite").path)
    }

    override func tearDownWithError() throws {
        pg?.close()
        try super.tearDownWithError()
    }

    private enum Outcome: Equatable { case value(SQLValue?), error(String) }

    private func outcome(_ backend: StorageBackend, _ sql: String, _ values: [SQLValue]) -> Outcome {
        do {
            return .value(try backend.readTransaction { try $0.fetchOne(sql, .positional(values))?.first })
        } catch {
            return .error(backend.storeError(error)?.message ?? "\(error)")
        }
    }

    /// `sqliteSQL` with `?` placeholders, `pgSQL` with `$n`, both given `cases`.
    private func assertSame(_ sqliteSQL: String, _ pgSQL: String, _ cases: [[SQLValue]],
                            file: StaticString = #filePath, line: UInt = #line) {
        for values in cases {
            let expected = outcome(sqlite, sqliteSQL, values), found = outcome(pg, pgSQL, values)
            XCTAssertEqual(found, expected, "\(pgSQL) with \(values)", file: file, line: line)
        }
    }

    func testRoundedDivisionHalvesNegativesAndLimits() {
        let pairs: [(Int64?, Int64?)] = [
            (7, 2), (-7, 2), (7, -2), (-7, -2), (1, 2), (-1, 2), (5, 10), (-5, 10), (4, 10), (11, 3), (-11, 3),
            (0, 5), (10, 0), (Int64.max, 2), (Int64.max, -1), (Int64.min + 1, 2), (Int64.max, Int64.max),
            (Int64.max - 1, Int64.max), (nil, 2), (3, nil),
        ]
        let cases = pairs.map { [i($0.0), i($0.1)] }
        assertSame("SELECT CLIENTELE_RDIV(?, ?)", "SELECT clientele_rdiv($1, $2)", cases)
        // The numeric form, which PostgreSQL's SUM of bigint needs, agrees too.
        assertSame("SELECT CLIENTELE_RDIV(?, ?)", "SELECT clientele_rdiv($1::numeric, $2::numeric)", cases)
    }

    func testDaysAddedAcrossLeapDaysAndTheCalendarsEnds() {
        let cases: [[SQLValue]] = [
            [.text("2024-02-29"), i(365)], [.text("2024-02-29"), i(-366)], [.text("2023-02-28"), i(1)], [.text("2024-02-28"), i(1)],
            [.text("9999-12-30"), i(1)], [.text("9999-12-31"), i(1)], [.text("0001-01-01"), i(-1)], [.text("2025-01-01"), i(4_000_000)],
            [.text("2025-01-01"), i(-4_000_000)], [.text("2025-01-01"), i(Int64.min)], [.text("2025-01-01"), i(Int64.max)],
            [.null, i(1)], [.text("2025-01-01"), .null],
        ]
        assertSame("SELECT CLIENTELE_ADD_DAYS(?, ?)", "SELECT clientele_add_days($1::date, $2)", cases)
    }

    func testAnniversariesOf29February() {
        let cases: [[SQLValue]] = [
            [.text("1976-02-29"), .text("2025-02-28")], [.text("1976-02-29"), .text("2025-03-01")],
            [.text("1976-02-29"), .text("2024-02-28")], [.text("1976-02-29"), .text("2024-02-29")],
            [.text("1976-02-29"), .text("2100-02-27")], [.text("1990-05-10"), .text("2025-05-09")],
            [.text("1990-05-10"), .text("2025-05-10")], [.text("1990-05-10"), .text("2025-05-11")],
            [.text("2000-12-31"), .text("9999-12-31")], [.text("2000-01-01"), .text("9999-12-31")],
            [.null, .text("2025-01-01")],
        ]
        assertSame("SELECT CLIENTELE_ANNIVERSARY_DAYS(?, ?)", "SELECT clientele_anniversary_days($1::date, $2::date)", cases)
    }

    func testCaseFoldingAndContainmentInCyrillic() {
        let words: [SQLValue] = [.text("Ёлка"), .text("ЁЛКА"), .text("ёлка"), .text("Straße"), .text("ПРИВЕТ, Мир"), .text(""), .null]
        assertSame("SELECT CLIENTELE_FOLD(?)", "SELECT clientele_fold($1)", words.map { [$0] })
        assertSame("SELECT CLIENTELE_UPPER(?)", "SELECT clientele_upper($1)", words.map { [$0] })
        let pairs: [[SQLValue]] = [
            [.text("Привет, Мир"), .text("мир")], [.text("Ёлка"), .text("ЁЛ")], [.text("Елка"), .text("ёл")],
            [.text("abc"), .text("")], [.text(""), .text("a")], [.text("ABC"), .null],
        ]
        // SQLite answers 0/1, PostgreSQL a boolean: compared as integers.
        assertSame("SELECT CLIENTELE_CONTAINS(?, ?)", "SELECT clientele_contains($1, $2)::integer", pairs)
    }

    func testExactIsTheIdentityOnIntegers() {
        assertSame("SELECT CLIENTELE_EXACT(?)", "SELECT clientele_exact($1)", [[i(0)], [i(Int64.max)], [i(Int64.min)], [.null]])
    }

    func testAlphabeticalOrderIgnoringCase() throws {
        let words = ["ёж", "Ель", "еда", "Жук", "яма", "Ёлка", "абв", "Zeta", "alpha", "Юла", "ezh", "ель", "ЕЛЬ", "ёлка", "Ёж"]
        let values = words.map { "('\($0)')" }.joined(separator: ", ")
        let sqliteOrder = try sqlite.readTransaction {
            try $0.fetchAll("WITH v(w) AS (VALUES \(values)) SELECT w FROM v ORDER BY w COLLATE CLIENTELE_NOCASE")
        }
        let pgOrder = try pg.readTransaction {
            try $0.fetchAll("WITH v(w) AS (VALUES \(values)) SELECT w FROM v ORDER BY w COLLATE clientele_ci")
        }
        XCTAssertEqual(pgOrder, sqliteOrder)
        XCTAssertEqual(pgOrder.firstIndex(of: [.text("Ёж")]).map { $0 - 1 }, pgOrder.firstIndex(of: [.text("ель")]))
        // Texts that differ in case are not equal (CLIENTELE_NOCASE only orders them).
        let equal = try pg.readTransaction { try $0.fetchOne("SELECT 'ЁЛКА' = 'ёлка' COLLATE clientele_ci")?.first }
        let sqliteEqual = try sqlite.readTransaction { try $0.fetchOne("SELECT 'ЁЛКА' = 'ёлка' COLLATE CLIENTELE_NOCASE")?.first }
        XCTAssertEqual(equal, sqliteEqual)
    }
}

private func i(_ v: Int64?) -> SQLValue { v.map(SQLValue.integer) ?? .null }
