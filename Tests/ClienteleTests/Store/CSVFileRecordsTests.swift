import Foundation
import GRDB
import XCTest
@testable import Clientele

/// The streaming reader against CSV.swift (through `CSVRecords`, the reader it replaces on
/// large files): same records, same fields, same line numbers, on random inputs full of
/// quotes, separators, line breaks and multi-byte characters, read in chunks of a few bytes
/// so that every construct straddles a chunk boundary somewhere.
final class CSVFileRecordsTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "clientele-csvstream-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// The random cases are read from memory (the same chunked reads, without a file per case).
    private func file(_ bytes: [UInt8]) throws -> ImportFile {
        ImportFile(name: "f.csv", contents: Data(bytes))
    }

    private func diskFile(_ bytes: [UInt8]) throws -> ImportFile {
        let path = dir + "/f.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try ImportFile(path: path)
    }

    private func streamed(_ file: ImportFile, skip: Int = 0, windows1251: Bool = false, separator: UInt8,
                          chunk: Int) throws -> [[String]] {
        let reader = CSVFileRecords(file: file, skip: skip, windows1251: windows1251, separator: separator, chunkSize: chunk)
        var out: [[String]] = []
        while let r = try reader.next() { out.append(["\(r.line)"] + r.fields) }
        return out
    }

    private func reference(_ text: String, separator: Character) throws -> [[String]] {
        var records = try CSVRecords(text: text, separator: separator)
        var out: [[String]] = []
        while let r = records.next() { out.append(["\(r.line)"] + r.fields) }
        return out
    }

    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    func testRandomUTF8InputsMatchCSVSwift() throws {
        let pieces = ["a", "b", "1", ";", ",", "\t", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", "Ж", "€", "𝄞", "\u{00A0}"]
        var g = Generator(state: 42)
        for round in 0..<1500 {
            var text = ""
            for _ in 0..<g.below(40) { text += pieces[g.below(pieces.count)] }
            let separator: Character = [";", ",", "\t"][round % 3]
            let f = try file(Array(text.utf8))
            let expected = try reference(text, separator: separator)
            for chunk in [1, 2, 5, 64] {
                let got = try streamed(f, separator: separator.asciiValue!, chunk: chunk)
                XCTAssertEqual(got, expected, "input \(text.debugDescription), separator \(separator.debugDescription), chunk \(chunk)")
                if got != expected { return }
            }
        }
    }

    func testRandomWindows1251InputsMatchCSVSwift() throws {
        let pieces = ["a", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "Ж", "я", "€", "№", "Ё"]
        var g = Generator(state: 7)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<g.below(40) { text += pieces[g.below(pieces.count)] }
            let f = try file(TextDecoding.encodeWindows1251(text))
            let expected = try reference(text, separator: ";")
            for chunk in [1, 3, 64] {
                XCTAssertEqual(try streamed(f, windows1251: true, separator: 0x3B, chunk: chunk), expected, text.debugDescription)
            }
        }
    }

    func testByteOrderMarkIsSkipped() throws {
        let f = try diskFile(TextDecoding.utf8BOM + Array("a;b\r\n1;2".utf8))
        XCTAssertEqual(try streamed(f, skip: 3, separator: 0x3B, chunk: 2), [["1", "a", "b"], ["2", "1", "2"]])
        XCTAssertTrue(try f.hasByteOrderMark())
    }

    func testUTF8ValidatorAgreesWithTheStandardLibrary() throws {
        var g = Generator(state: 3)
        let interesting: [UInt8] = [0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                                    0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for round in 0..<20000 {
            var bytes: [UInt8] = []
            for _ in 0..<g.below(24) {
                bytes.append(g.below(3) == 0 ? UInt8(g.below(256)) : interesting[g.below(interesting.count)])
            }
            if round % 4 == 0 { bytes += Array("Дата;Сумма 12345678".utf8) }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let cut = bytes.isEmpty ? 0 : g.below(bytes.count)
            var v = UTF8Validator()
            let ok = bytes[..<cut].withUnsafeBufferPointer { v.feed($0) == nil }
                && bytes[cut...].withUnsafeBufferPointer { v.feed($0) == nil } && v.finish()
            XCTAssertEqual(ok, expected, "\(bytes)")
        }
    }

    func testIndexRebuildDropsAndRestoresInsideTheTransaction() throws {
        let dir = self.dir
        let store = try Store(path: dir + "/s.sqlite")
        func indexes() throws -> [String] {
            try store.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL ORDER BY name") }
        }
        let before = try indexes()
        XCTAssertFalse(before.isEmpty)
        // Rolled back: the indexes are back.
        try store.write { db in
            try db.inSavepoint {
                let r = try IndexRebuild(db, table: "orders", expectedRows: 10, minimumRows: 0)
                XCTAssertTrue(r.isActive)
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL"), 0)
                return .rollback
            }
        }
        XCTAssertEqual(try indexes(), before)
        // Restored: the same definitions.
        try store.write { db in
            let r = try IndexRebuild(db, table: "orders", expectedRows: 10, minimumRows: 0)
            try r.restore(db)
        }
        XCTAssertEqual(try indexes(), before)
        // Small imports leave the indexes alone.
        try store.write { db in
            XCTAssertFalse(try IndexRebuild(db, table: "orders", expectedRows: 10).isActive)
        }
    }

    /// A large import into an empty orders table drops and rebuilds its indexes: a failing
    /// import leaves them as they were, a successful one leaves them built and consistent.
    func testLargeOrderImportsRebuildTheIndexesAtomically() throws {
        let box = try ImportSandbox()
        try box.store.write { db in
            try db.execute(sql: "INSERT INTO clients(name, tax_id) VALUES ('ООО Ромашка', '7701234567')")
        }
        func indexes() throws -> [String] {
            try box.store.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL ORDER BY name") }
        }
        let before = try indexes()
        let rows = IndexRebuild.minimumRows + 10_000
        var text = "Дата;Номер;ИНН;Сумма\n"
        for i in 1...rows { text += "\(i % 28 + 1).01.2025;РН-\(i);7701234567;\(i),50\n" }
        let bad = try box.write("bad.csv", utf8: text + "30.02.2025;X;7701234567;1\n")
        let failed = try box.run(bad, into: .orders)
        XCTAssertFalse(failed.written)
        XCTAssertEqual(failed.errorCount, 1)
        XCTAssertEqual(try box.count("orders"), 0)
        XCTAssertEqual(try indexes(), before)

        let good = try box.write("good.csv", utf8: text)
        let report = try box.run(good, into: .orders)
        XCTAssertTrue(report.written)
        XCTAssertEqual(report.inserted, rows)
        XCTAssertEqual(try indexes(), before)
        XCTAssertEqual(try box.rows("PRAGMA integrity_check"), [["ok"]])
        XCTAssertEqual(try box.rows("SELECT count(*), sum(net_minor) FROM orders INDEXED BY orders_by_client_date WHERE client_id = 1"),
                       [["\(rows)", "\((1...rows).reduce(0) { $0 + $1 * 100 + 50 })"]])
    }

    /// `OrderKeys` against the dictionary it replaced, on random claims, give-backs and
    /// stored keys, from a tiny capacity (so that it grows many times).
    func testOrderKeysBehaveLikeTheDictionaryTheyReplaced() {
        struct Key: Hashable { let client: Int64; let number: String }
        var g = Generator(state: 11)
        var keys = OrderKeys(capacity: 0)
        var model: [Key: (id: Int64, line: Int)] = [:]
        let numbers = ["1", "01", "РН-1", "й", "и\u{0306}", "x", ""]   // й and и + breve are equal Strings
        for i in 0..<300 {
            let k = Key(client: Int64(g.below(5)), number: numbers[g.below(numbers.count)] + String(g.below(40)))
            keys.addStored(client: k.client, number: k.number, id: Int64(i))
            model[k] = (Int64(i), 0)
        }
        for line in 1...5000 {
            let k = Key(client: Int64(g.below(6)), number: numbers[g.below(numbers.count)] + String(g.below(60)))
            let expected = model[k]
            switch keys.claim(client: k.client, number: k.number, line: line) {
            case .duplicate(let l):
                XCTAssertEqual(expected?.line, l)
            case .claimed(let entry, let storedID):
                XCTAssertTrue(expected == nil || expected!.line <= 0, "\(k)")
                XCTAssertEqual(storedID, expected.flatMap { $0.line == 0 ? $0.id : nil })
                if g.below(10) == 0 {
                    keys.giveBack(entry: entry)          // the write failed: as before
                } else {
                    model[k] = (expected?.id ?? -1, line)
                }
            }
            XCTAssertEqual(keys.line(client: k.client, number: k.number), model[k].flatMap { $0.line > 0 ? $0.line : nil })
        }
    }
}
