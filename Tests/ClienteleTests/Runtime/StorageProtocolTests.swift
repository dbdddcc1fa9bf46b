import XCTest
@testable import Clientele
@testable import ClienteleSQLite
@testable import ClienteleInterchange
import ClienteleTestSupport

/// The engine through the storage protocol alone: a backend that has only the operations
/// the protocol requires (no fast row scan, no Swift functions, no measure source) runs
/// the same scripts to the same answers, and says clearly what it cannot do.
final class StorageProtocolTests: XCTestCase {
    /// The SQLite store behind only the required operations of `StorageBackend`.
    final class PlainBackend: StorageBackend, @unchecked Sendable {
        let store: Store
        let imports: Bool
        init(_ store: Store, imports: Bool) { self.store = store; self.imports = imports }

        var dialect: any SQLDialect { store.dialect }
        var schemaVersion: Int { store.schemaVersion }
        var isReadOnly: Bool { store.isReadOnly }
        func storeError(_ error: any Error) -> StoreError? { store.storeError(error) }
        func interrupt() { store.interrupt() }
        func readTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
            try store.readTransaction { try body(wrap($0)) }
        }
        func writeTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
            try store.writeTransaction { try body(wrap($0)) }
        }
        private func wrap(_ tx: any StoreTransaction) -> any StoreTransaction {
            imports ? ImportingPlainTransaction(tx) : PlainTransaction(tx)
        }
    }

    class PlainTransaction: StoreTransaction {
        let inner: any StoreTransaction
        /// Rows read through `stream`, so a test can tell that the plain way was taken.
        var streamed = 0
        init(_ inner: any StoreTransaction) { self.inner = inner }

        func execute(_ sql: String, _ arguments: SQLArguments) throws { try inner.execute(sql, arguments) }
        func stream(_ sql: String, _ arguments: SQLArguments, _ row: ([SQLValue]) throws -> Void) throws {
            try inner.stream(sql, arguments) { streamed += 1; try row($0) }
        }
        var changes: Int { inner.changes }
        func changeCounter() throws -> Int64? { try inner.changeCounter() }
        func loadSettings() throws -> StoreSettings { try inner.loadSettings() }
        func paymentFactsAreCurrent(today: CalendarDate) throws -> Bool { try inner.paymentFactsAreCurrent(today: today) }
    }

    /// Imports through the SQLite store's own import, so that a session's later chunks see
    /// the same rows as on the SQLite store.
    final class ImportingPlainTransaction: PlainTransaction, ImportingTransaction {
        func importFile(_ file: String, into target: ImportTarget, options: ImportOptions, files: StagedFiles) throws -> ImportReport {
            guard let sqlite = inner as? any ImportingTransaction else { throw RuntimeError.message("no import") }
            return try sqlite.importFile(file, into: target, options: options, files: files)
        }
    }

    static func plainEngine(imports: Bool = true) throws -> Engine {
        let store = try Fixture.store()
        store.facts.currentMode = .off
        store.facts.scansOrders = false
        return Engine(store: store, backend: PlainBackend(store, imports: imports), session: Session(today: Fixture.today))
    }

    /// "1 client added (id 7)." on SQLite; the plain backend cannot say the id.
    static func withoutIDs(_ text: String) -> String {
        text.replacingOccurrences(of: #" \(id \d+\)\."#, with: ".", options: .regularExpression)
    }

    func testGoldenScriptsGiveTheSameAnswersThroughTheRequiredOperationsAlone() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixture.goldenDirectory.path)
            .filter { $0.hasSuffix(".clq") }.sorted()
        var compared = 0
        for file in files {
            let script = try String(contentsOf: Fixture.goldenDirectory.appendingPathComponent(file), encoding: .utf8)
            let sqlite = try GoldenTests.transcriptChunks(of: script, facts: .off)
            let plain = try StorageProtocolTests.plainEngine()
            var index = 0
            for chunk in script.components(separatedBy: "\n---\n") {
                let source = chunk.trimmingCharacters(in: .newlines)
                if source.isEmpty { continue }
                let output = plain.transcript(source, origin: "golden")
                XCTAssertEqual(StorageProtocolTests.withoutIDs(output), StorageProtocolTests.withoutIDs(sqlite[index].output),
                               "\(file), chunk:\n\(source)")
                index += 1
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    /// Grouping in memory and the policy sums read rows through `scan`; without a fast one
    /// they come through `stream` and give the same rows.
    func testGroupingInMemoryReadsThroughStreamWithoutAFastScan() throws {
        let plain = try StorageProtocolTests.plainEngine()
        let sqlite = try Fixture.engine()
        let query = "orders | group region = client.region agg n = count(), total = sum(gross)"
        let checked = try plain.checkedPipeline(query)
        let compiled = try plain.backend.readTransaction { tx -> (Clientele.Table, Int) in
            let interpreter = Interpreter(engine: plain, session: plain.session)
            let q = try PipelineCompiler(context: try interpreter.context(tx)).compile(checked)
            XCTAssertNotNil(q.grouping, "the query is grouped in memory")
            let table = try ResultReader.read(q, in: tx)
            return (table, (tx as? PlainTransaction)?.streamed ?? 0)
        }
        XCTAssertGreaterThan(compiled.1, 0, "rows came through stream")
        guard case .table(let expected)? = try sqlite.run(query).first else { return XCTFail("no table") }
        XCTAssertEqual(compiled.0.rows, expected.rows)
        XCTAssertFalse(expected.rows.isEmpty)
    }

    func testABackendWithoutSwiftFunctionsSaysSo() throws {
        let plain = try StorageProtocolTests.plainEngine()
        try plain.register(function: HostFunctionTests.vat)
        XCTAssertThrowsError(try plain.run("orders | select number, v = vat(gross)")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("this store cannot run functions computed in Swift (HOST_vat)"), text)
        }
        // A script without the function is not refused.
        XCTAssertNoThrow(try plain.run("orders | count"))
    }

    func testABackendWithoutImportSaysSo() throws {
        let plain = try StorageProtocolTests.plainEngine(imports: false)
        let file = TemporaryStore.path("import").replacingOccurrences(of: ".sqlite", with: "") + ".csv"
        try "name,region\nNew client,North\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try plain.run("import \"\(file)\" into clients")) { error in
            XCTAssertTrue("\(error)".contains("this store cannot import files yet"), "\(error)")
        }
    }

    /// Values bind as the dialect wants: by name for SQLite's `:p1`, in order for `$1`.
    func testArgumentsFollowTheDialect() throws {
        let a = SQLParameter(name: "p1", value: .integer(7)), b = SQLParameter(name: "p2", value: .text("x"))
        let select = SQLSelect([SQLSelectItem(.parameter(b)), SQLSelectItem(.parameter(a)), SQLSelectItem(.parameter(b))])
        let sqlite = try SQLiteDialect().print(select)
        XCTAssertEqual(sqlite.arguments(in: SQLiteDialect()), .named(["p1": .integer(7), "p2": .text("x")]))
        let postgres = try PostgreSQLDialect().print(select)
        XCTAssertEqual(postgres.arguments(in: PostgreSQLDialect()), .positional([.text("x"), .integer(7)]))
    }
}
