import GRDB
import ClienteleCore

extension Schema {
    /// The rows a new store starts with (settings, activities, categories, rules), exactly as
    /// a new SQLite store holds them after every migration: the one definition that other
    /// backends (the PostgreSQL schema) copy rather than restate.
    package static func defaultRows() throws -> [(table: String, columns: [String], rows: [[SQLValue]])] {
        let queue = try DatabaseQueue()
        try migrator.migrate(queue)
        return try queue.read { db in
            try ["settings", "activities", "categories", "rules"].map { table in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
                let columns = rows.first.map { Array($0.columnNames) } ?? []
                return (table, columns, rows.map { r in (0..<r.count).map { SQLValue(r[$0] as DatabaseValue) } })
            }
        }
    }
}
