import Foundation
import GRDB
import XCTest
@testable import Clientele
@testable import ClienteleSQLite
@testable import ClienteleInterchange
import ClienteleTestSupport

/// The import's reader thread (`RowPipeline`): every record handed over once, in file order,
/// with the reader's errors after the rows before them, and the reader ended when the writer
/// stops early. And what the writer does once per load instead of once per row.
final class ImportPipelineTests: XCTestCase {
    private func csv(_ rows: Int, blankEvery: Int = 0) -> Data {
        var text = "Дата;Номер;ИНН;Сумма\n"
        for i in 1...rows {
            text += "\(i % 28 + 1).01.2025;РН-\(i);77012345\(i % 90 + 10);\(i),50\n"
            if blankEvery > 0 && i % blankEvery == 0 { text += "\n" }
        }
        return Data(text.utf8)
    }

    private func map(_ header: [String]) throws -> HeaderMap {
        try HeaderMap(header: header, target: .orders, mapping: [:])
    }

    /// Drains a pipeline: the rows' lines and fields, or the error after them.
    private func drain(_ pipeline: RowPipeline) -> (rows: [SourceRow], error: (any Error)?) {
        var rows: [SourceRow] = []
        do {
            while let batch = try pipeline.next() {
                for i in 0..<batch.count { rows.append(batch.rows[i].row) }
                pipeline.recycle(batch)
            }
        } catch {
            return (rows, error)
        }
        return (rows, nil)
    }

    func testEveryRecordIsHandedOverOnceInFileOrder() throws {
        // Several pools' worth of batches, blank lines between, a chunk size that splits records.
        let data = csv(RowPipeline.batchSize * RowPipeline.batches * 3 + 17, blankEvery: 250)
        let expected = try CSVFileRecords.records(in: data, separator: 0x3B, chunkSize: 4096).filter { !$0.isBlank }
        let records = CSVFileRecords(file: ImportFile(name: "f.csv", contents: data), skip: 0, windows1251: false,
                                     separator: 0x3B, chunkSize: 4096)
        let header = try XCTUnwrap(try records.next())
        let pipeline = RowPipeline(records: records, map: try map(header.fields), reading: nil, spreadsheet: false)
        let (rows, error) = drain(pipeline)
        pipeline.stop()
        XCTAssertNil(error)
        XCTAssertEqual(rows.map(\.line), expected.dropFirst().map(\.line))
        XCTAssertEqual(rows.map(\.fields), expected.dropFirst().map(\.fields))
    }

    /// A reader whose field arrays are reused (`next(into:)`) gives the same records as one
    /// that makes a new row each time.
    func testReadingIntoAReusedRowGivesTheSameRecords() throws {
        let data = Data("a;\"b\nc\";d\n\ne;f\n\"unclosed;g\nh;i".utf8)
        let fresh = try CSVFileRecords.records(in: data, separator: 0x3B, chunkSize: 3)
        let reader = CSVFileRecords(file: ImportFile(name: "f.csv", contents: data), skip: 0, windows1251: false,
                                    separator: 0x3B, chunkSize: 3)
        var row = SourceRow(line: 0, fields: ["stale", "values"], problem: .unclosedQuote(field: 0))
        var reused: [SourceRow] = []
        while try reader.next(into: &row) { reused.append(row) }
        XCTAssertEqual(reused.map(\.line), fresh.map(\.line))
        XCTAssertEqual(reused.map(\.fields), fresh.map(\.fields))
        XCTAssertEqual(reused.map { $0.problem?.reason }, fresh.map { $0.problem?.reason })
    }

    private struct Broken: Error {}

    /// Records `1...rows`, then an error (or, with `rows` nil, records without end).
    private final class Source: RecordReader {
        let rows: Int?
        var recordsRead = 0
        var bytesConsumed: Int { recordsRead * 10 }
        init(rows: Int?) { self.rows = rows }
        func next() throws -> SourceRow? {
            if let rows, recordsRead == rows { throw Broken() }
            recordsRead += 1
            return SourceRow(line: recordsRead + 1, fields: ["01.01.2025", "\(recordsRead)", "7701234567", "1"])
        }
    }

    func testAReadersErrorArrivesAfterTheRowsReadBeforeIt() throws {
        let pipeline = RowPipeline(records: Source(rows: 1500), map: try map(["Дата", "Номер", "ИНН", "Сумма"]),
                                   reading: nil, spreadsheet: false)
        let (rows, error) = drain(pipeline)
        pipeline.stop()
        XCTAssertEqual(rows.count, 1500)
        XCTAssertEqual(rows.last?.line, 1501)
        XCTAssertTrue(error is Broken, "\(String(describing: error))")
    }

