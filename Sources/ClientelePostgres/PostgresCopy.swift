import Foundation
import ClienteleCore

/// Copies a store (any backend: the SQLite file of `clientele copy`) into a new PostgreSQL
/// store, in one transaction of the target: all of it or nothing. Rows go in with
/// `COPY … FROM STDIN` (`PostgresCopyIn`), tables in the order their references need; the
/// target's default rows (settings, activities, categories, rules) are replaced by the
/// source's. Orders are copied without their payment facts, which are computed from the
/// payments in one statement at the end (`CopyPaymentFacts`); then every table's count, and the payment facts' total,
/// are compared with the source's, and a difference undoes the copy. The audit log comes
/// along as history, and the copy is logged as one row (`CopyAudit`).
package enum PostgresCopy {
    package struct Mismatch: Error, CustomStringConvertible {
        package var description: String
    }

    /// Tables in an order that inserts every referenced row first; `derived` columns are
    /// left to the target's triggers.
    static let tables: [(name: String, derived: Set<String>)] = [
        ("settings", []), ("activities", []), ("categories", []), ("rules", []), ("rfm_segments", []), ("holidays", []),
        ("clients", []), ("contacts", []), ("interactions", []), ("contracts", []), ("conflicts", []),
        ("orders", ["paid_minor", "last_paid"]), ("order_lines", []), ("payments", []), ("collections", []),
        ("scenarios", []), ("scenario_changes", []),
    ]

    /// Tables that must be empty in the target (the defaults may be there).
    package static let dataTables = ["clients", "contacts", "interactions", "contracts", "conflicts",
                             "orders", "order_lines", "payments", "collections", "scenarios", "scenario_changes"]

    /// Bound values per INSERT statement (the server takes at most 65,535).
    static let valuesPerStatement = 4000
    /// Rows per COPY into a server (one COPY statement each: bounded memory).
    static let rowsPerCopy = 20_000

    /// What a copy reports as it goes: the table being copied, rows copied so far of all
    /// tables, and the source's total (counted first).
    package typealias Progress = (_ table: String, _ done: Int, _ total: Int) -> Void

    /// Copies `source` into `target`; returns each table's row count.
    @discardableResult
    package static func copy(from source: any StorageBackend, to target: PostgresStore,
                             progress: Progress? = nil, rowTriggers: Bool = false) throws -> [(table: String, rows: Int)] {
        try target.writeTransaction { tx in
            for t in dataTables {
                if try tx.fetchOne("SELECT EXISTS (SELECT 1 FROM \(t))")?.first?.int64 == 1 {
                    throw Mismatch(description: "\(target.url) already holds data (\(t)); copy into a new, empty database")
                }
            }
            let counts = try copyTables(from: source, sourceDialect: source.dialect, to: tx, targetIsPostgres: true, columns: { t in
                try tx.fetchAll(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                    .positional([.text(t)])).compactMap { $0.first?.string }
            }, progress: progress, paymentFactsAtTheEnd: !rowTriggers)
            try PostgresSchema.resetIdentities(tx)
            return counts
        }
    }

    /// The copy itself, in the target's open write transaction `tx`: the target's default
    /// rows are removed, every table copied in `tables` order (`columns` lists the target's
    /// columns of a table), and the counts and payment facts checked. With
    /// `paymentFactsAtTheEnd` (a server target) the payment facts are set once after the
    /// tables instead of by the row triggers (`CopyPaymentFacts`).
    static func copyTables(from source: any StorageBackend, sourceDialect: any SQLDialect, to tx: any StoreTransaction,
                           targetIsPostgres: Bool, columns targetColumns: (String) throws -> [String],
                           progress: Progress?, paymentFactsAtTheEnd: Bool = false) throws -> [(table: String, rows: Int)] {
        let suspended = try CopyAudit.suspend(tx, targetIsPostgres: targetIsPostgres)
        if paymentFactsAtTheEnd { try CopyPaymentFacts.suspend(tx) }
        for (t, _) in tables.reversed() { try tx.execute("DELETE FROM \(t)") }
        var counts: [(table: String, rows: Int)] = []
        try source.readTransaction { src in
            var total = 0
            if progress != nil {
                for (t, _) in tables { total += Int(try src.fetchOne("SELECT count(*) FROM \(t)")?.first?.int64 ?? 0) }
            }
            var done = 0
            for (t, derived) in tables {
                let columns = try targetColumns(t).filter { !derived.contains($0) }
                // SQLite's storage order (rowid) for tables without an id too (settings),
                // so that a read in storage order finds the rows as it did in the source.
                let order = sourceDialect is SQLiteDialect ? "rowid" : (columns.contains("id") ? "id" : columns[0])
                progress?(t, done, total)
                let copied = try copyTable(t, columns: columns, order: order, from: src, to: tx) { n in
                    progress?(t, done + n, total)
                }
                done += copied
                counts.append((t, copied))
            }
            progress?("", done, total)
            if paymentFactsAtTheEnd { try CopyPaymentFacts.finish(tx) }
            try check(counts, source: src, target: tx)
            try CopyAudit.finish(from: src, to: tx, targetIsPostgres: targetIsPostgres, suspended: suspended,
                                 source: source.location, rows: done)
        }
        return counts
    }

    private static func copyTable(_ table: String, columns: [String], order: String, from src: any StoreTransaction,
                                  to tx: any StoreTransaction, copied: (Int) -> Void) throws -> Int {
        if let pg = tx as? PostgresTransaction {
            return try copyIn(table, columns: columns, order: order, from: src, to: pg, copied: copied)
        }
        let perStatement = max(1, valuesPerStatement / max(columns.count, 1))
        let list = columns.joined(separator: ", ")
        var batch: [SQLValue] = []
        var rowsInBatch = 0, total = 0
        func flush() throws {
            guard rowsInBatch > 0 else { return }
            var n = 0
            let tuples = (0..<rowsInBatch).map { _ in
                "(" + columns.map { _ in n += 1; return "$\(n)" }.joined(separator: ", ") + ")"
            }
            do {
                try tx.execute("INSERT INTO \(table) (\(list)) VALUES \(tuples.joined(separator: ", "))", .positional(batch))
            } catch let e as StoreError {
                throw StoreError(e.kind, "copying \(table) (rows \(total - rowsInBatch + 1) to \(total)): \(e.message)")
            }
            batch.removeAll(keepingCapacity: true)
            rowsInBatch = 0
            copied(total)
        }
        try src.stream("SELECT \(list) FROM \(table) ORDER BY \(order)", .none) { row in
            batch.append(contentsOf: row)
            rowsInBatch += 1
            total += 1
            if rowsInBatch == perStatement { try flush() }
        }
        try flush()
        return total
    }

    /// Into a server: `COPY … FROM STDIN`, `rowsPerCopy` rows at a time (measured in
    /// docs/team.md, "Moving a store": against the multi-row INSERTs it replaced).
    private static func copyIn(_ table: String, columns: [String], order: String, from src: any StoreTransaction,
                               to tx: PostgresTransaction, copied: (Int) -> Void) throws -> Int {
        var text = CopyText()
        var total = 0
        func flush() throws {
            guard text.rows > 0 else { return }
            do {
                try tx.copyIn(table: table, columns: columns, text: text.buffer)
            } catch let e as StoreError {
                throw StoreError(e.kind, "copying \(table) (rows \(total - text.rows + 1) to \(total)): \(e.message)")
            }
            text.reset()
            copied(total)
        }
        try src.stream("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)", .none) { row in
            text.append(row)
            total += 1
            if text.rows == rowsPerCopy { try flush() }
        }
        try flush()
        return total
    }

    private static func check(_ counts: [(table: String, rows: Int)], source: any StoreTransaction,
                              target: any StoreTransaction) throws {
        for (t, copied) in counts {
            let inSource = try source.fetchOne("SELECT count(*) FROM \(t)")?.first?.int64
            let inTarget = try target.fetchOne("SELECT count(*) FROM \(t)")?.first?.int64
            guard inSource == Int64(copied), inTarget == Int64(copied) else {
                throw Mismatch(description: "copy check failed for \(t): \(inSource ?? -1) rows in the source, \(inTarget ?? -1) in the target; nothing was copied")
            }
        }
        let facts = "SELECT COALESCE(SUM(paid_minor), 0), COUNT(last_paid) FROM orders"
        let a = try source.fetchOne(facts), b = try target.fetchOne(facts)
        guard a == b else {
            throw Mismatch(description: "copy check failed: the payment facts on orders differ (source \(a ?? []), target \(b ?? [])); nothing was copied")
        }
    }
}
