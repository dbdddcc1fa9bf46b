import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleTestSupport
import ClientelePostgres

/// What each role sees and changes on a team store, through the engine and through psql
/// connecting directly as that login (docs/team.md, "Roles").
final class TeamRolesTests: TeamRolesTestCase {
    func testCuratorSeesAndChangesOnlyTheirOwnClients() throws {
        try makeTeamStore()
        let pg = try open("ivanova")
        defer { pg.close() }
        let e = engine(pg)
        let names = e.transcript("clients | sort id | select name, curator, bank_details")
        for n in Self.ivanovaClients { XCTAssertTrue(names.contains(n), names) }
        for other in ["ФАРМА-ЦЕНТР", "Арбуз", "Bright Paper Ltd", "Петров", "Smith"] { XCTAssertFalse(names.contains(other), names) }
        // The full dossier of their own clients.
        XCTAssertTrue(names.contains("BANK-SECRET-1"), names)
        XCTAssertTrue(e.transcript("clients | count").contains("3"))
        let theirOrders = try ownerCount("SELECT count(*) FROM orders WHERE client_id IN (1, 3, 6)")!
        let theirPayments = try ownerCount("SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.client_id IN (1, 3, 6)")!
        XCTAssertTrue(try ownerCount("SELECT count(*) FROM orders")! > theirOrders)
        XCTAssertTrue(e.transcript("orders | count").contains("\(theirOrders)"), e.transcript("orders | count"))
        // psql as the same login: the same rows, whatever it asks.
        XCTAssertEqual(try psql("ivanova", "SELECT count(*), string_agg(DISTINCT curator, ',') FROM clients").stdout, "3|Иванова\n")
        XCTAssertEqual(try psql("ivanova", "SELECT count(*) FROM orders").stdout, "\(theirOrders)\n")
        XCTAssertEqual(try psql("ivanova", "SELECT count(*) FROM payments").stdout, "\(theirPayments)\n")
        XCTAssertEqual(try psql("ivanova", "SELECT count(*) FROM contacts WHERE client_id NOT IN (1, 3, 6)").stdout, "0\n")
        XCTAssertEqual(try psql("ivanova", "SELECT count(*) FROM conflicts").stdout, "3\n")

        // Changes: their own client yes; another curator's client is not there to change.
        XCTAssertTrue(e.transcript("update clients | where name == \"Ёлкин ИП\" set region = \"West\"").contains("1 client updated"))
        let other = e.transcript("update clients | where name == \"Арбуз\" set region = \"West\"")
        XCTAssertTrue(other.contains("0 clients updated"), other)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE region = 'West'"), 1)
        XCTAssertEqual(try psql("ivanova", "UPDATE clients SET region = 'East' WHERE id = 5").stdout, "")
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE region = 'East'"), 0)
        // Nor can a client be given to (or made for) another curator.
        let give = e.transcript("update clients | where name == \"Ёлкин ИП\" set curator = \"Петров\"")
        XCTAssertTrue(give.contains("the team store refuses this row of clients to login \(login("ivanova")) (curator Иванова)"), give)
        let add = e.transcript("add clients name: \"Чужой\", curator: \"Петров\"")
        XCTAssertTrue(add.contains("refuses this row of clients"), add)
        XCTAssertTrue(e.transcript("add clients name: \"Свой\", curator: \"Иванова\"").contains("1 client added"))
        XCTAssertNotEqual(try psql("ivanova", "INSERT INTO clients (name, curator) VALUES ('Чужой', 'Петров')").status, 0)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE name = 'Чужой'"), 0)
    }

