import Foundation
import XCTest
import GRDB
@testable import Clientele
import ClienteleDemo
import ClienteleTestSupport

/// Issue 18: "A round trip export → import of every object through xlsx and CSV gives back
/// the same store (checksum)." A small demo store, with client codes (one with leading
/// zeros), a text that starts like a formula, text with the separator and quotes, a
/// boolean, empty cells, an order without lines with a discount, and debt-collection work
/// added, is exported object by object (the export columns are the import fields of each
/// target, references by client code and tax id) to CSV and to xlsx, imported into a fresh
/// store in the order the references need, and each table's content is compared: a
/// canonical dump where generated ids are replaced by the natural keys they point to
/// (docs/import-export.md, "Round trip").
final class RoundTripTests: XCTestCase {
    static let today = CalendarDate(iso: "2025-12-31")!

    /// (file name, target, the export query): the import fields of each target.
    static let objects: [(file: String, target: String, query: String)] = [
        ("categories", "categories", "categories | select name, margin, goods_class, fast_moving"),
        ("clients", "clients", """
            clients | select name, tax_id, code, kpp, legal_address, actual_address, phone, fax, email, bank_details, \
            region, direction, activity, sales_type, outlets, mall_outlets, source, curator, founded, agreement_signed, \
            contract_signed, corporate_card, manual_block, financial_condition, reliability, notes
            """),
        ("orders", "orders", """
            orders | select number, client_code = client.code, client_tax_id = client.tax_id, outlet, order_date, \
            due_date, gross, discount, net, status
            """),
        ("order_lines", "orders", """
            order_lines | select number = order.number, client_code = order.client.code, client_tax_id = order.client.tax_id, \
            outlet = order.outlet, order_date = order.order_date, due_date = order.due_date, status = order.status, \
            category = category.name, gross
            """),
        ("payments", "payments", """
            payments | select number, order = order.number, client_code = order.client.code, \
            client_tax_id = order.client.tax_id, date, amount
            """),
        ("contacts", "contacts", """
            contacts | select client_code = client.code, client_tax_id = client.tax_id, name, position, work_phone, \
            home_phone, email, birthday, decision_maker
            """),
        ("interactions", "interactions", "interactions | select client_code = client.code, client_tax_id = client.tax_id, date, channel, result"),
        ("contracts", "contracts", "contracts | select client_code = client.code, client_tax_id = client.tax_id, number, signed, executed, terms"),
        ("conflicts", "conflicts", "conflicts | select client_code = client.code, client_tax_id = client.tax_id, date, description, resolution"),
        ("collections", "collections", """
            collections | select client_code = client.code, client_tax_id = client.tax_id, order = order.number, date, \
            action, result, promised_date, promised_amount
            """),
        ("holidays", "holidays", "holidays | select name, month, day, weekday, week, activity"),
    ]

    static let tables = ["categories", "clients", "orders", "order_lines", "payments", "contacts",
                         "interactions", "contracts", "conflicts", "collections", "holidays"]

    func testEveryObjectRoundTripsThroughCSVAndXlsx() throws {
        let source = try TemporaryStore.demo("roundtrip", DemoOptions(clients: 30, years: 1, seed: 11))
        let engine = Engine(store: source, session: Session(today: RoundTripTests.today))
        let first = try source.read { try String.fetchOne($0, sql: "SELECT number FROM orders ORDER BY id LIMIT 1") } ?? ""
        try engine.run("""
            update clients | where id == 1 set code = "00042", notes = "=2+2", corporate_card = true
            update clients | where id == 2 set code = "K-2", notes = "a, \\"quoted\\"; b"
            update clients | where id == 3 set phone = null, email = null
            add orders client: 4, number: "RT-1", order_date: 2025-06-01, due_date: 2025-06-11, gross: 100.05, discount: 5.01, status: "returned"
            add collections order: "\(first)", date: 2025-12-15, action: "call", result: "will pay", promised_date: 2026-01-05, promised_amount: 10.50
            add collections client: 2, date: 2025-12-20, action: "letter"
            add holidays name: "День часовщика, \\"точного\\"", month: 12, day: 31, activity: "watches"
            add holidays name: "Последний понедельник", month: 1, weekday: 1, week: -1
            update holidays | where name == "Новый год" set day = null, weekday = 4, week = 1
            update holidays | where name == "День фотографа" set activity = null
            """, origin: "test")
        let expected = try RoundTripTests.dump(source)
        XCTAssertGreaterThan(expected["order_lines"]?.count ?? 0, 100)
        for t in RoundTripTests.tables { XCTAssertFalse(expected[t]?.isEmpty ?? true, "the demo store has no \(t)") }

        for format in ["csv", "xlsx"] {
            let dir = TemporaryStore.folder("roundtrip-\(format)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            for o in RoundTripTests.objects {
                let out = engine.transcript("export \(o.query) to \"\(dir)/\(o.file).\(format)\"", origin: "test")
                XCTAssertFalse(out.contains("error"), "\(format) export of \(o.file): \(out)")
            }
            let fresh = Engine(store: try Store(path: TemporaryStore.path("fresh-\(format)")), session: Session(today: RoundTripTests.today))
            for o in RoundTripTests.objects {
                let out = fresh.transcript("import \"\(dir)/\(o.file).\(format)\" into \(o.target)", origin: "test")
                XCTAssertFalse(out.contains("error"), "\(format) import of \(o.file): \(out)")
            }
            let found = try RoundTripTests.dump(fresh.store)
            for t in RoundTripTests.tables {
                let a = expected[t] ?? [], b = found[t] ?? []
                XCTAssertEqual(b.count, a.count, "\(format): \(t) rows")
                let missing = a.filter { !Set(b).contains($0) }.prefix(3), extra = b.filter { !Set(a).contains($0) }.prefix(3)
                XCTAssertEqual(RoundTripTests.checksum(b), RoundTripTests.checksum(a),
                               "\(format): \(t) differs; lost: \(Array(missing)); came back: \(Array(extra))")
            }
        }
    }

    /// Each table's rows as text, sorted: every column but the generated ones (id, created_at,
    /// updated_at); a reference to a client, order or category as the key it is matched by
    /// (tax id and name; order number and its client's; category name).
    static func dump(_ store: Store) throws -> [String: [String]] {
        try store.read { db in
            var out: [String: [String]] = [:]
            let client = "(SELECT coalesce(tax_id, '') || '|' || name FROM clients WHERE clients.id = %@)"
            for t in tables {
                let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [t])
                    .map { $0[0] as String }
                let exprs: [String] = columns.compactMap { c in
                    switch c {
                    case "id", "created_at", "updated_at": return nil
                    case "client_id": return String(format: client, "\(t).client_id")
                    case "order_id":
                        return "(SELECT coalesce(o.number, '') || '@' || " + String(format: client, "o.client_id")
                            + " FROM orders AS o WHERE o.id = \(t).order_id)"
                    case "category_id": return "(SELECT name FROM categories WHERE categories.id = \(t).category_id)"
                    default: return "\(t).\(c)"
                    }
                }
                let rows = try Row.fetchAll(db, sql: "SELECT " + exprs.joined(separator: ", ") + " FROM \(t)")
                out[t] = rows.map { r in (0..<r.count).map { (r[$0] as DatabaseValue).description }.joined(separator: " ¦ ") }.sorted()
            }
            return out
        }
    }

    /// FNV-1a over the sorted rows: the table's checksum.
    static func checksum(_ rows: [String]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in rows.joined(separator: "\n").utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(h, radix: 16)
    }
}
