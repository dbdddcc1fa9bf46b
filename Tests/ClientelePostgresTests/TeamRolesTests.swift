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
        XCTAssertEqual(try write(pg, "UPDATE clients SET region = $1 WHERE id = $2", [.text("West"), .integer(3)]).get(), 1)
        XCTAssertEqual(try write(pg, "UPDATE clients SET region = $1 WHERE id = $2", [.text("West"), .integer(5)]).get(), 0)
        XCTAssertEqual(try write(pg, "INSERT INTO orders (client_id, order_date, due_date, gross_minor, net_minor) VALUES ($1, '2025-12-01', '2025-12-11', 100, 100)", [.integer(1)]).get(), 1)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE region = 'West'"), 1)
        XCTAssertEqual(try psql("ivanova", "UPDATE clients SET region = 'East' WHERE id = 5").stdout, "")
        XCTAssertEqual(try psql("ivanova", "DELETE FROM payments WHERE order_id IN (SELECT id FROM orders WHERE client_id = 2)").stdout, "")
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE region = 'East'"), 0)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.client_id <> ALL(ARRAY[1, 3, 6])"),
                       try ownerCount("SELECT count(*) FROM payments") .map { $0 - theirPayments })
        // Nor can a client be given to (or made for) another curator, nor an order hung on one.
        let sentence = "the team store refuses this row of clients to login \(login("ivanova")) (curator Иванова): a curator sees and changes only the clients whose curator they are"
        XCTAssertTrue(refusal(write(pg, "UPDATE clients SET curator = $1 WHERE id = $2", [.text("Петров"), .integer(3)])).contains(sentence))
        XCTAssertTrue(refusal(write(pg, "INSERT INTO clients (name, curator) VALUES ($1, $2)", [.text("Чужой"), .text("Петров")])).contains(sentence))
        XCTAssertTrue(refusal(write(pg, "INSERT INTO orders (client_id, order_date, due_date, gross_minor, net_minor) VALUES ($1, '2025-12-01', '2025-12-11', 1, 1)", [.integer(2)]))
            .contains("refuses this row of orders"))
        XCTAssertEqual(try write(pg, "INSERT INTO clients (name, curator) VALUES ($1, $2)", [.text("Свой"), .text("Иванова")]).get(), 1)
        XCTAssertNotEqual(try psql("ivanova", "INSERT INTO clients (name, curator) VALUES ('Чужой', 'Петров')").status, 0)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE name = 'Чужой'"), 0)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE curator = 'Петров'"), 3)
    }

    /// Client codes (issue 18) came in a migration after the roles: the masked views and
    /// the audit functions were made again, so an analyst reads codes through the view and
    /// a code's change is logged; the server keeps codes unique.
    func testClientCodesReachEveryRoleAndTheAuditLog() throws {
        try makeTeamStore()
        let head = engine(store.owner)
        XCTAssertTrue(head.transcript("update clients | where id == 1 set code = \"K-1\"").contains("1"), head.transcript("clients | count"))
        XCTAssertTrue(head.transcript("update clients | where id == 2 set code = \"K-1\"").contains("another row already has this code; code must be unique"))
        XCTAssertEqual(try psql("anna", "SELECT code FROM clients WHERE id = 1").stdout, "K-1\n")
        XCTAssertEqual(try psql("ivanova", "SELECT code FROM clients WHERE id = 1").stdout, "K-1\n")
        let anna = try open("anna")
        defer { anna.close() }
        XCTAssertTrue(engine(anna).transcript("clients | where code == \"K-1\" | select id, code").contains("K-1"))
        let log = try store.owner.readTransaction { try $0.fetchAll("SELECT action, new_values FROM audit WHERE object = 'clients' ORDER BY id DESC LIMIT 3") }
        XCTAssertEqual(try ownerCount(#"SELECT count(*) FROM audit WHERE object = 'clients' AND action = 'update' AND new_values LIKE '%"code":"K-1"}'"#), 1, "\(log)")
    }

    /// Issue 20 items 3 and 4: debt-collection work came in a migration after the roles; it is
    /// under the same row-level security as interactions (a curator sees and adds only their
    /// clients' rows, through the engine and psql alike), an analyst adds it, a viewer does not,
    /// and its changes are in the audit log. An order's override is logged with the order.
    func testCollectionsFollowTheCuratorsRowsAndOverridesAreAudited() throws {
        try makeTeamStore()
        let head = engine(store.owner)
        // A-011 is Елена Трейд's (client 6, Иванова's); A-003 is ФАРМА-ЦЕНТР's (client 2, Петров's).
        for (order, day) in [("A-011", "15"), ("A-003", "16")] {
            XCTAssertTrue(head.transcript("add collections order: \"\(order)\", date: 2025-12-\(day), action: \"call\", promised_date: 2026-01-05")
                .contains("1 collection added"))
        }
        XCTAssertEqual(try psql("ivanova", "SELECT count(*), min(client_id) FROM collections").stdout, "1|6\n")
        let ivanova = try open("ivanova")
        defer { ivanova.close() }
        let e = engine(ivanova)
        XCTAssertTrue(e.transcript("collections | count").hasPrefix("1"), e.transcript("collections | count"))
        XCTAssertTrue(e.transcript("clients | where id == 6 | select next_promised_payment").contains("2026-01-05"))
        XCTAssertTrue(e.transcript("add collections client: 1, date: 2025-12-20, action: \"letter\"").contains("1 collection added"))
        XCTAssertTrue(refusal(write(ivanova, "INSERT INTO collections (client_id, date, action) VALUES ($1, '2025-12-01', 'call')", [.integer(2)]))
            .contains("refuses this row of collections"))
        XCTAssertEqual(try psql("ivanova", "DELETE FROM collections WHERE client_id = 2").stdout, "")
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM collections"), 3)
        let anna = try open("anna")
        defer { anna.close() }
        XCTAssertTrue(engine(anna).transcript("add collections client: 2, date: 2025-12-21, action: \"visit\"").contains("1 collection added"))
        XCTAssertNotEqual(try psql("vera", "INSERT INTO collections (client_id, date, action) VALUES (2, '2025-12-01', 'call')").status, 0)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM audit WHERE object = 'collections' AND action = 'add'"), 4)
        // A new shipment refused for the contract, let through with an override: the order and
        // its log row carry the reason.
        XCTAssertTrue(head.transcript("add orders client: 7, number: \"P-1\", order_date: 2025-12-31, gross: 10, override \"approved by the head\"")
            .contains("override recorded"))
        XCTAssertEqual(try ownerCount(#"SELECT count(*) FROM audit WHERE object = 'orders' AND new_values LIKE '%"override_reason":"approved by the head (over: %'"#), 1)
        XCTAssertEqual(try psql("anna", "SELECT count(*) FROM orders WHERE override_reason LIKE 'approved by the head%'").stdout, "1\n")
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
                e.transcript("clients | where notes ~ \"SECRET\" or bank_details ~ \"SECRET\" | count"),
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
            XCTAssertFalse(outputs[2].contains("error"), outputs[2])
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
        XCTAssertEqual(try write(pg, "UPDATE clients AS c SET region = $1 WHERE c.id = $2", [.text("West"), .integer(2)]).get(), 1)
        XCTAssertEqual(try write(pg, "INSERT INTO clients (name, region) VALUES ($1, $2)", [.text("Новый"), .text("North")]).get(), 1)
        XCTAssertEqual(try write(pg, "INSERT INTO payments (order_id, date, amount_minor) VALUES (1, '2025-12-30', 100)").get(), 1)
        let refused = refusal(write(pg, "UPDATE clients AS c SET notes = $1 WHERE c.notes = $2 AND c.id = 1", [.text("overwritten"), .text("•••")]))
        XCTAssertTrue(refused.contains("notes of clients is confidential and masked for login \(login("anna")) (an analyst): it cannot be changed without the personal data grant"), refused)
        let birthday = refusal(write(pg, "INSERT INTO contacts (client_id, name, birthday) VALUES (1, 'Кто-то', '1980-01-01')"))
        XCTAssertTrue(birthday.contains("birthday of contacts is confidential and masked"), birthday)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE notes = 'NOTE-SECRET-1'"), 1)
        // A constraint error through the masked view names columns, never values.
        let duplicate = refusal(write(pg, "INSERT INTO clients (name, tax_id) VALUES ($1, $2)", [.text("Дубль"), .text("7701000001")]))
        XCTAssertTrue(duplicate.contains("tax_id"), duplicate)
        XCTAssertFalse(duplicate.contains("7701000001") || duplicate.contains(Self.secret), duplicate)
        // Policy and roles are the head's.
        let policy = refusal(write(pg, "UPDATE settings SET value = $1 WHERE key = $2", [.text("1"), .text("abc.a_min")]))
        XCTAssertEqual(policy, "the team store refuses this to login \(login("anna")) (an analyst): an analyst changes clients, contacts, orders and payments, not the discount policy, settings, scenarios or roles, nor the confidential fields unless granted personal data (no right on settings)")
        XCTAssertTrue(refusal(write(pg, "DELETE FROM rules")).contains("(no right on rules)"))
        XCTAssertNotEqual(try psql("anna", "UPDATE clients SET notes = 'x' WHERE id = 1").status, 0)
        XCTAssertNotEqual(try psql("anna", "UPDATE public.clients SET notes = 'x' WHERE id = 1").status, 0)
        XCTAssertEqual(try ownerCount("SELECT count(*) FROM clients WHERE notes = 'x'"), 0)
    }

    func testViewerChangesNothing() throws {
        try makeTeamStore()
        let pg = try open("vera")
        defer { pg.close() }
        let state = "SELECT (SELECT count(*) FROM clients) * 1000000 + (SELECT count(*) FROM orders) * 1000 + (SELECT count(*) FROM payments) * 10 + (SELECT count(*) FROM settings WHERE value <> default_value) + (SELECT count(*) FROM clients WHERE region = 'West')"
        let before = try ownerCount(state)
        for sql in ["INSERT INTO clients (name) VALUES ('X')", "UPDATE clients AS c SET region = 'West' WHERE c.id = 1",
                    "DELETE FROM orders WHERE id = 1", "UPDATE orders SET outlet = 2 WHERE id = 1",
                    "UPDATE settings SET value = '1' WHERE key = 'abc.a_min'", "UPDATE contacts SET position = 'CEO' WHERE id = 1",
                    "INSERT INTO payments (order_id, date, amount_minor) VALUES (1, '2025-12-30', 100)", "DELETE FROM scenarios"] {
            let out = refusal(write(pg, sql))
            XCTAssertTrue(out.hasPrefix("the team store refuses this to login \(login("vera")) (a viewer): a viewer only reads (no right on "), "\(sql): \(out)")
        }
        // Through the engine the same refusal reaches the user as an error of the script.
        let engineOut = engine(pg).transcript("delete all payments")
        XCTAssertTrue(engineOut.contains("the team store refuses this to login \(login("vera")) (a viewer)"), engineOut)
        for sql in ["INSERT INTO orders (client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-01-01', '2025-01-02', 1, 1)",
                    "UPDATE clients SET region = 'X'", "DELETE FROM payments", "UPDATE settings SET value = '1'"] {
            let r = try psql("vera", sql)
            XCTAssertNotEqual(r.status, 0, sql)
            XCTAssertTrue(r.stderr.contains("permission denied"), r.stderr)
        }
        XCTAssertEqual(try ownerCount(state), before)
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

    /// Classes ranked over the whole base (ABC by share, importance, RFM quintiles) are
    /// computed company-wide by the store's functions (pg4-company-ranks) and then shown
    /// under row-level security: ranked over Иванова's three clients alone they would differ.
    func testACuratorsClientHasTheCompanyWideRankedClasses() throws {
        try makeTeamStore()
        let head = engine(store.owner)
        for setting in ["set stored abc.method = \"share\"", "set stored importance.per = \"region\""] {
            XCTAssertFalse(head.transcript(setting).contains("error"), setting)
        }
        let pg = try open("ivanova")
        defer { pg.close() }
        let curator = engine(pg)
        let query = "set period = 2025\nclients | where curator == \"Иванова\" | sort id | select name, turnover, abc, importance, rfm, rfm_segment"
        let asHead = head.transcript(query)
        XCTAssertTrue(asHead.contains("Ёлкин ИП"), asHead)
        XCTAssertEqual(curator.transcript(query), asHead)
        let segment = "segment clients by abc over 2025 | select abc, clients"
        XCTAssertTrue(curator.transcript(segment).contains("abc"), curator.transcript(segment))

        // At psql: the curator's call returns their clients only, with the head's scores.
        let call = "SELECT client_id, r, f, m FROM clientele_rfm_scores('2025-01-01', '2025-12-31') ORDER BY client_id"
        let mine = try psql("ivanova", call)
        let all = try psql("head2", call)
        XCTAssertEqual(mine.status, 0, mine.stderr)
        let myRows = mine.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(myRows.map { $0.split(separator: "|").first.map(String.init) ?? "" }, ["1", "3", "6"])
        XCTAssertTrue(all.stdout.split(separator: "\n").count > myRows.count, all.stdout)
        for row in myRows { XCTAssertTrue(all.stdout.split(separator: "\n").map(String.init).contains(row), row) }
        // What the window query over the curator's own rows (the statements before
        // pg4-company-ranks) gives is not that: the test tells the two apart.
        let alone = try psql("ivanova", """
            WITH s AS (SELECT client_id, max(order_date) AS lo, count(*) AS n, sum(net_minor) AS t FROM orders
                       WHERE status = 'shipped' AND order_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY client_id)
            SELECT client_id, ntile(5) OVER (ORDER BY lo, client_id), ntile(5) OVER (ORDER BY n, client_id),
                   ntile(5) OVER (ORDER BY t, client_id) FROM s ORDER BY client_id
            """)
        XCTAssertEqual(alone.status, 0, alone.stderr)
        XCTAssertNotEqual(alone.stdout, mine.stdout)
        let classes = try psql("ivanova", """
            SELECT count(*) FROM clientele_pareto_classes('2025-01-01', '2025-12-31', NULL, '', 8000, 9500, 'A', 'B', 'C')
            WHERE client_id NOT IN (1, 3, 6)
            """)
        XCTAssertEqual(classes.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0")
        // A login without a role may not call them.
        let stranger = try psql("stranger", call)
        XCTAssertNotEqual(stranger.status, 0)
    }
}
