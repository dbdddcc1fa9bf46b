import Foundation
import ClienteleCore

/// add, update and delete. Each reports how many rows it changed; the script's transaction
/// makes them all-or-nothing.
struct Mutations {
    let interpreter: Interpreter

    func noun(_ object: ObjectDef, _ n: Int) -> String { n == 1 ? object.singular : object.name }

    /// Evaluates a checked constant expression to its stored form.
    func evaluate(_ e: TypedExpr, _ ctx: SQLContext, in tx: any StoreTransaction) throws -> SQLValue {
        var q = SelectBuilder(object: CatalogObjects.settings, context: ctx)
        let value = try ExpressionCompiler(context: ctx).compile(e, in: &q)
        let (sql, arguments) = try ctx.statement(SQLSelect([SQLSelectItem(.call(.exact, value))]))
        try ctx.computeMeasures()
        return try tx.fetchOne(sql, arguments)?.first ?? .null
    }

    func add(_ object: ObjectDef, _ assignments: [(FieldDef, TypedExpr)], override: String? = nil, in tx: any StoreTransaction) throws -> Output {
        let ctx = try interpreter.context(tx)
        var columns: [String: SQLValue] = [:]
        for (field, expr) in assignments {
            let value = try evaluate(expr, ctx, in: tx)
            switch field.kind {
            case .column(let c): columns[c] = value
            case .segment(let s): if let stored = s.storedColumn { columns[stored] = value }
            case .relation(let target, let fk): columns[fk] = try resolveReference(target, value, in: tx)
            default: break
            }
        }
        if object.name == "collections" { try linkCollection(&columns, in: tx) }
        // The first-deal terms and the shipment rules (FirstDealTerms): a new shipment they
        // refuse needs an override, which the order records; history is reported.
        var note = ""
        let terms = FirstDealTerms(interpreter: interpreter, context: ctx, tx: tx)
        if object.name == "orders" {
            try completeOrder(&columns, ctx: ctx)
            let judged = try terms.judgeOrder(columns)
            note = try overrideNote(judged, override, what: object.singular) { columns["override_reason"] = .text($0) }
        }
        var lineOverride: String?
        if object.name == "order_lines", let order = ResultReader.integer(columns["order_id"] ?? .null),
           let category = ResultReader.integer(columns["category_id"] ?? .null) {
            let judged = try terms.judgeLines(of: order, adding: (category, ResultReader.integer(columns["gross_minor"] ?? .null) ?? 0))
            note = try overrideNote(judged, override, what: object.singular) { lineOverride = $0 }
        }
        if object.name == "categories", let m = ResultReader.integer(columns["margin_bp"] ?? .null),
           let problem = Mutations.marginProblem(m) {
            throw RuntimeError.message("cannot add this category: \(problem)")
        }
        let names = columns.keys.sorted()
        var values: [SQLExpr] = []
        for (i, name) in names.enumerated() {
            guard let stored = Mutations.sqlValue(columns[name] ?? .null) else { throw PlanError.internalError("a \(name) that is not an integer or text") }
            values.append(.parameter(SQLParameter(name: "v\(i + 1)", value: stored)))
        }
        let printed = try ctx.dialect.print(SQLMutation.insert(table: object.table, columns: names, values: values))
        try tx.execute(printed.text, printed.arguments(in: ctx.dialect))
        let id = tx.lastInsertedRowID
        // A line let through with an override: the order records it after what it had.
        if let record = lineOverride, let order = ResultReader.integer(columns["order_id"] ?? .null) {
            let reason = SQLExpr.parameter(SQLParameter(name: "reason", value: .text(record)))
            let kept = SQLExpr.coalesce(.bin(.concat, .q("o", "override_reason"), .text("; ")), .text(""))
            let printed = try ctx.dialect.print(SQLMutation.update(table: "orders", alias: "o", set: [SQLAssignment("override_reason", .bin(.concat, kept, reason))],
                                                                   where: .bin(.equal, .q("o", "id"), .parameter(SQLParameter(name: "order", value: .integer(order))))))
            try tx.execute(printed.text, printed.arguments(in: ctx.dialect))
        }
        guard let id else { return .message("1 \(object.singular) added.\(note)") }
        return .message("1 \(object.singular) added (id \(id)).\(note)")
    }

