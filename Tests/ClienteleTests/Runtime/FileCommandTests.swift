import XCTest
@testable import Clientele
import ClienteleTestSupport

final class FileCommandTests: XCTestCase {
    func testExportThenImportRoundTripsThroughTheLanguage() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        let out = try engine.run("""
            export clients | sort id | select name, tax_id, region, outlets to "clients.csv" separator ";" decimal comma bom
            export orders | where status == "shipped" | sort id | select number, order_date, client_tax_id = client.tax_id, gross, discount, net, due_date to "orders.csv" separator ";" decimal comma
            """, origin: script)
        XCTAssertEqual(out, [.message("8 rows written to clients.csv"), .message("12 rows written to orders.csv")])
        let csv = try Data(contentsOf: dir.appendingPathComponent("clients.csv"))
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF], "a BOM so that a spreadsheet reads UTF-8")

        let fresh = Engine(store: try Store(path: TemporaryStore.path("fresh")), session: Session(today: Fixture.today))
        let imported = try fresh.run("""
            import "clients.csv" into clients
            import "orders.csv" into orders map "client_tax_id" to client
            """, origin: script)
        XCTAssertEqual(imported.count, 2)
        XCTAssertEqual(try fresh.run("clients | count"), [.scalar(name: "count", value: .integer(8))])
        let original = try engine.run("orders | where status == \"shipped\" | sort id | select number, client.name, net, due_date")
        let copy = try fresh.run("orders | sort id | select number, client.name, net, due_date")
        XCTAssertEqual(original, copy)
        XCTAssertEqual(try fresh.run("clients | where abc == \"A\" | select name"), try engine.run("clients | where abc == \"A\" | select name"))
    }

    func testABadFileFailsTheWholeScriptAndChangesNothing() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        try "Наименование;ИНН;Регион\nООО Новый;7702000001;North\n;7702000002;North\n".write(
            to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let before = try engine.store.contentChecksum()
        let script = dir.appendingPathComponent("job.clq").path
        XCTAssertThrowsError(try engine.run("delete all payments\nimport \"bad.csv\" into clients", origin: script)) { error in
            let failure = error as! ClienteleError
            XCTAssertTrue(failure.message.contains("line 3"), failure.message)
            XCTAssertEqual(failure.span?.line, 2)
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)

        // Dry run: the report, nothing written; with errors it fails the script (exit 1).
        XCTAssertThrowsError(try engine.run("import \"bad.csv\" into clients dry run", origin: script)) { error in
            let message = (error as? ClienteleError)?.message ?? "\(error)"
            XCTAssertTrue(message.hasPrefix("dry run, nothing written — clients from bad.csv: 2 rows read, would insert 1, would update 0, 1 with errors"),
                          message)
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)

        // Keep going: the good row lands, the bad one goes to a side file.
        _ = try engine.run("import \"bad.csv\" into clients keep going", origin: script)
        XCTAssertEqual(try engine.run("clients | where name == \"ООО Новый\" | count"), [.scalar(name: "count", value: .integer(1))])
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad.csv.rejected.csv").path))
    }

    func testUnknownEncodingAndSeparatorAreClearErrors() throws {
        let engine = try Fixture.engine()
        XCTAssertThrowsError(try engine.run("import \"x.csv\" into clients encoding \"koi8\"")) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "unknown encoding 'koi8': use \"utf-8\" or \"windows-1251\"")
        }
        XCTAssertThrowsError(try engine.run("export clients to \"x.csv\" separator \";;\"")) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "a separator is one character, e.g. separator \";\"")
        }
    }
}
