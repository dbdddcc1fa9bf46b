import Foundation
import ClienteleCore

/// Product categories: name, margin (a percent of net revenue), goods class A/B/C, fast
/// moving. Upsert key: the name (case-insensitive). Empty cells never overwrite.
struct CategoryRows: RowImporter {
    private let ctx: ImportContext
    private var known: [String: (id: Int64, line: Int)] = [:]
    private let name, margin, goodsClass, fastMoving: Int?
    /// A per-category sales report: revenue with gross profit or cost gives the margin.
    private let revenue, profit, cost: Int?
    private var insert = LazyStatement("""
        INSERT INTO categories(name, margin_bp, goods_class, fast_moving) VALUES (?, COALESCE(?, 0), COALESCE(?, 'B'), COALESCE(?, 0))
        """)
    private var update = LazyStatement("""
        UPDATE categories SET margin_bp = COALESCE(?, margin_bp), goods_class = COALESCE(?, goods_class),
            fast_moving = COALESCE(?, fast_moving) WHERE id = ?
        """)

    /// Profit ÷ revenue (or (revenue − cost) ÷ revenue) in basis points, rounded half up;
    /// nil when the row has no revenue or it is zero (the stored margin is kept).
    static func margin(_ check: inout RowCheck, revenue: Int, profit: Int?, cost: Int?, parser p: ValueParser) -> Int64? {
        guard let r = check.value(revenue, p.money), r > 0 else { return nil }
        var gain: Int64?
        if let profit, let g = check.value(profit, p.money) { gain = g }
        else if let cost, let c = check.value(cost, p.money) { gain = r - c }
        guard let g = gain else { return nil }
        let bp = (Decimal(g) * 10_000 / Decimal(r) as NSDecimalNumber).rounding(accordingToBehavior:
            NSDecimalNumberHandler(roundingMode: .plain, scale: 0, raiseOnExactness: false, raiseOnOverflow: false,
                                   raiseOnUnderflow: false, raiseOnDivideByZero: false)).int64Value
        guard bp >= 0 && bp <= 10_000 else {
            check.fail(profit ?? cost, "the margin from this report, \(Percent(basisPoints: bp)), is outside 0% to 100%")
            return nil
        }
        return bp
    }

    /// Cyrillic А, В, С typed for the Latin class letters.
    static let classSynonyms = ["а": "A", "в": "B", "с": "C"]

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        let m = ctx.map
        (name, margin, goodsClass, fastMoving) = (m.column("name"), m.column("margin"), m.column("goods_class"), m.column("fast_moving"))
        (revenue, profit, cost) = (m.column("revenue"), m.column("gross_profit"), m.column("cost"))
        try ctx.db.query("SELECT id, name FROM categories", []) { row in
            known[ClientDirectory.fold(row[1].string ?? "")] = (row[0].int64 ?? 0, 0)
        }
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        let nameValue = check.text(name, required: true)
        var marginBP = check.value(margin) { s -> Int64 in
            let bp = try p.percentBasisPoints(s)
            if bp < 0 || bp > 10_000 { throw FieldProblem("a margin must be from 0% to 100%") }
            return bp
        }
        if marginBP == nil, let revenueColumn = revenue, profit != nil || cost != nil {
            marginBP = CategoryRows.margin(&check, revenue: revenueColumn, profit: profit, cost: cost, parser: p)
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
