import Foundation
import GRDB
import XCTest
@testable import Clientele
@testable import ClienteleSQLite
@testable import ClienteleInterchange
import ClienteleTestSupport

/// The streaming reader against CSV.swift (through `CSVRecords`, the reader it replaces on
/// large files): same records, same fields, same line numbers, on random inputs full of
/// quotes, separators, line breaks and multi-byte characters, read in chunks of a few bytes
/// so that every construct straddles a chunk boundary somewhere.
final class CSVFileRecordsTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = TemporaryStore.folder("csvstream").path
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
        while let r = try reader.next() { out.append(["\(r.line)"] + r.fields + (r.problem.map { ["problem: \($0)"] } ?? [])) }
        return out
    }

    /// The streamed records agree with CSV.swift's up to the first record with a problem;
    /// that problem is an unclosed quote (the generators make no control characters), where
    /// CSV.swift swallowed the rest of the input into one field.
    private func assertAgrees(_ got: [[String]], _ expected: [[String]], _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let bad = got.firstIndex(where: { $0.last?.hasPrefix("problem: ") == true }) else {
            XCTAssertEqual(got, expected, what, file: file, line: line)
            return got == expected
        }
        let ok = Array(got[..<bad]) == Array(expected.prefix(bad)) && bad < expected.count
            && got[bad].last!.hasPrefix("problem: unclosedQuote")
        XCTAssertTrue(ok, "\(what): \(got) against \(expected)", file: file, line: line)
        return ok
    }

    private func reference(_ text: String, separator: Character) throws -> [[String]] {
        var records = try CSVRecords(text: text, separator: separator)
        var out: [[String]] = []
        while let r = records.next() { out.append(["\(r.line)"] + r.fields) }
        return out
    }

    func testRandomUTF8InputsMatchCSVSwift() throws {
        let pieces = ["a", "b", "1", ";", ",", "\t", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", "Ж", "€", "𝄞", "\u{00A0}"]
        var g = SeededRandom(seed: 42)
        for round in 0..<1500 {
            var text = ""
            for _ in 0..<g.below(40) { text += pieces[g.below(pieces.count)] }
            let separator: Character = [";", ",", "\t"][round % 3]
            let f = try file(Array(text.utf8))
            let expected = try reference(text, separator: separator)
            let whole = try streamed(f, separator: separator.asciiValue!, chunk: 64)
            for chunk in [1, 2, 5, 64] {
                let got = try streamed(f, separator: separator.asciiValue!, chunk: chunk)
                let what = "input \(text.debugDescription), separator \(separator.debugDescription), chunk \(chunk)"
                XCTAssertEqual(got, whole, what)
                if !assertAgrees(got, expected, what) || got != whole { return }
            }
        }
    }

    func testRandomWindows1251InputsMatchCSVSwift() throws {
        let pieces = ["a", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "Ж", "я", "€", "№", "Ё"]
        var g = SeededRandom(seed: 7)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<g.below(40) { text += pieces[g.below(pieces.count)] }
            let f = try file(TextDecoding.encodeWindows1251(text))
            let expected = try reference(text, separator: ";")
            let whole = try streamed(f, windows1251: true, separator: 0x3B, chunk: 64)
            for chunk in [1, 3, 64] {
                let got = try streamed(f, windows1251: true, separator: 0x3B, chunk: chunk)
                XCTAssertEqual(got, whole, text.debugDescription)
                if !assertAgrees(got, expected, text.debugDescription) { return }
            }
        }
    }

    /// Issue 15, bug 2: an unclosed quote is a problem on the line where it opens, and
    /// reading resumes on the next line, in every chunking, in UTF-8 and Windows-1251, with
    /// LF and CRLF line ends.
    func testAnUnclosedQuoteIsReportedAndReadingResumesOnTheNextLine() throws {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["a;b", "1;\"Брокен", "2;y", "3;z", ""].joined(separator: end)
            let expected = [SourceRowSummary(line: 1, fields: ["a", "b"]),
                            SourceRowSummary(line: 2, fields: ["1", "Брокен"], problem: .unclosedQuote(field: 1)),
                            SourceRowSummary(line: 3, fields: ["2", "y"]), SourceRowSummary(line: 4, fields: ["3", "z"])]
            for chunk in [1, 2, 3, 7, 64] {
                XCTAssertEqual(try CSVFileRecords.records(in: Data(text.utf8), separator: 0x3B, chunkSize: chunk).map(SourceRowSummary.init),
                               expected, "\(end.debugDescription), chunk \(chunk)")
                XCTAssertEqual(try CSVFileRecords.records(in: Data(TextDecoding.encodeWindows1251(text)), separator: 0x3B,
                                                          windows1251: true, chunkSize: chunk).map(SourceRowSummary.init),
                               expected, "1251, \(end.debugDescription), chunk \(chunk)")
            }
        }
        // At the very end: the last record has the problem, nothing follows.
        XCTAssertEqual(try CSVFileRecords.records(in: Data("a\n\"".utf8), separator: 0x2C).map(SourceRowSummary.init),
                       [SourceRowSummary(line: 1, fields: ["a"]), SourceRowSummary(line: 2, fields: [""], problem: .unclosedQuote(field: 0))])
    }

    /// Issue 15, bugs 2 and 5: fields and rows past the limits are problems, the rest of
    /// their line is skipped, and nothing longer than the limit is held.
    func testFieldsAndRowsPastTheLimitsAreProblems() throws {
        var limits = CSVLimits()
        limits.maxFieldBytes = 8
        limits.maxRecordBytes = 20
        let text = "a,b\n\"0123456789,x\nshort,ok\n0123456789,y\n1234567,1234567,1234567\nlast,one\n"
        for chunk in [1, 4, 64] {
            XCTAssertEqual(try CSVFileRecords.records(in: Data(text.utf8), separator: 0x2C, limits: limits, chunkSize: chunk)
                            .map(SourceRowSummary.init), [
                SourceRowSummary(line: 1, fields: ["a", "b"]),
                SourceRowSummary(line: 2, fields: ["01234567"], problem: .quotedFieldTooLong(field: 0, limit: 8)),
                SourceRowSummary(line: 3, fields: ["short", "ok"]),
                SourceRowSummary(line: 4, fields: [], problem: .fieldTooLong(field: 0, limit: 8)),
                SourceRowSummary(line: 5, fields: [], problem: .recordTooLong(limit: 20)),
                SourceRowSummary(line: 6, fields: ["last", "one"]),
            ], "chunk \(chunk)")
        }
        XCTAssertEqual(RecordProblem.fieldTooLong(field: 0, limit: 64 * 1024).reason,
                       "the field is longer than 64 KiB, the most a field may hold")
    }

    /// Issue 15, bug 10: a NUL no longer cuts a field; it, and every control character but
    /// tab (and line breaks inside quotes), is a problem naming the field and the character.
    func testControlCharactersAreProblemsNamingFieldAndCharacter() throws {
        let rows = try CSVFileRecords.records(in: Data("a;b\nK\u{0}null;x\n\"Ж\nё\u{1B}\";t\tab\nok;\u{7F}\n".utf8), separator: 0x3B)
        XCTAssertEqual(rows.map(SourceRowSummary.init), [
            SourceRowSummary(line: 1, fields: ["a", "b"]),
            SourceRowSummary(line: 2, fields: ["K\u{0}null", "x"], problem: .controlCharacter(field: 0, byte: 0, character: 2)),
            SourceRowSummary(line: 3, fields: ["Ж\nё\u{1B}", "t\tab"], problem: .controlCharacter(field: 0, byte: 0x1B, character: 4)),
            SourceRowSummary(line: 5, fields: ["ok", "\u{7F}"], problem: .controlCharacter(field: 1, byte: 0x7F, character: 1)),
        ])
        XCTAssertEqual(rows[1].problem?.reason, "the value holds a control character (0x00, NUL) at character 2; remove it")
    }

    /// The fuzz entry reads any bytes without crashing.
    func testTheFuzzEntryReadsHostileBytes() {
        XCTAssertEqual(FuzzEntry.csv(Data("name;region\nA;B\n\"C;D\n".utf8)), 3)
        XCTAssertEqual(FuzzEntry.csv(Data([0xEF, 0xBB, 0xBF, 0x22])), 1)
        XCTAssertEqual(FuzzEntry.csv(Data()), 0)
        var g = SeededRandom(seed: 99)
        for _ in 0..<300 { FuzzEntry.csv(Data((0..<g.below(200)).map { _ in UInt8(g.below(256)) })) }
    }

    /// Issue 15, bug 5: only regular files are read; the rest are named.
    func testOnlyRegularFilesAreOpened() throws {
        for (path, reason) in [("/dev/zero", "it is a device, not a regular file; import reads regular files only"),
                               (dir, "it is a directory"), (dir + "/absent.csv", "no such file")] {
            XCTAssertThrowsError(try ImportFile(path: path)) { XCTAssertEqual("\($0)", "cannot read '\(path)': \(reason)") }
        }
        let fifo = dir + "/fifo.csv"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try ImportFile(path: fifo)) {
            XCTAssertEqual("\($0)", "cannot read '\(fifo)': it is a pipe, not a regular file; save the data to a file and import that")
        }
    }

    func testByteOrderMarkIsSkipped() throws {
        let f = try diskFile(TextDecoding.utf8BOM + Array("a;b\r\n1;2".utf8))
        XCTAssertEqual(try streamed(f, skip: 3, separator: 0x3B, chunk: 2), [["1", "a", "b"], ["2", "1", "2"]])
        XCTAssertTrue(try f.hasByteOrderMark())
    }

    func testUTF8ValidatorAgreesWithTheStandardLibrary() throws {
        var g = SeededRandom(seed: 3)
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
        var g = SeededRandom(seed: 11)
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

    /// A line past `Int32.max` (the keys hold lines in 4 bytes) is reported whole.
    func testOrderKeysKeepLinesPastFourBytes() {
        var keys = OrderKeys(capacity: 4)
        keys.addStored(client: 1, number: "A", id: 7)
        let far = Int(Int32.max) + 5
        guard case .claimed(let entry, let id) = keys.claim(client: 1, number: "A", line: far) else { return XCTFail() }
        XCTAssertEqual(id, 7)
        guard case .duplicate(let line) = keys.claim(client: 1, number: "A", line: far + 1) else { return XCTFail() }
        XCTAssertEqual(line, far)
        keys.giveBack(entry: entry)
        XCTAssertNil(keys.line(client: 1, number: "A"))
        guard case .claimed(_, let again) = keys.claim(client: 1, number: "A", line: 3) else { return XCTFail() }
        XCTAssertEqual(again, 7)
        XCTAssertEqual(keys.line(client: 1, number: "A"), 3)
        guard case .claimed = keys.claim(client: 2, number: "A", line: Int(Int32.max)) else { return XCTFail() }
        XCTAssertEqual(keys.line(client: 2, number: "A"), Int(Int32.max))
    }
}

/// A record's line, fields and problem, comparable.
struct SourceRowSummary: Equatable {
    var line: Int
    var fields: [String]
    var problem: RecordProblem? = nil
}

extension SourceRowSummary {
    init(_ row: SourceRow) { self.init(line: row.line, fields: row.fields, problem: row.problem) }
}
