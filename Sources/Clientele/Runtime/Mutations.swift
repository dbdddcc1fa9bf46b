import Foundation
import GRDB
import ClienteleCore

/// add, update and delete. Each reports how many rows it changed; the script's transaction
/// makes them all-or-nothing.
struct Mutations {
    let interpreter: Interpreter

    func noun(_ object: ObjectDef, _ n: Int) -> String { n == 1 ? object.singular : object.name }

    /// Evaluates a checked constant expression to its stored form.
    func evaluate(_ e: TypedExpr, _ ctx: SQLContext, db: Database) throws -> DatabaseValue {
        var q = SelectBuilder(object: CatalogObjects.settings, context: ctx)
        let sql = try ExpressionCompiler(context: ctx).compile(e, in: &q)
        try ctx.computeMeasures()
        return try DatabaseValue.fetchOne(db, sql: "SELECT CLIENTELE_EXACT(\(sql))", arguments: ctx.statementArguments) ?? .null
    }

    func add(_ object: ObjectDef, _ assignments: [(FieldDef, TypedExpr)], db: Database) throws -> Output {
        let ctx = try interpreter.context(db)
        var columns: [String: DatabaseValue] = [:]
        for (field, expr) in assignments {
            let value = try evaluate(expr, ctx, db: db)
            switch field.kind {
            case .column(let c): columns[c] = value
            case .segment: columns["sales_type"] = value
            case .relation(let target, let fk): columns[fk] = try resolveReference(target, value, db: db)
            default: break
            }
        }
        if object.name == "orders" { try completeOrder(&columns, ctx: ctx) }
        if object.name == "categories", let m = Int64.fromDatabaseValue(columns["margin_bp"] ?? .null),
           let problem = Mutations.marginProblem(m) {
            throw RuntimeError.message("cannot add this category: \(problem)")
        }
        let names = columns.keys.sorted()
        let sql = "INSERT INTO \(object.table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        try db.execute(sql: sql, arguments: StatementArguments(names.map { columns[$0]! }))
        return .message("1 \(object.singular) added (id \(db.lastInsertedRowID)).")
    }