    func testStoppingEarlyEndsTheReader() throws {
        let source = Source(rows: nil)
        let pipeline = RowPipeline(records: source, map: try map(["Дата", "Номер", "ИНН", "Сумма"]),
                                   reading: nil, spreadsheet: false)
        let batch = try XCTUnwrap(try pipeline.next())
        XCTAssertEqual(batch.count, RowPipeline.batchSize)
        pipeline.stop()     // returns only once the reader has ended
        let read = source.recordsRead
        // Bounded: the reader filled at most the pool before it was stopped.
        XCTAssertLessThanOrEqual(read, RowPipeline.batchSize * RowPipeline.batches)
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(source.recordsRead, read, "nothing is read after stop()")
    }

    /// A small orders import bumps the facts counter once (its triggers suspended for the
    /// load and put back), and a failed one leaves triggers and counter as they were.
    func testAnOrdersImportMovesTheFactsVersionOnce() throws {
        let box = try ImportSandbox()
        try box.store.write { db in
            try db.execute(sql: "INSERT INTO clients(name, tax_id) VALUES ('ООО Ромашка', '7701234567')")
        }
        func state() throws -> [[String]] {
            try box.rows("SELECT (SELECT n FROM facts_version), (SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name))")
        }
        let before = try state()
        let bad = try box.write("bad.csv", utf8: "Дата;Номер;ИНН;Сумма\n01.01.2025;1;7701234567;5\n30.02.2025;2;7701234567;5\n")
        XCTAssertFalse(try box.run(bad, into: .orders).written)
        XCTAssertEqual(try state(), before)
        let good = try box.write("good.csv", utf8: "Дата;Номер;ИНН;Сумма\n01.01.2025;1;7701234567;5\n02.01.2025;2;7701234567;5\n")
        XCTAssertEqual(try box.run(good, into: .orders).inserted, 2)
        let after = try state()
        XCTAssertEqual(after[0][1], before[0][1], "the same triggers")
        XCTAssertEqual(Int(after[0][0]), Int(before[0][0])! + 1)
    }

    /// The audit row of a load names the id range it inserted, as the numbered query did.
    func testTheAuditRowOfALoadNamesItsIdRange() throws {
        let box = try ImportSandbox()
        try box.store.write { db in
            try db.execute(sql: "INSERT INTO clients(name, tax_id) VALUES ('ООО Ромашка', '7701234567')")
            try db.execute(sql: "INSERT INTO orders(client_id, order_date, due_date, gross_minor, net_minor) VALUES (1, '2025-01-01', '2025-01-11', 5, 5)")
        }
        let file = try box.write("o.csv", utf8: "Дата;Номер;ИНН;Сумма\n01.01.2025;1;7701234567;5\n02.01.2025;2;7701234567;5\n03.01.2025;3;7701234567;5\n")
        XCTAssertEqual(try box.run(file, into: .orders).inserted, 3)
        XCTAssertEqual(try box.rows("SELECT key, json_extract(new_values, '$.rows'), json_extract(new_values, '$.ids') FROM audit WHERE action = 'import' AND object = 'orders'"),
                       [["2-4", "3", "2-4"]])
        let one = try box.write("one.csv", utf8: "Дата;Номер;ИНН;Сумма\n04.01.2025;4;7701234567;5\n")
        XCTAssertEqual(try box.run(one, into: .orders).inserted, 1)
        XCTAssertEqual(try box.rows("SELECT key, json_extract(new_values, '$.ids') FROM audit WHERE action = 'import' AND object = 'orders' ORDER BY id DESC LIMIT 1"),
                       [["5", "5"]])
    }

    /// While an import's rows are written the amounts trigger is off; its end checks every
    /// inserted row by the same rule, with the same message, and puts the trigger back.
    func testTheAmountsOfAnImportsOrdersAreCheckedAtItsEnd() throws {
        let box = try ImportSandbox()
        try box.store.write { db in
            try db.execute(sql: "INSERT INTO clients(name, tax_id) VALUES ('ООО Ромашка', '7701234567')")
        }
        let insert = "INSERT INTO orders(client_id, order_date, due_date, gross_minor, discount_minor, net_minor) VALUES (1, '2025-01-01', '2025-01-11', 10, 3, ?)"
        XCTAssertThrowsError(try box.store.write { db in
            try db.inSavepoint {
                let suspended = try AmountsCheckSuspension(db)
                try db.execute(sql: insert, arguments: [7])
                try db.execute(sql: insert, arguments: [9])      // 10 - 3 is not 9
                try suspended.restore(db)
                return .commit
            }
        }) { error in
            XCTAssertTrue("\(error)".contains("an order's amounts must add up"), "\(error)")
            XCTAssertTrue("\(error)".contains("orders with id 2"), "\(error)")
        }
        XCTAssertEqual(try box.count("orders"), 0)
        try box.store.write { db in
            let suspended = try AmountsCheckSuspension(db)
            try db.execute(sql: insert, arguments: [7])
            try suspended.restore(db)
            XCTAssertThrowsError(try db.execute(sql: insert, arguments: [9]), "the trigger is back")
        }
        XCTAssertEqual(try box.count("orders"), 1)
    }
}