    /// Debt-collection work names its client, its order, or both (the order's client).
    func linkCollection(_ c: inout [String: SQLValue], in tx: any StoreTransaction) throws {
        let client = ResultReader.integer(c["client_id"] ?? .null)
        guard let order = ResultReader.integer(c["order_id"] ?? .null) else {
            if client == nil { throw RuntimeError.message("cannot add this collection: name its client (client: …) or its order (order: …)") }
            return
        }
        let select = SQLSelect([SQLSelectItem(.column("client_id"))], from: .table("orders"),
                               where: .bin(.equal, .column("id"), .parameter(SQLParameter(name: "order", value: .integer(order)))))
        let dialect = interpreter.engine.dialect
        let printed = try dialect.print(select)
        let owner = try tx.fetchOne(printed.text, printed.arguments(in: dialect))?.first?.int64
        if let client, let owner, client != owner {
            throw RuntimeError.message("cannot add this collection: the order is client \(owner)'s, not client \(client)'s; give the order alone")
        }
        c["client_id"] = owner.map(SQLValue.integer) ?? c["client_id"]
    }

    /// What an add says after its first line about the rules it was judged by: a new shipment
    /// they refuse is refused unless overridden (`record` stores the override); history only
    /// reports them.
    func overrideNote(_ judged: (newShipment: Bool, reasons: [String]), _ override: String?, what: String,
                      record: (String) throws -> Void) throws -> String {
        guard !judged.reasons.isEmpty else {
            return override == nil ? "" : "\n  nothing to override: no rule refuses it (the reason is not recorded)"
        }
        if let override {
            try record(FirstDealTerms.record(override, over: judged.reasons))
            return "\n  override recorded on the order: \(override)" + judged.reasons.map { "\n  - overrode: " + $0 }.joined()
        }
        if judged.newShipment { throw RuntimeError.message(FirstDealTerms.refusal(what, judged.reasons)) }
        return FirstDealTerms.report(judged.reasons)
    }

    /// `client: 12` or `client: "ООО Ромашка"`: an id, or a name matching exactly one row
    /// (ignoring case). Orders are found by number.
    func resolveReference(_ target: String, _ value: SQLValue, in tx: any StoreTransaction) throws -> SQLValue {
        let table = ["orders", "categories"].contains(target) ? target : "clients"
        let what = target == "orders" ? "order" : target == "categories" ? "category" : "client"
        if case .integer(let id) = value {
            guard try (tx.fetchOne("SELECT count(*) FROM \(table) WHERE id = ?", .positional([.integer(id)]))?.first?.int64 ?? 0) > 0 else {
                throw RuntimeError.message("there is no \(what) with id \(id)")
            }
            return .integer(id)
        }
        guard let text = ResultReader.text(value) else { throw RuntimeError.message("a \(what) is given by id or name") }
        let given = SQLExpr.parameter(SQLParameter(name: "given", value: .text(text)))
        var select = target == "orders"
            ? SQLSelect([SQLSelectItem(.column("id"))], from: .table("orders"), where: .bin(.equal, .column("number"), given))
            : target == "categories"
            ? SQLSelect([SQLSelectItem(.column("id"))], from: .table("categories"), where: .bin(.equal, .call(.foldCase, .column("name")), .call(.foldCase, given)))
            : SQLSelect([SQLSelectItem(.column("id"))], from: .table("clients"),
                        where: .bin(.or, .bin(.equal, .call(.foldCase, .column("name")), .call(.foldCase, given)), .bin(.equal, .column("tax_id"), given)))
        select.limit = 3
        let dialect = interpreter.engine.dialect
        let printed = try dialect.print(select)
        let ids = try tx.fetchAll(printed.text, printed.arguments(in: dialect)).compactMap { $0.first?.int64 }
        if ids.isEmpty { throw RuntimeError.message("there is no \(what) '\(text)'") }
        if ids.count > 1 { throw RuntimeError.message("'\(text)' matches several \(table); give the id instead") }
        return .integer(ids[0])
    }

