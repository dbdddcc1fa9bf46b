import XCTest
import GRDB
@testable import Clientele
import ClienteleTestSupport

/// The host API: results by column name and as Decodable values, errors by kind, progress,
/// and cancellation that stops one run and not the others.
final class EmbeddingTests: XCTestCase {
    struct Order: Decodable, Equatable {
        var number: String
        var orderDate: CalendarDate
        var net: Money
        var netDecimal: Decimal
        var day: Date
        var outlets: Int
        var status: Status
        var curator: String?
        enum Status: String, Decodable { case shipped, cancelled, draft }
        enum CodingKeys: String, CodingKey {
            case number, orderDate = "order_date", net, netDecimal = "net_decimal", day, outlets, status, curator
        }
    }

    static let orderQuery = "orders | where id == 1 | select number, order_date, net, net_decimal = net, "
        + "day = order_date, outlets = client.outlets, status, curator = client.curator"

    func testRowsReadByColumnNameAndDecodeIntoAHostStruct() throws {
        let engine = try Fixture.engine()
        let rows = try engine.rows(EmbeddingTests.orderQuery)
        XCTAssertEqual(rows.count, 1)
        let row = rows[0]
        guard case .money(let net)? = row["net"], case .date(let date)? = row["order_date"] else {
            return XCTFail("net and order_date: \(row)")
        }
        XCTAssertNil(row["no_such_column"])
        XCTAssertEqual(row.columns.map(\.name), ["number", "order_date", "net", "net_decimal", "day", "outlets", "status", "curator"])

        let orders = try rows.decode(as: Order.self)
        XCTAssertEqual(orders.count, 1)
        XCTAssertEqual(orders[0].net, net)
        XCTAssertEqual(orders[0].netDecimal, net.decimal)
        XCTAssertEqual(orders[0].orderDate, date)
        // A Date is midnight UTC of the calendar day.
        XCTAssertEqual(orders[0].day.timeIntervalSince1970,
                       Double(date.dayNumber - CalendarDate(iso: "1970-01-01")!.dayNumber) * 86_400)
        XCTAssertEqual(orders[0].status, Order.Status(rawValue: row["status"]?.plain ?? ""))
    }

