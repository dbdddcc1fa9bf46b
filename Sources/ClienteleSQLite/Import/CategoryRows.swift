import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange
import ClienteleDemo

/// Product categories: name, margin (a percent of net revenue), goods class A/B/C, fast
/// moving. Upsert key: the name (case-insensitive). Empty cells never overwrite.
struct CategoryRows: RowImporter {
    private let ctx: ImportContext
    private var known: [String: (id: Int64, line: Int)] = [:]
    private let name, margin, goodsClass, fastMoving: Int?
    private var insert = LazyStatement("""
        INSERT INTO categories(name, margin_bp, goods_class, fast_moving) VALUES (?, COALESCE(?, 0), COALESCE(?, 'B'), COALESCE(?, 0))
        """)
    private var update = LazyStatement("""
        UPDATE categories SET margin_bp = COALESCE(?, margin_bp), goods_class = COALESCE(?, goods_class),
            fast_moving = COALESCE(?, fast_moving) WHERE id = ?
        """)

    /// Cyrillic А, В, С typed for the Latin class letters.
    static let classSynonyms = ["а": "A", "в": "B", "с": "C"]

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        let m = ctx.map
        (name, margin, goodsClass, fastMoving) = (m.column("name"), m.column("margin"), m.column("goods_class"), m.column("fast_moving"))
        let rows = try Row.fetchCursor(ctx.db, sql: "SELECT id, name FROM categories")
        while let row = try rows.next() { known[ClientDirectory.fold(row[1])] = (row[0], 0) }
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        let nameValue = check.text(name, required: true)
        let marginBP = check.value(margin) { s -> Int64 in
            let bp = try p.percentBasisPoints(s)
            if bp < 0 || bp > 10_000 { throw FieldProblem("a margin must be from 0% to 100%") }
            return bp
        }
        let classValue = check.label(goodsClass, allowed: ["A", "B", "C"], synonyms: CategoryRows.classSynonyms)
        let fast = check.value(fastMoving, p.boolean)
        var existing: Int64? = nil
        if let n = nameValue, let k = known[ClientDirectory.fold(n)] {
            if k.line > 0 {
                check.fail(name, "duplicate: the same category is on line \(k.line)")
            } else if ctx.mode == .append {
                check.fail(name, "a category with this name already exists; import without append to update it")
            } else {
                existing = k.id
            }
        }
        guard check.isValid, let n = nameValue else { return .rejected }
        var id = existing ?? -1
        if write {
            if let e = existing {
                try update.execute(ctx.db, [marginBP, classValue, fast, e])
            } else {
                try insert.execute(ctx.db, [n, marginBP, classValue, fast])
                id = ctx.db.lastInsertedRowID
            }
        }
        known[ClientDirectory.fold(n)] = (id, check.line)
        return existing == nil ? .inserted : .updated
    }
}
