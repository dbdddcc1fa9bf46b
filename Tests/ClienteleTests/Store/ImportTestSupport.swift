import Foundation
import XCTest
@testable import Clientele
@testable import ClienteleInterchange
import ClienteleTestSupport

/// A temp directory with a fresh store, and helpers to write exact fixture bytes.
final class ImportSandbox {
    let dir: String
    let store: Store

    init() throws {
        dir = TemporaryStore.folder("import").path
        store = try Store(path: dir + "/t.sqlite")
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func path(_ name: String) -> String { dir + "/" + name }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// UTF-8 text, optionally after a BOM.
    @discardableResult
    func write(_ name: String, utf8 text: String, bom: Bool = false) throws -> String {
        try write(name, bytes: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
    }

    /// Windows-1251 bytes of text (every character must exist in the code page).
    @discardableResult
    func write(_ name: String, cp1251 text: String) throws -> String {
        let bytes = TextDecoding.encodeWindows1251(text)
        precondition(!bytes.contains(0x3F) || text.contains("?"), "character missing from Windows-1251")
        return try write(name, bytes: bytes)
    }

    func run(_ file: String, into target: ImportTarget, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportReport {
        var options = ImportOptions()
        configure(&options)
        return try Importer.run(file: file, into: target, options: options, store: store)
    }

    func count(_ table: String) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)")! }
    }

    func rows(_ sql: String) throws -> [[String]] {
        try store.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { v -> String in
                    switch v.storage {
                    case .null: return "NULL"
                    case .int64(let i): return String(i)
                    case .double(let d): return String(d)
                    case .string(let s): return s
                    case .blob: return "<blob>"
                    }
                }
            }
        }
    }

    /// Three clients: two with tax ids, one without; "Вектор" twice would be ambiguous.
    func seedClients() throws {
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO clients(name, tax_id, region) VALUES ('ООО "Ромашка"', '7701234567', 'Москва');
                INSERT INTO clients(name, tax_id, region) VALUES ('ИП Петров', '500100732259', 'Тула');
                INSERT INTO clients(name, region) VALUES ('Acme Ltd', 'London');
                INSERT INTO clients(name) VALUES ('Вектор');
                INSERT INTO clients(name) VALUES ('вектор');
                """)
        }
    }
}

import GRDB