    /// `client: 12` or `client: "ООО Ромашка"`: an id, or a name matching exactly one row
    /// (ignoring case). Orders are found by number.
    func resolveReference(_ target: String, _ value: DatabaseValue, db: Database) throws -> DatabaseValue {
        let table = target == "orders" ? "orders" : "clients"
        let what = target == "orders" ? "order" : "client"
        if let id = Int64.fromDatabaseValue(value), case .int64 = value.storage {
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE id = ?", arguments: [id])! > 0 else {
                throw RuntimeError.message("there is no \(what) with id \(id)")
            }
            return id.databaseValue
        }
        guard let text = String.fromDatabaseValue(value) else { throw RuntimeError.message("a \(what) is given by id or name") }
        let sql = target == "orders"
            ? "SELECT id FROM orders WHERE number = ?"
            : "SELECT id FROM clients WHERE CLIENTELE_FOLD(name) = CLIENTELE_FOLD(?) OR tax_id = ?"
        let ids = try Int64.fetchAll(db, sql: sql + " LIMIT 3", arguments: target == "orders" ? [text] : [text, text])
        if ids.isEmpty { throw RuntimeError.message("there is no \(what) '\(text)'") }
        if ids.count > 1 { throw RuntimeError.message("'\(text)' matches several \(table); give the id instead") }
        return ids[0].databaseValue
    }

    /// Orders: net = gross - discount (two of the three give the third), the amounts held to
    /// `OrderAmounts`, the due date from the first-deal deferral, shipped by default.
    func completeOrder(_ c: inout [String: DatabaseValue], ctx: SQLContext) throws {
        func amount(_ column: String) -> Int64? { Int64.fromDatabaseValue(c[column] ?? .null) }
        let gross = amount("gross_minor") ?? 0
        for (name, value) in [("gross", gross), ("discount", amount("discount_minor") ?? 0), ("net", amount("net_minor") ?? 0)] where value < 0 {
            throw RuntimeError.message("cannot add this order: \(name) cannot be negative (\(Money(minorUnits: value).plain)); a return is an order with status returned")
        }
        // Both non-negative from here, so the differences cannot overflow.
        let discount = amount("discount_minor") ?? amount("net_minor").map { gross - $0 } ?? 0
        let net = amount("net_minor") ?? gross - discount
        if let problem = OrderAmounts.problem(gross: gross, discount: discount, net: net) {
            throw RuntimeError.message("cannot add this order: \(problem)")
        }
        c["discount_minor"] = discount.databaseValue
        c["net_minor"] = net.databaseValue
        if c["due_date"] == nil || c["due_date"]!.isNull,
           let d = String.fromDatabaseValue(c["order_date"] ?? .null).flatMap(CalendarDate.init(iso:)) {
            let days = ctx.settings.integer("first_deal.deferral_days")
            guard let due = d.adding(days: Int(days)) else {
                throw RuntimeError.message("cannot add this order: its due date, \(days) days (first_deal.deferral_days) after \(d.iso), would be past 9999-12-31, the last date a store holds; give due_date, or set first_deal.deferral_days to at most 3650")
            }
            c["due_date"] = due.iso.databaseValue
        }
        if c["status"] == nil { c["status"] = "shipped".databaseValue }
    }

    func update(_ p: CheckedPipeline, _ assignments: [(FieldDef, TypedExpr)], db: Database) throws -> Output {
        let ctx = try interpreter.context(db)
        let ids = try PipelineCompiler(context: ctx).compileRowIDs(p)
        var target = SelectBuilder(object: p.object, context: ctx)
        let alias = target.objectAlias!
        var sets: [(column: String, sql: String)] = []
        for (field, expr) in assignments {
            switch field.kind {
            case .column(let c):
                sets.append((c, try ExpressionCompiler(context: ctx).compile(expr, in: &target)))
            case .segment:
                sets.append(("sales_type", try ExpressionCompiler(context: ctx).compile(expr, in: &target)))
            case .relation(let t, let fk):
                let v = try resolveReference(t, try evaluate(expr, ctx, db: db), db: db)
                sets.append((fk, ctx.bind(ResultReader.value(v, type: .integer))))
            default: continue
            }
        }
        let assigned = Dictionary(sets.map { ($0.column, $0.sql) }, uniquingKeysWith: { a, _ in a })
        try ctx.computeMeasures()
        // An order's net follows its gross and discount unless it is set too.
        if p.object.name == "orders", assigned["net_minor"] == nil,
           assigned["gross_minor"] != nil || assigned["discount_minor"] != nil {
            let g = assigned["gross_minor"] ?? "\(alias).gross_minor"
            let d = assigned["discount_minor"] ?? "\(alias).discount_minor"
            sets.append(("net_minor", "(\(g)) - (\(d))"))
        }
        if p.object.name == "orders", assigned["gross_minor"] != nil || assigned["discount_minor"] != nil {
            try refuseBrokenAmounts(assigned, alias: alias, ids: ids, ctx: ctx, db: db)
        }
        if p.object.name == "categories", let m = assigned["margin_bp"] {
            let sql = """
                SELECT \(alias).name, CLIENTELE_EXACT(\(m)) FROM categories AS \(alias)
                WHERE \(alias).id IN (\(ids)) AND NOT (CLIENTELE_EXACT(\(m)) BETWEEN \(Mutations.marginRange.lowerBound) AND \(Mutations.marginRange.upperBound))
                ORDER BY \(alias).id LIMIT 1
                """
            if let row = try Row.fetchOne(db, sql: sql, arguments: ctx.statementArguments) {
                let name: String = row[0]
                throw RuntimeError.message("cannot update category '\(name)': \(Mutations.marginProblem(row[1]) ?? "")")
            }
        }
        if p.object.name == "clients" { sets.append(("updated_at", "datetime('now')")) }
        let setSQL = sets.map { "\($0.column) = CLIENTELE_EXACT(\($0.sql))" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE \(p.object.table) AS \(alias) SET \(setSQL) WHERE \(alias).id IN (\(ids))",
                       arguments: ctx.statementArguments)
        let n = db.changesCount
        return .message("\(n) \(noun(p.object, n)) updated.")
    }

    /// Finds the first order whose new gross and discount would break `OrderAmounts`, before
    /// the update, and names it (the store's trigger would only say that one did).
    func refuseBrokenAmounts(_ assigned: [String: String], alias: String, ids: String, ctx: SQLContext, db: Database) throws {
        let g = "CLIENTELE_EXACT(\(assigned["gross_minor"] ?? "\(alias).gross_minor"))"
        let d = "CLIENTELE_EXACT(\(assigned["discount_minor"] ?? "\(alias).discount_minor"))"
        let sql = """
            SELECT \(alias).id, \(g), \(d) FROM orders AS \(alias)
            WHERE \(alias).id IN (\(ids)) AND NOT (\(OrderAmounts.sqlCondition(gross: g, discount: d, net: "(\(g)) - (\(d))")))
            ORDER BY \(alias).id LIMIT 1
            """
        guard let row = try Row.fetchOne(db, sql: sql, arguments: ctx.statementArguments) else { return }
        let id: Int64 = row[0]
        let gross: Int64? = row[1], discount: Int64? = row[2]
        let problem = gross.flatMap { g in discount.flatMap { d in OrderAmounts.problem(gross: g, discount: d, net: g &- d) } }
            ?? "gross and discount are required"
        throw RuntimeError.message("cannot update order \(id): \(problem)")
    }

    /// A category's margin is a share of its net revenue: 0% (sold at cost) to 100% (no cost).
    static let marginRange = CategoryMargin.range

    static func marginProblem(_ basisPoints: Int64) -> String? {
        marginRange.contains(basisPoints) ? nil
            : "margin must be from 0% to 100% of net revenue, not \(Percent(basisPoints: basisPoints))"
    }

    func delete(_ p: CheckedPipeline, db: Database) throws -> Output {
        let ctx = try interpreter.context(db)
        let ids = try PipelineCompiler(context: ctx).compileRowIDs(p)
        try ctx.computeMeasures()
        try db.execute(sql: "DELETE FROM \(p.object.table) WHERE id IN (\(ids))", arguments: ctx.statementArguments)
        let n = db.changesCount
        return .message("\(n) \(noun(p.object, n)) deleted.")
    }
}
