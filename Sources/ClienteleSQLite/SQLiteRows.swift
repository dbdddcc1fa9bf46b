import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore
import ClienteleInterchange

/// The current row of a stepping SQLite statement, read with the C API (`StoreRow`).
struct SQLiteRow: StoreRow {
    let handle: OpaquePointer

    func kind(_ column: Int) -> SQLValueKind {
        switch sqlite3_column_type(handle, Int32(column)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_TEXT: return .text
        default: return .blob
        }
    }

    func int64(_ column: Int) -> Int64 { sqlite3_column_int64(handle, Int32(column)) }
    func double(_ column: Int) -> Double { sqlite3_column_double(handle, Int32(column)) }

    func withBytes<T>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let i = Int32(column)
        let p = sqlite3_column_type(handle, i) == SQLITE_TEXT ? UnsafeRawPointer(sqlite3_column_text(handle, i)) : sqlite3_column_blob(handle, i)
        let n = Int(sqlite3_column_bytes(handle, i))
        return try body(UnsafeRawBufferPointer(start: n > 0 ? p : nil, count: p == nil ? 0 : n))
    }

    func value(_ column: Int) -> SQLValue { SQLValue(DatabaseValue(sqliteStatement: handle, index: Int32(column))) }
}

extension SQLiteTransaction {
    /// Rows through the C API: `SQLiteRow` per row, no GRDB `Row`.
    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (OpaquePointer) throws -> Void) throws {
        try SQLiteTransaction.translating {
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(arguments.statementArguments)
            try statement.forEachRawRow(body)
        }
    }

    package func scan(_ sql: String, _ arguments: SQLArguments, _ row: (any StoreRow) throws -> Void) throws {
        try forEachRow(sql, arguments) { try row(SQLiteRow(handle: $0)) }
    }

    package func install(functions: [StoreFunction]) throws {
        for f in functions {
            let body = f.body
            db.add(function: DatabaseFunction(f.name, argumentCount: f.argumentCount, pure: true) { values in
                do {
                    return try body(values.map(SQLValue.init)).databaseValue
                } catch let e as StoreError {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: e.message)
                }
            })
        }
    }
}

extension SQLiteTransaction: ImportingTransaction {
    package func importFile(_ file: String, into target: ImportTarget, options: ImportOptions, files: StagedFiles) throws -> ImportReport {
        try Importer.run(file: file, into: target, options: options, in: db, files: files)
    }
}