    func testAnalystAndViewerNeverSeeMaskedFieldsInAnyOutput() throws {
        try makeTeamStore()
        for role in ["anna", "vera"] {
            let pg = try open(role)
            defer { pg.close() }
            XCTAssertEqual(pg.access?.masked, true)
            let e = engine(pg)
            let export = FileManager.default.temporaryDirectory.appendingPathComponent("masked-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: export) }
            var outputs = [
                e.transcript("clients | sort id | select name, bank_details, financial_condition, reliability, notes"),
                e.transcript("contacts | select name, home_phone, email, birthday, work_phone"),
                e.transcript("clients | where notes contains \"SECRET\" | count"),
                e.transcript("describe clients"),
                e.transcript("explain clients | where bank_details == \"x\" | select name, notes"),
                e.transcript("contacts | where birthday within 400 days | select name"),
                e.completions(for: "clients | where notes == \"", cursor: 27).joined(separator: " "),
            ]
            outputs.append(e.transcript("export clients | select name, bank_details, notes to \"\(export.path)\""))
            let exported = (try? String(contentsOf: export, encoding: .utf8)) ?? ""
            outputs.append(exported)
            for out in outputs { XCTAssertFalse(out.contains(Self.secret), "\(role): \(out)") }
            XCTAssertTrue(outputs[0].contains("•••"), outputs[0])
            XCTAssertTrue(outputs[0].contains("ООО Фармация") && outputs[0].contains("Арбуз"), "every client, masked: \(outputs[0])")
            XCTAssertTrue(outputs[1].contains("•••"), outputs[1])
            XCTAssertTrue(outputs[2].contains("0"), outputs[2])
            XCTAssertTrue(exported.contains("•••"), exported)
            // psql as the same login: the masked views (the grant set its search path), and
            // the tables themselves refused.
            let masked = try psql(role, "SELECT string_agg(bank_details || notes || coalesce(birthday::text, '-'), ',') FROM clients JOIN contacts ON contacts.client_id = clients.id")
            XCTAssertFalse(masked.stdout.contains(Self.secret), masked.stdout)
            XCTAssertTrue(masked.stdout.contains("••••••-"), masked.stdout + masked.stderr)
            XCTAssertFalse((try psql(role, "SELECT string_agg(description, ',') FROM conflicts")).stdout.contains(Self.secret))
            for sql in ["SELECT notes FROM public.clients", "SELECT home_phone FROM public.contacts", "SELECT description FROM public.conflicts"] {
                let r = try psql(role, sql)
                XCTAssertNotEqual(r.status, 0, sql)
                XCTAssertTrue(r.stderr.contains("permission denied"), r.stderr)
                XCTAssertFalse(r.stdout.contains(Self.secret))
            }
        }
        // Granted personal data, the analyst sees the values.
        let head = engine(store.owner)
        XCTAssertTrue(head.transcript("grant personal data to login \(login("anna"))").contains("now sees personal"))
        let granted = try open("anna")
        defer { granted.close() }
        XCTAssertTrue(engine(granted).transcript("clients | sort id | take 1 | select bank_details").contains("BANK-SECRET-1"))
        XCTAssertEqual(try psql("anna", "SELECT notes FROM public.clients WHERE id = 2").stdout, "NOTE-SECRET-2\n")
        XCTAssertTrue(head.transcript("revoke personal data from login \(login("anna"))").contains("no longer sees"))
        XCTAssertFalse(try psql("anna", "SELECT string_agg(notes, ',') FROM clients").stdout.contains(Self.secret))
    }

    func testAnalystChangesClientsButNotMaskedFieldsAndTheErrorNamesNoValue() throws {
        try makeTeamStore()
        let pg = try open("anna")
        defer { pg.close() }
        let e = engine(pg)
        XCTAssertTrue(e.transcript("update clients | where id == 2 set region = \"West\"").contains("1 client updated"))
        XCTAssertTrue(e.transcript("add clients name: \"Новый\", region: \"North\"").contains("1 client added"))
        let refused = e.transcript("update clients | where notes == \"•••\" and id == 1 set notes = \"overwritten\"")
        XCTAssertTrue(refused.contains("notes of clients is confidential and masked for login \(login("anna")) (an analyst)"), refused)
        XCTAssertFalse(refused.contains(Self.secret), refused)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE notes = 'NOTE-SECRET-1'"), 1)
        // A constraint error through the masked view names columns, never values.
        let duplicate = e.transcript("add clients name: \"Дубль\", tax_id: \"7701000001\"")
        XCTAssertTrue(duplicate.contains("tax_id"), duplicate)
        XCTAssertFalse(duplicate.contains(Self.secret), duplicate)
        // Policy is the head's.
        let policy = e.transcript("set abc.a_min = 1")
        XCTAssertTrue(policy.contains("the team store refuses this to login \(login("anna")) (an analyst)"), policy)
    }

    func testViewerChangesNothing() throws {
        try makeTeamStore()
        let pg = try open("vera")
        defer { pg.close() }
        let e = engine(pg)
        let before = try ownerCount("SELECT (SELECT count(*) FROM clients) * 1000 + (SELECT count(*) FROM orders) * 10 + (SELECT count(*) FROM settings WHERE value <> default_value)")
        for command in ["add clients name: \"X\"", "update clients | where id == 1 set region = \"West\"",
                        "delete orders | where id == 1", "update orders | where id == 1 set outlet = 2", "set abc.a_min = 1",
                        "update contacts | where id == 1 set position = \"CEO\""] {
            let out = e.transcript(command)
            XCTAssertTrue(out.contains("the team store refuses this to login \(login("vera")) (a viewer): a viewer only reads"), "\(command): \(out)")
        }
        for sql in ["INSERT INTO orders (client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-01-01', '2025-01-02', 1, 1)",
                    "UPDATE clients SET region = 'X'", "DELETE FROM payments", "UPDATE settings SET value = '1'"] {
            let r = try psql("vera", sql)
            XCTAssertNotEqual(r.status, 0, sql)
            XCTAssertTrue(r.stderr.contains("permission denied"), r.stderr)
        }
        XCTAssertEqual(try ownerCount("SELECT (SELECT count(*) FROM clients) * 1000 + (SELECT count(*) FROM orders) * 10 + (SELECT count(*) FROM settings WHERE value <> default_value)"), before)
    }

    func testACuratorsClientHasTheSameABCClassAsForTheHead() throws {
        try makeTeamStore()
        let pg = try open("ivanova")
        defer { pg.close() }
        let query = "set period = 2025\nclients | where curator == \"Иванова\" | sort id | select name, turnover, abc"
        let head = engine(store.owner).transcript(query)
        let curator = engine(pg).transcript(query)
        XCTAssertTrue(head.contains("ООО Фармация"), head)
        XCTAssertEqual(curator, head)
    }
}
