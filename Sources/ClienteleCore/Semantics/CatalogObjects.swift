/// The standard objects. Field summaries feed `describe` and completion.
package enum CatalogObjects {
    private static func col(_ name: String, _ type: ValueType, _ summary: String, column: String? = nil,
                            writable: Bool = true, required: Bool = false, labels: [String] = []) -> FieldDef {
        FieldDef(name: name, type: type, kind: .column(column ?? name), summary: summary, labels: labels,
                 writable: writable, required: required)
    }

    package static let clients = ObjectDef(
        name: "clients", singular: "client", table: "clients",
        summary: "companies the department sells to, with their dossier",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("name", .text, "company name", required: true),
            col("tax_id", .text, "tax id (ИНН), the external key for imports"),
            col("code", .text, "the client's code in the accounting system or CRM (1C «Код»), unique when set; imports match it first"),
            col("kpp", .text, "КПП"),
            col("legal_address", .text, "legal address"),
            col("actual_address", .text, "actual address"),
            col("phone", .text, "phone"), col("fax", .text, "fax"), col("email", .text, "e-mail"),
            col("bank_details", .text, "bank / payment details"),
            col("region", .text, "region or territory"),
            col("direction", .text, "sales direction"),
            col("activity", .text, "line of business (see the activities list)"),
            col("outlets", .integer, "number of outlets (shops)"),
            col("mall_outlets", .integer, "outlets in large shopping centres"),
            col("source", .text, "where the contact came from (press, internet, referral, exhibition)"),
            col("curator", .text, "the one account manager who works this client"),
            col("founded", .date, "date the company was founded"),
            col("agreement_signed", .date, "cooperation agreement signed"),
            col("contract_signed", .date, "supply contract signed"),
            col("corporate_card", .boolean, "corporate card issued"),
            col("manual_block", .text, "reason shipments are blocked by hand (empty: not blocked)"),
            col("financial_condition", .text, "solvency assessment: financial condition"),
            col("reliability", .text, "solvency assessment: reliability"),
            col("notes", .text, "free notes"),
            FieldDef(name: "sales_type", type: .label, kind: .segment(.salesType),
                     summary: "wholesaler / retail chain / retail point (set, or from outlets and sales_type.chain_outlets)",
                     labels: ["wholesaler", "retail chain", "retail point"], writable: true),
            FieldDef(name: "status", type: .label, kind: .segment(.status),
                     summary: "potential / new / active / lost, from the order history and status.* settings",
                     labels: ["potential", "new", "active", "lost"]),
            FieldDef(name: "abc", type: .label, kind: .segment(.abc),
                     summary: "sales volume class A/B/C over the period (abc.* settings); empty without purchases",
                     labels: ["A", "B", "C"]),
            FieldDef(name: "risk", type: .integer, kind: .segment(.risk),
                     summary: "payment risk group 0-3 over the period (risk.* settings)"),
            FieldDef(name: "importance", type: .label, kind: .segment(.importance),
                     summary: "key / medium / small by cumulative share of sales over the period (importance.* settings)",
                     labels: ["key", "medium", "small"]),
            FieldDef(name: "importance_group", type: .text, kind: .segment(.importanceGroup),
                     summary: "the group importance is ranked within by default: the direction, or the region for the directions of importance.territorial_directions"),
            FieldDef(name: "rfm", type: .text, kind: .segment(.rfm),
                     summary: "RFM code over the period, e.g. 545: recency, frequency, monetary scores 1-5"),
            FieldDef(name: "rfm_r", type: .integer, kind: .segment(.rfmR), summary: "RFM recency score 1-5 (5: bought most recently)"),
            FieldDef(name: "rfm_f", type: .integer, kind: .segment(.rfmF), summary: "RFM frequency score 1-5 (5: most orders)"),
            FieldDef(name: "rfm_m", type: .integer, kind: .segment(.rfmM), summary: "RFM monetary score 1-5 (5: largest turnover)"),
            FieldDef(name: "rfm_segment", type: .text, kind: .segment(.rfmSegment),
                     summary: "named RFM segment over the period (Champions, At risk, ...): the rfm_segments table, else rfm.other_segment"),
            FieldDef(name: "credit_limit", type: .money, kind: .segment(.creditLimit),
                     summary: "credit limit: set per client; unset, first_deal.credit_per_outlet x outlets (x chain factor) on the first deal, else credit.default_limit (empty: no limit)",
                     writable: true),
            FieldDef(name: "open_balance", type: .money, kind: .segment(.openBalance),
                     summary: "shipped orders' net minus payments, as of today"),
            FieldDef(name: "exposure", type: .money, kind: .segment(.exposure),
                     summary: "what the client owes on shipped orders as of today (the credit limit is held against it)"),
            FieldDef(name: "shipment_blocked", type: .boolean, kind: .segment(.shipmentBlocked),
                     summary: "whether further shipments are blocked (see block_reasons)"),
            FieldDef(name: "block_reasons", type: .text, kind: .segment(.blockReasons),
                     summary: "why shipments are blocked, joined with '; ' (empty: not blocked)"),
            FieldDef(name: "sales_type_conflict", type: .text, kind: .segment(.salesTypeConflict),
                     summary: "why the stored sales_type contradicts outlets and sales_type.chain_outlets (empty: it does not, or it is not stored)"),
            FieldDef(name: "duplicate_of", type: .integer, kind: .segment(.duplicateOf),
                     summary: "the id of the first client (lowest id) with the same tax id or name (ignoring case, ё as е, spaces at the ends); empty for the first"),
            FieldDef(name: "duplicate_reason", type: .text, kind: .segment(.duplicateReason),
                     summary: "why duplicate_of matched: same tax id, or same name"),
            FieldDef(name: "last_contact", type: .date, kind: .segment(.lastContact),
                     summary: "date of the latest contact up to today: an interaction or a debt-collection action"),
            FieldDef(name: "days_since_contact", type: .integer, kind: .segment(.daysSinceContact),
                     summary: "days from last_contact to today (empty: never contacted)"),
            FieldDef(name: "next_promised_payment", type: .date, kind: .segment(.nextPromisedPayment),
                     summary: "the earliest payment date promised in debt-collection work, from today on"),
            FieldDef(name: "next_holiday", type: .date, kind: .segment(.nextHoliday),
                     summary: "the next date, from today (included), of a holiday of the client's activity or of everyone's (the holidays table)"),
            FieldDef(name: "next_holiday_name", type: .text, kind: .segment(.nextHolidayName),
                     summary: "the name of that holiday (two on one day: the first by name)"),
            FieldDef(name: "p_alive", type: .decimal, kind: .model(.pAlive),
                     summary: "estimate: probability (0 to 1) that the client still buys, BG/NBD over the period: p_alive(last 24 months)"),
            FieldDef(name: "expected_orders", type: .decimal, kind: .model(.expectedOrders(days: 0)),
                     summary: "estimate: expected orders in the next N days, BG/NBD: expected_orders(last 24 months, 90 days)"),
            FieldDef(name: "clv", type: .money, kind: .model(.clv(months: 0)),
                     summary: "estimate: lifetime value over the next N months, BG/NBD x Gamma-Gamma, discounted by clv.monthly_discount: clv(last 24 months, 12 months)"),
            FieldDef(name: "turnover", type: .money, kind: .metric(.turnover),
                     summary: "net amount of shipped orders in the period"),
            FieldDef(name: "orders_count", type: .integer, kind: .metric(.ordersCount),
                     summary: "number of shipped orders in the period"),
            FieldDef(name: "avg_order", type: .money, kind: .metric(.avgOrder),
                     summary: "average net amount of a shipped order in the period"),
            FieldDef(name: "first_order", type: .date, kind: .metric(.firstOrder), summary: "date of the first shipped order in the period"),
            FieldDef(name: "last_order", type: .date, kind: .metric(.lastOrder), summary: "date of the last shipped order in the period"),
            FieldDef(name: "days_since_last_order", type: .integer, kind: .metric(.daysSinceLastOrder),
                     summary: "days from the last shipped order in the period to today"),
            FieldDef(name: "late_payments", type: .integer, kind: .metric(.latePayments),
                     summary: "payment violations: orders of the period (and earlier ones open at its end: risk.debts) paid, or still unpaid, after their due date"),
            FieldDef(name: "max_overdue_days", type: .integer, kind: .metric(.maxOverdueDays),
                     summary: "longest overdue, in days, among orders of the period (and earlier ones open at its end: risk.debts)"),
            FieldDef(name: "unpaid", type: .money, kind: .metric(.unpaid),
                     summary: "amount not yet paid of orders of the period (and earlier ones open at its end: risk.debts)"),
        ],
        toMany: [ToMany(name: "orders", object: "orders", foreignKey: "client_id"),
                 ToMany(name: "contacts", object: "contacts", foreignKey: "client_id"),
                 ToMany(name: "interactions", object: "interactions", foreignKey: "client_id"),
                 ToMany(name: "contracts", object: "contracts", foreignKey: "client_id"),
                 ToMany(name: "conflicts", object: "conflicts", foreignKey: "client_id"),
                 ToMany(name: "collections", object: "collections", foreignKey: "client_id")],
        defaultColumns: ["id", "name", "region", "sales_type", "curator"])

    package static let orders = ObjectDef(
        name: "orders", singular: "order", table: "orders",
        summary: "shipments to clients, with amounts and due dates",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("number", .text, "document number"),
            FieldDef(name: "client", type: .integer, kind: .relation(object: "clients", foreignKey: "client_id"),
                     summary: "the client (client.name, client.region, ...)", writable: true, required: true),
            col("outlet", .integer, "the client's outlet it was shipped to"),
            col("order_date", .date, "order date", required: true),
            col("due_date", .date, "payment due date"),
            col("gross", .money, "amount before discount", column: "gross_minor", required: true),
            col("discount", .money, "discount amount", column: "discount_minor"),
            col("net", .money, "amount after discount", column: "net_minor"),
            col("status", .label, "shipped / returned / cancelled", labels: ["shipped", "returned", "cancelled"]),
            col("paid", .money, "amount paid so far (kept up to date from its payments)", column: "paid_minor", writable: false),
            col("last_paid", .date, "date of its latest payment", writable: false),
            col("override", .text, "the reason it was let through the first-deal or credit rules that refused it (add ... override \"reason\"), with the rules it overrode",
                column: "override_reason", writable: false),
        ],
        toMany: [ToMany(name: "payments", object: "payments", foreignKey: "order_id"),
                 ToMany(name: "lines", object: "order_lines", foreignKey: "order_id"),
                 ToMany(name: "collections", object: "collections", foreignKey: "order_id")],
        defaultColumns: ["id", "number", "order_date", "client", "net", "status"])

    package static let payments = ObjectDef(
        name: "payments", singular: "payment", table: "payments",
        summary: "money received against orders",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("number", .text, "payment document number"),
            FieldDef(name: "order", type: .integer, kind: .relation(object: "orders", foreignKey: "order_id"),
                     summary: "the order it pays (order.client.name, ...)", writable: true, required: true),
            col("date", .date, "payment date", required: true),
            col("amount", .money, "amount paid", column: "amount_minor", required: true),
        ],
        defaultColumns: ["id", "date", "order", "amount"])

    package static let contacts = ObjectDef(
        name: "contacts", singular: "contact", table: "contacts",
        summary: "people at clients: decision makers and buyers (personal fields are optional)",
        fields: [
            col("id", .integer, "internal number", writable: false),
            FieldDef(name: "client", type: .integer, kind: .relation(object: "clients", foreignKey: "client_id"),
                     summary: "the client the person works for", writable: true, required: true),
            col("name", .text, "full name", required: true),
            col("position", .text, "position"),
            col("work_phone", .text, "work phone"), col("home_phone", .text, "home phone"),
            col("email", .text, "e-mail"),
            col("birthday", .date, "birthday"),
            FieldDef(name: "next_birthday", type: .date, kind: .nextAnniversary(of: "birthday"),
                     summary: "the next date of the birthday from today (today included; 29 February on 28 February in common years)"),
            col("decision_maker", .boolean, "makes purchase decisions"),
        ],
        defaultColumns: ["id", "name", "position", "client", "birthday"])

    private static func client(_ summary: String = "the client (client.name, client.curator, ...)") -> FieldDef {
        FieldDef(name: "client", type: .integer, kind: .relation(object: "clients", foreignKey: "client_id"),
                 summary: summary, writable: true, required: true)
    }

    /// The dossier's history (DOMAIN.md "History"): contacts and negotiations, contracts,
    /// conflicts, and what was done to collect receivables.
    package static let interactions = ObjectDef(
        name: "interactions", singular: "interaction", table: "interactions",
        summary: "contacts and negotiations with clients: date, channel, result",
        fields: [
            col("id", .integer, "internal number", writable: false),
            client(),
            col("date", .date, "date of the contact", required: true),
            col("channel", .text, "call, meeting, e-mail, exhibition, ..."),
            col("result", .text, "what came of it"),
        ],
        defaultColumns: ["id", "date", "client", "channel", "result"])

    package static let contracts = ObjectDef(
        name: "contracts", singular: "contract", table: "contracts",
        summary: "contracts with clients: signed, executed, terms",
        fields: [
            col("id", .integer, "internal number", writable: false),
            client(),
            col("number", .text, "contract number"),
            col("signed", .date, "date signed"),
            col("executed", .date, "date executed (fulfilled)"),
            col("terms", .text, "terms"),
        ],
        defaultColumns: ["id", "number", "client", "signed", "executed", "terms"])

    package static let conflicts = ObjectDef(
        name: "conflicts", singular: "conflict", table: "conflicts",
        summary: "conflicts with clients and their resolution (masked for analysts and viewers)",
        fields: [
            col("id", .integer, "internal number", writable: false),
            client(),
            col("date", .date, "date of the conflict", required: true),
            col("description", .text, "what happened"),
            col("resolution", .text, "how it was resolved"),
        ],
        defaultColumns: ["id", "date", "client", "description", "resolution"])

    package static let collections = ObjectDef(
        name: "collections", singular: "collection", table: "collections",
        summary: "debt-collection work: actions on receivables, results, promised payments",
        fields: [
            col("id", .integer, "internal number", writable: false),
            FieldDef(name: "client", type: .integer, kind: .relation(object: "clients", foreignKey: "client_id"),
                     summary: "the client (given, or the order's client)", writable: true),
            FieldDef(name: "order", type: .integer, kind: .relation(object: "orders", foreignKey: "order_id"),
                     summary: "the order it concerns, if one (order.number, order.net, ...)", writable: true),
            col("date", .date, "date of the action", required: true),
            col("action", .text, "what was done: call, letter, claim, visit, court, ...", required: true),
            col("result", .text, "what came of it"),
            col("promised_date", .date, "the payment date the client promised"),
            col("promised_amount", .money, "the amount the client promised", column: "promised_minor"),
        ],
        defaultColumns: ["id", "date", "client", "order", "action", "result", "promised_date", "promised_amount"])

    /// An order's lines by product category: the first shipment's assortment rule reads them.
    package static let orderLines = ObjectDef(
        name: "order_lines", singular: "order_line", table: "order_lines",
        summary: "lines of orders: the amount per product category",
        fields: [
            col("id", .integer, "internal number", writable: false),
            FieldDef(name: "order", type: .integer, kind: .relation(object: "orders", foreignKey: "order_id"),
                     summary: "the order (order.number, order.client.name, ...)", writable: true, required: true),
            FieldDef(name: "category", type: .integer, kind: .relation(object: "categories", foreignKey: "category_id"),
                     summary: "the product category (category.name, category.goods_class, category.fast_moving)", writable: true, required: true),
            col("gross", .money, "amount of the line before discount", column: "gross_minor", required: true),
        ],
        defaultColumns: ["id", "order", "category", "gross"])

    package static let categories = ObjectDef(
        name: "categories", singular: "category", table: "categories",
        summary: "product categories (assortment lines) with their margin",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("name", .text, "category name", required: true),
            col("margin", .percent, "margin, percent of net revenue", column: "margin_bp"),
            col("min_margin", .percent, "the least margin a discount may leave on a line, percent of net revenue (empty: no floor)", column: "min_margin_bp"),
            col("goods_class", .label, "goods class A/B/C (fast-moving first)", labels: ["A", "B", "C"]),
            col("fast_moving", .boolean, "fast-moving goods"),
        ],
        defaultColumns: ["id", "name", "margin", "goods_class", "fast_moving"])

    package static let rules = ObjectDef(
        name: "rules", singular: "rule", table: "rules",
        summary: "discount rules: who gets which discount",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("name", .text, "rule name", required: true),
            col("condition", .text, "which clients it applies to, in the query language"),
            col("category", .text, "product category it is limited to (empty: all)"),
            col("discount", .percent, "flat discount", column: "percent_bp"),
            col("amount", .money, "fixed amount off each order, added after the percentages", column: "amount_minor"),
            col("tiers", .text, "tier table, JSON [{\"from\": minor units, \"bp\": basis points}] (see docs/discounts.md)"),
            col("tier_basis", .label, "what the tiers are by", labels: ["avg_order", "turnover"]),
            col("tier_mode", .label, "step: the tier reached gives its discount; marginal: each tier's discount on the part inside it", labels: ["step", "marginal"]),
            col("season_months", .text, "months of the year it is in force, e.g. 1,2,7 (empty: all year)"),
            col("cap", .percent, "for stacking rules: the most the combined discount may reach", column: "stack_cap_bp"),
            col("min_order", .money, "minimum order amount", column: "min_order_minor"),
            col("priority", .integer, "lower numbers are considered first"),
            col("combine", .label, "exclusive / best / stack", labels: ["exclusive", "best", "stack"]),
            col("valid_from", .date, "first day of validity"),
            col("valid_to", .date, "last day of validity"),
            col("enabled", .boolean, "whether the rule is in force"),
        ],
        // Changed only with rule / drop rule / enable rule / disable rule, so that every
        // stored condition has been checked.
        defaultColumns: ["name", "condition", "discount", "priority", "combine", "enabled"], mutable: false)

    /// Named RFM segments (docs/segmentation.md): `rfm_segment` is the first, by position, whose
    /// score ranges hold the client's R, F and M.
    package static let rfmSegments = ObjectDef(
        name: "rfm_segments", singular: "rfm_segment", table: "rfm_segments",
        summary: "named RFM segments: their R, F, M score ranges; the first by position wins",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("name", .text, "segment name (rfm_segment shows it)", required: true),
            col("position", .integer, "lower positions are tried first"),
            col("r_min", .integer, "lowest recency score it takes", required: true),
            col("r_max", .integer, "highest recency score it takes", required: true),
            col("f_min", .integer, "lowest frequency score it takes", required: true),
            col("f_max", .integer, "highest frequency score it takes", required: true),
            col("m_min", .integer, "lowest monetary score it takes", required: true),
            col("m_max", .integer, "highest monetary score it takes", required: true),
        ],
        defaultColumns: ["position", "name", "r_min", "r_max", "f_min", "f_max", "m_min", "m_max"])

    /// Professional and public holidays (docs/segmentation.md "Memorable dates"): a fixed day of
    /// a month, or a weekday of it; `next_holiday` of a client is the soonest of its activity's
    /// and everyone's.
    package static let holidays = ObjectDef(
        name: "holidays", singular: "holiday", table: "holidays",
        summary: "professional and public holidays: a day or weekday of a month, per activity",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("name", .text, "holiday name (next_holiday_name shows it)", required: true),
            col("month", .integer, "month 1-12", required: true),
            col("day", .integer, "day of the month (29 February: 28 February in common years); or empty with weekday and week"),
            col("weekday", .integer, "1 Monday ... 7 Sunday, with week"),
            col("week", .integer, "which weekday of the month: 1-4, or -1 for the last"),
            col("activity", .text, "the clients' activity it belongs to (see the activities list); empty: everyone's"),
            FieldDef(name: "next_date", type: .date, kind: .nextHoliday,
                     summary: "its next date from today (today included)"),
        ],
        defaultColumns: ["name", "month", "day", "weekday", "week", "activity"])

    package static let scenarios = ObjectDef(
        name: "scenarios", singular: "scenario", table: "scenarios",
        summary: "named what-if changes to the discount policy",
        fields: [
            col("id", .integer, "internal number", writable: false),
            col("name", .text, "scenario name"),
            col("source", .text, "the changes, as written"),
        ],
        defaultColumns: ["name", "source"], mutable: false)

    package static let settings = ObjectDef(
        name: "settings", singular: "setting", table: "settings",
        summary: "thresholds and options stored with the data (change with set, restore with reset)",
        fields: [
            col("key", .text, "setting name", writable: false),
            col("type", .text, "value type", writable: false),
            col("value", .text, "current value", writable: false),
            col("default_value", .text, "shipped default", writable: false),
            col("description", .text, "what it controls", writable: false),
        ],
        defaultColumns: ["key", "value", "default_value", "description"], mutable: false)

    /// The audit log (docs/team.md, "Audit log"): kept by the store's triggers, read-only in
    /// the language.
    package static let audit = ObjectDef(
        name: "audit", singular: "change", table: "audit",
        summary: "every change to the store: who, when, what, old and new values (read-only)",
        fields: [
            col("id", .integer, "internal number, in the order the changes were made", writable: false),
            col("at", .text, "when (UTC, YYYY-MM-DD HH:MM:SS.mmm)", column: "changed_at", writable: false),
            col("user", .text, "who: the database user (team store) or the OS user (SQLite file)", column: "user_name", writable: false),
            col("action", .label, "add / update / delete / import", writable: false, labels: ["add", "update", "delete", "import"]),
            col("object", .text, "the table changed (clients, orders, settings, rules...)", writable: false),
            col("key", .text, "which row: its id, or its name (rules, scenarios, categories), or a setting's key; an import: its id ranges", writable: false),
            FieldDef(name: "client", type: .integer, kind: .relation(object: "clients", foreignKey: "client_id"),
                     summary: "the client the changed row belongs to, where it applies (client.name, ...)"),
            col("old", .text, "the values before, as JSON of the stored columns (an update: only those it changed)", column: "old_values", writable: false),
            col("new", .text, "the values after, as JSON (an import: its source, row count and id ranges)", column: "new_values", writable: false),
        ],
        defaultColumns: ["at", "user", "action", "object", "key", "client", "old", "new"], mutable: false)
}