    /// Orders: net = gross - discount (two of the three give the third), the amounts held to
    /// `OrderAmounts`, the due date from the first-deal deferral, shipped by default.
    func completeOrder(_ c: inout [String: SQLValue], ctx: SQLContext) throws {
        func amount(_ column: String) -> Int64? { ResultReader.integer(c[column] ?? .null) }
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
        c["discount_minor"] = .integer(discount)
        c["net_minor"] = .integer(net)
        if c["due_date"] == nil || c["due_date"]!.isNull,
           let d = ResultReader.text(c["order_date"] ?? .null).flatMap(CalendarDate.init(iso:)) {
            let days = ctx.settings.integer("first_deal.deferral_days")
            guard let due = d.adding(days: Int(days)) else {
                throw RuntimeError.message("cannot add this order: its due date, \(days) days (first_deal.deferral_days) after \(d.iso), would be past 9999-12-31, the last date a store holds; give due_date, or set first_deal.deferral_days to at most 3650")
            }
            c["due_date"] = .text(due.iso)
        }
        if c["status"] == nil { c["status"] = .text("shipped") }
    }

    func update(_ p: CheckedPipeline, _ assignments: [(FieldDef, TypedExpr)], in tx: any StoreTransaction) throws -> Output {
        let ctx = try interpreter.context(tx)
        let ids = try PipelineCompiler(context: ctx).compileRowIDs(p)
        var target = SelectBuilder(object: p.object, context: ctx)
        let alias = target.objectAlias!
        var sets: [(column: String, sql: SQLExpr)] = []
        var dateColumns: Set<String> = []
        for (field, expr) in assignments {
            switch field.kind {
            case .column(let c):
                if field.type == .date { dateColumns.insert(c) }
                sets.append((c, try ExpressionCompiler(context: ctx).compile(expr, in: &target)))
            case .segment(let s):
                guard let stored = s.storedColumn else { continue }
                let value = try ExpressionCompiler(context: ctx).compile(expr, in: &target)
                // A bare NULL in the row source reads as text on PostgreSQL: typed for a number column.
                sets.append((stored, value == .null && field.type == .money ? .cast(.null, .integer) : value))
            case .relation(let t, let fk):
                let v = try resolveReference(t, try evaluate(expr, ctx, in: tx), in: tx)
                sets.append((fk, ctx.bind(ResultReader.value(v, type: .integer))))
            default: continue
            }
        }
        let assigned = Dictionary(sets.map { ($0.column, $0.sql) }, uniquingKeysWith: { a, _ in a })
        try ctx.computeMeasures()
        // An order's net follows its gross and discount unless it is set too.
        if p.object.name == "orders", assigned["net_minor"] == nil,
           assigned["gross_minor"] != nil || assigned["discount_minor"] != nil {
            let g = assigned["gross_minor"] ?? .q(alias, "gross_minor")
            let d = assigned["discount_minor"] ?? .q(alias, "discount_minor")
            sets.append(("net_minor", .bin(.minus, .grouped(g), .grouped(d))))
        }
        if p.object.name == "orders", assigned["gross_minor"] != nil || assigned["discount_minor"] != nil {
            try refuseBrokenAmounts(assigned, alias: alias, ids: ids, ctx: ctx, in: tx)
        }
        if p.object.name == "categories", let m = assigned["margin_bp"] {
            let margin = SQLExpr.call(.exact, m)
            let outside = SQLExpr.unary(.not, .grouped(.between(margin, .integer(Mutations.marginRange.lowerBound),
                                                                .integer(Mutations.marginRange.upperBound), negated: false)))
            var select = SQLSelect([SQLSelectItem(.q(alias, "name")), SQLSelectItem(margin)], from: .table("categories", alias),
                                   where: .conjunction([.inSelect(.q(alias, "id"), ids, negated: false), outside]),
                                   orderBy: [SQLOrdering(.q(alias, "id"))], layout: .lines)
            select.limit = 1
            let (sql, arguments) = try ctx.statement(select)
            if let row = try tx.fetchOne(sql, arguments) {
                let name = row[0].string ?? ""
                throw RuntimeError.message("cannot update category '\(name)': \(Mutations.marginProblem(ResultReader.integer(row[1]) ?? 0) ?? "")")
            }
        }
        if p.object.name == "clients" { sets.append(("updated_at", .call(.now))) }
        let update = SQLMutation.update(table: p.object.table, alias: alias, set: sets.map {
            // A date set from a bound date: typed for the date column on PostgreSQL.
            SQLAssignment($0.column, dateColumns.contains($0.column) ? .call(.asDate, .call(.exact, $0.sql)) : .call(.exact, $0.sql))
        },
                                        where: .inSelect(.q(alias, "id"), ids, negated: false))
        let printed = try ctx.dialect.print(update)
        try tx.execute(printed.text, printed.arguments(in: ctx.dialect))
        let n = tx.changes
        return .message("\(n) \(noun(p.object, n)) updated.")
    }

