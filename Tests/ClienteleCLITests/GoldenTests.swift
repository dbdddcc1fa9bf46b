import XCTest

/// Exact table output through the binary at a forced width of 80 columns.
final class GoldenTests: XCTestCase {
    func testCyrillicTableAlignsAtWidth80() throws {
        let cli = try CLIHarness()
        let store = try cli.seededStore()
        let r = try cli.run([store, "--width", "80", "-c", "clients | sort id | select name, region, curator"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
        ┌────────────────┬──────────────┬─────────┐
        │ name           │ region       │ curator │
        ├────────────────┼──────────────┼─────────┤
        │ ООО «Фармация» │ Северо-Запад │ Иванова │
        │ ИП Ёлкин       │ North        │ Petrov  │
        └────────────────┴──────────────┴─────────┘
        2 rows

        """)
    }

    func testWideResultIsTruncatedToWidth80WithANotice() throws {
        let cli = try CLIHarness()
        let store = try cli.seededStore()
        let r = try cli.run([store, "--width", "80", "-c",
                             "clients | sort id | select id, name, region, curator, tax_id, legal_address, actual_address, phone, email, notes"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
        ┌────┬─────────┬─────────┬─────────┬────────┬─────────┬────────┬───────┬───────┐
        │ id │ name    │ region  │ curator │ tax_id │ legal_… │ actua… │ phone │ email │
        ├────┼─────────┼─────────┼─────────┼────────┼─────────┼────────┼───────┼───────┤
        │  1 │ ООО «Ф… │ Северо… │ Иванова │        │         │        │       │       │
        │  2 │ ИП Ёлк… │ North   │ Petrov  │        │         │        │       │       │
        └────┴─────────┴─────────┴─────────┴────────┴─────────┴────────┴───────┴───────┘
        2 rows
        (columns truncated to fit 80: name, region, legal_address, actual_address; not shown: notes)

        """)
        for line in r.stdout.split(separator: "\n").prefix(7) {
            XCTAssertLessThanOrEqual(line.count, 80)
        }
    }
}