    func testADecodingMismatchNamesTheColumnAndTheTypesThatFit() throws {
        struct WrongMoney: Decodable { var net: Double }
        struct Missing: Decodable { var revenue: Money }
        struct NotOptional: Decodable { var value: Int }
        let engine = try Fixture.engine()
        let rows = try engine.rows("orders | where id == 1 | select net")
        XCTAssertThrowsError(try rows.decode(as: WrongMoney.self)) { error in
            guard case .decoding(let d)? = error as? ClienteleError else { return XCTFail("\(error)") }
            XCTAssertTrue(d.message.hasPrefix("row 1: column 'net' is money ("), d.message)
            XCTAssertTrue(d.message.hasSuffix("which does not decode as Double; decode it as Money or Decimal"), d.message)
        }
        XCTAssertThrowsError(try rows.decode(as: Missing.self)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "row 1: the result has no column 'revenue' (it has net)")
        }
        let empty = ResultRows(Table(columns: [Column(name: "value", type: .integer)], rows: [[.null]]))
        XCTAssertThrowsError(try empty.decode(as: NotOptional.self)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message,
                           "row 1: column 'value' is empty, which does not decode as Int; decode it as an optional")
        }
        let huge = ResultRows(Table(columns: [Column(name: "value", type: .integer)], rows: [[.integer(Int64.max)]]))
        struct Small: Decodable { var value: Int8 }
        XCTAssertThrowsError(try huge.decode(as: Small.self)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message,
                           "row 1: column 'value' holds \(Int64.max), outside the range of Int8 (-128...127)")
        }
    }

    func testStreamDecodesEachRowAsItArrives() throws {
        struct Client: Decodable { var name: String; var outlets: Int64 }
        let engine = try Fixture.engine()
        var names: [String] = []
        try engine.stream("clients | sort id | select name, outlets", as: Client.self) { names.append($0.name) }
        let expected = try engine.rows("clients | sort id | select name").map { $0["name"]?.plain ?? "" }
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(names, expected)
        // A row that does not fit stops the script with the decoding kind.
        struct Wrong: Decodable { var name: Int }
        XCTAssertThrowsError(try engine.stream("clients | select name", as: Wrong.self) { _ in }) { error in
            guard case .decoding(let d)? = error as? ClienteleError else { return XCTFail("\(error)") }
            XCTAssertTrue(d.message.hasPrefix("column 'name' is text ("), d.message)
            XCTAssertEqual(d.span?.line, 1)
        }
    }

    func testErrorsComeByKindWithTheirText() throws {
        let engine = try Fixture.engine()
        XCTAssertThrowsError(try engine.run("clients | where regoin == \"North\"")) { error in
            guard case .check(let d)? = error as? ClienteleError else { return XCTFail("\(error)") }
            XCTAssertEqual(d.diagnostics.count, 1)
            XCTAssertEqual(d.span?.column, 17)
            XCTAssertTrue(d.text.hasPrefix("error: unknown field 'regoin'"), d.text)
        }
        XCTAssertThrowsError(try engine.run("clients | count\nclients | select x = outlets / (outlets - outlets)")) { error in
            guard case .runtime(let d)? = error as? ClienteleError else { return XCTFail("\(error)") }
            XCTAssertEqual(d.message, "division by zero")
            XCTAssertEqual(d.span?.line, 2)
            XCTAssertTrue(d.text.hasSuffix("nothing was changed by this script.\n"), d.text)
        }
        // The store's failures come as StoreError kinds (the backend maps its own codes).
        XCTAssertEqual(ExecutionFailure.kind(of: StoreError(.busy, "database is locked")), .storeBusy)
        XCTAssertEqual(ExecutionFailure.kind(of: StoreError(.readOnly, "attempt to write a readonly database")), .readOnly)
        XCTAssertEqual(ExecutionFailure.kind(of: RuntimeError.readOnly("write")), .readOnly)
        XCTAssertEqual(ExecutionFailure.kind(of: StoreError(.diskFull, "database or disk is full")), .io)
        XCTAssertEqual(ExecutionFailure.kind(of: StoreError(.interrupted, "interrupted")), .interrupted)
        XCTAssertEqual(ExecutionFailure.kind(of: StoreError(.constraint, "another row already has this name")), .runtime)
        guard case .io(let d) = ClienteleError(Store.OpenError.missing("x.sqlite")) else { return XCTFail("not io") }
        XCTAssertEqual(d.message, "cannot open store 'x.sqlite': no such file (read-only mode does not create one)")
    }

    func testDemoGenerationReportsClientsAndStopsWhenCancelled() throws {
        let reports = Reports()
        let store = try Store(path: TemporaryStore.path())
        let summary = try DemoData.generate(into: store, options: DemoOptions(clients: 600, years: 1, seed: 3),
                                            handle: RunHandle(progress: { reports.add($0) }))
        XCTAssertEqual(summary.clients, 600)
        // The first report of the phase, then the last (the throttle lets a quick run show no more).
        XCTAssertEqual(reports.all.first, RunProgress(phase: "generating clients", done: 256, total: 600, unit: "clients"))
        XCTAssertTrue(reports.all.allSatisfy { $0.phase == "generating clients" && $0.total == 600 }, "\(reports.all)")

        let empty = try Store(path: TemporaryStore.path())
        let before = try empty.contentChecksum()
        // The callback cancels its own run, through the handle it is given to.
        let cancelHandle = Box<RunHandle>()
        let handle = RunHandle(progress: { p in if p.done >= 256 { cancelHandle.value?.cancel() } })
        cancelHandle.value = handle
        XCTAssertThrowsError(try DemoData.generate(into: empty, options: DemoOptions(clients: 600, years: 1, seed: 3),
                                                   handle: handle)) { error in
            guard case .interrupted(let d)? = error as? ClienteleError else { return XCTFail("\(error)") }
            XCTAssertEqual(d.message, "interrupted; nothing was changed")
        }
        XCTAssertEqual(try empty.contentChecksum(), before, "a cancelled generation leaves the store as it was")
    }

    func testAnImportInAScriptReportsItsBytesAndStopsWhenCancelled() throws {
        let folder = TemporaryStore.folder()
        let file = folder.appendingPathComponent("clients.csv")
        let text = "name,region\n" + (1...5000).map { "Client \($0),North\n" }.joined()
        try text.write(to: file, atomically: true, encoding: .utf8)
        let size = text.utf8.count

        let engine = try Fixture.engine()
        let reports = Reports()
        try engine.run("import \"\(file.path)\" into clients", handle: RunHandle(progress: { reports.add($0) }))
        guard let first = reports.all.first else { return XCTFail("no progress reported") }
        XCTAssertEqual(first.phase, "importing")
        XCTAssertEqual(first.unit, "bytes")
        XCTAssertEqual(first.total, size)
        XCTAssertGreaterThan(first.done, 0)
        XCTAssertLessThan(first.done, size)

        // Cancelled at its first report, the import stops and leaves nothing.
        let other = try Fixture.engine()
        let before = try other.store.contentChecksum()
        let box = Box<RunHandle>()
        let handle = RunHandle(progress: { _ in box.value?.cancel() })
        box.value = handle
        XCTAssertThrowsError(try other.run("import \"\(file.path)\" into clients", handle: handle)) { error in
            guard case .interrupted? = error as? ClienteleError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try other.store.contentChecksum(), before)
    }
}