    /// Finds the first order whose new gross and discount would break `OrderAmounts`, before
    /// the update, and names it (the store's trigger would only say that one did).
    func refuseBrokenAmounts(_ assigned: [String: SQLExpr], alias: String, ids: SQLSelect, ctx: SQLContext, in tx: any StoreTransaction) throws {
        let g = SQLExpr.call(.exact, assigned["gross_minor"] ?? .q(alias, "gross_minor"))
        let d = SQLExpr.call(.exact, assigned["discount_minor"] ?? .q(alias, "discount_minor"))
        var select = SQLSelect([SQLSelectItem(.q(alias, "id")), SQLSelectItem(g), SQLSelectItem(d)], from: .table("orders", alias),
                               where: .conjunction([.inSelect(.q(alias, "id"), ids, negated: false),
                                                    .unary(.not, .grouped(Mutations.amountsHold(gross: g, discount: d)))]),
                               orderBy: [SQLOrdering(.q(alias, "id"))], layout: .lines)
        select.limit = 1
        let (sql, arguments) = try ctx.statement(select)
        guard let row = try tx.fetchOne(sql, arguments) else { return }
        let id = ResultReader.integer(row[0]) ?? 0
        let gross = ResultReader.integer(row[1]), discount = ResultReader.integer(row[2])
        let problem = gross.flatMap { g in discount.flatMap { d in OrderAmounts.problem(gross: g, discount: d, net: g &- d) } }
            ?? "gross and discount are required"
        throw RuntimeError.message("cannot update order \(id): \(problem)")
    }

    /// `OrderAmounts.sqlCondition` as a tree: non-negative amounts, the discount at most the
    /// gross, the net their difference.
    static func amountsHold(gross g: SQLExpr, discount d: SQLExpr) -> SQLExpr {
        .conjunction([.bin(.greaterOrEqual, .grouped(g), .integer(0)), .bin(.greaterOrEqual, .grouped(d), .integer(0)),
                      .bin(.lessOrEqual, .grouped(d), .grouped(g)),
                      .bin(.equal, .grouped(.bin(.minus, .grouped(g), .grouped(d))), .bin(.minus, .grouped(g), .grouped(d)))])
    }

    /// A value read back from SQL (CLIENTELE_EXACT: an integer, text or null) as a parameter's.
    static func sqlValue(_ v: SQLValue) -> SQLValue? {
        switch v {
        case .null, .integer, .text: return v
        case .real, .blob: return nil
        }
    }

    /// A category's margin is a share of its net revenue: 0% (sold at cost) to 100% (no cost).
    static let marginRange = CategoryMargin.range

    static func marginProblem(_ basisPoints: Int64) -> String? {
        marginRange.contains(basisPoints) ? nil
            : "margin must be from 0% to 100% of net revenue, not \(Percent(basisPoints: basisPoints))"
    }

    func delete(_ p: CheckedPipeline, in tx: any StoreTransaction) throws -> Output {
        let ctx = try interpreter.context(tx)
        let ids = try PipelineCompiler(context: ctx).compileRowIDs(p)
        let delete = SQLMutation.delete(table: p.object.table, where: .inSelect(.column("id"), ids, negated: false))
        try ctx.computeMeasures()
        let printed = try ctx.dialect.print(delete)
        try tx.execute(printed.text, printed.arguments(in: ctx.dialect))
        let n = tx.changes
        return .message("\(n) \(noun(p.object, n)) deleted.")
    }
}
