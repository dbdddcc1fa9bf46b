import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// The SQLite store seen through the engine's storage protocol (`StorageBackend`).
extension Store: StorageBackend {
    package var dialect: any SQLDialect { SQLiteDialect() }
    package var schemaVersion: Int { Schema.version }
    package var isReadOnly: Bool { readOnly }
    package var location: String { path }
    package var filePath: String? { path }

    package func storeError(_ error: any Error) -> StoreError? {
        if let e = error as? StoreError { return e }
        return (error as? DatabaseError).map(StoreError.init)
    }

    package func measureSource(in tx: any StoreTransaction) -> (any MeasureSource)? {
        (tx as? SQLiteTransaction).map { measureSource(in: $0.db) }
    }

    package func watching<T>(_ interruption: Interruption, in tx: any StoreTransaction, _ body: () throws -> T) throws -> T {
        guard let t = tx as? SQLiteTransaction else { return try Interruption.$current.withValue(interruption) { try body() } }
        return try interruption.watching(t.db, body)
    }

    package func interrupt() { database.interrupt() }

    package func readTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try SQLiteTransaction.translating { try read { try body(SQLiteTransaction($0)) } }
    }

    package func writeTransaction<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try SQLiteTransaction.translating { try write { try body(SQLiteTransaction($0)) } }
    }
}

/// One GRDB transaction behind the engine's `StoreTransaction`. Made for the length of a
/// transaction only: it holds the `Database`, which GRDB lends for that long.
package final class SQLiteTransaction: StoreTransaction {
    package let db: Database

    package init(_ db: Database) { self.db = db }

    package func execute(_ sql: String, _ arguments: SQLArguments) throws {
        try SQLiteTransaction.translating { try db.execute(sql: sql, arguments: arguments.statementArguments) }
    }

    /// Cells straight from the C API into one reused array.
    package func stream(_ sql: String, _ arguments: SQLArguments, _ row: ([SQLValue]) throws -> Void) throws {
        var cells: [SQLValue] = []
        try forEachRow(sql, arguments) { handle in
            cells.removeAll(keepingCapacity: true)
            for i in 0..<sqlite3_column_count(handle) { cells.append(SQLValue(DatabaseValue(sqliteStatement: handle, index: i))) }
            try row(cells)
        }
    }

    package var changes: Int { db.changesCount }
    package var lastInsertedRowID: Int64? { db.lastInsertedRowID }

    package func changeCounter() throws -> Int64? { FactsVersionMigration.read(db) }

    package func loadSettings() throws -> StoreSettings {
        try SQLiteTransaction.translating { try StoreSettings.load(db) }
    }

    package func paymentFactsAreCurrent(today: CalendarDate) throws -> Bool {
        try SQLiteTransaction.translating {
            try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM payments WHERE date > ?)", arguments: [today.iso]) ?? true)
        }
    }

    /// Runs `body`, turning SQLite's errors into the engine's `StoreError`.
    static func translating<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as DatabaseError { throw StoreError(e) }
    }
}

extension StoreError {
    /// SQLite's result code as the kind of failure, its message as the text.
    package init(_ e: DatabaseError) {
        let message = e.message ?? "\(e.resultCode)"
        switch e.resultCode.primaryResultCode {
        case .SQLITE_INTERRUPT: self.init(.interrupted, message)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self.init(.busy, message)
        case .SQLITE_READONLY: self.init(.readOnly, message)
        case .SQLITE_FULL: self.init(.diskFull, message)
        case .SQLITE_CONSTRAINT: self.init(.constraint, StoreError.constraintSentence(message))
        default: self.init(.other, message)
        }
    }

    /// SQLite's text for a broken constraint as a sentence about the data (what
    /// `.constraint` carries). The store's own rules (`OrderAmountsMigration`) already
    /// speak in sentences and pass through.
    package static func constraintSentence(_ m: String) -> String {
        /// `orders.gross_minor` → `gross of orders`.
        func field(_ qualified: Substring) -> String {
            let parts = qualified.split(separator: ".")
            var name = String(parts.last ?? qualified)
            for suffix in ["_minor", "_bp"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
            return parts.count > 1 ? "\(name) of \(parts[0])" : name
        }
        func after(_ prefix: String) -> Substring? { m.hasPrefix(prefix) ? m.dropFirst(prefix.count) : nil }
        if let rest = after("UNIQUE constraint failed: ") {
            let columns = rest.split(separator: ",").map { String($0.split(separator: ".").last ?? $0) }
            let names = columns.joined(separator: " and ")
            return "another row already has this \(names); \(names) must be unique"
        }
        if let rest = after("NOT NULL constraint failed: ") {
            return "\(field(rest)) cannot be empty, and this change would leave it empty (a date computed past 9999-12-31 is empty too)"
        }
        if m.hasPrefix("FOREIGN KEY constraint failed") {
            return "this change would leave a row referring to a client, order or category that does not exist"
        }
        if let rest = after("CHECK constraint failed: ") {
            let rule = rest.trimmingCharacters(in: .whitespaces)
            if rule.hasSuffix(">= 0"), let column = rule.split(separator: " ").first {
                return "\(field(column)) cannot be negative"
            }
            if let open = rule.range(of: " IN ("), rule.hasSuffix(")") {
                let column = field(rule[..<open.lowerBound])
                let allowed = rule[open.upperBound..<rule.index(before: rule.endIndex)]
                    .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '")) }
                return "\(column) must be one of \(allowed.joined(separator: ", "))"
            }
            return "this change breaks a rule of the store (\(rule) must hold)"
        }
        return m
    }
}

extension SQLValue {
    package init(_ v: DatabaseValue) {
        switch v.storage {
        case .null: self = .null
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let b): self = .blob([UInt8](b))
        }
    }

    package var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        case .blob(let b): return Data(b).databaseValue
        }
    }
}

extension SQLArguments {
    package var statementArguments: StatementArguments {
        switch self {
        case .named(let values): return StatementArguments(values.mapValues(\.databaseValue))
        case .positional(let values): return StatementArguments(values.map(\.databaseValue))
        }
    }
}

extension StoreSettings {
    /// The settings as the transaction of `db` reads them.
    package static func load(_ db: Database) throws -> StoreSettings {
        var values: [String: (String, String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, type, value FROM settings") {
            values[row["key"]] = (row["type"], row["value"])
        }
        var settings = StoreSettings(values: values)
        if try db.tableExists("rfm_segments") {
            settings.rfmSegments = try Row.fetchAll(db, sql: RFMSegmentRule.query).compactMap { row in
                RFMSegmentRule(row: (0..<row.count).map { SQLValue(row[$0] as DatabaseValue) })
            }
        }
        return settings
    }
}
