import GRDB
import ClienteleCore

/// State shared by everything compiled for one statement: bound values, common table
/// expressions, fresh aliases, and what the planner needs to know at run time.
final class SQLContext {
    let dialect: SQLDialect
    let today: CalendarDate
    let defaultPeriod: PeriodSyntax
    let settings: StoreSettings
    private(set) var arguments: [String: DatabaseValue] = [:]
    /// Bound values in binding order, for `explain`.
    private(set) var boundInOrder: [(String, Value)] = []
    private var registered: [(name: String, sql: String)] = []
    /// CTEs whose select list is written at the end with only the columns used.
    private var templates: [String: (columns: [(name: String, expression: String)], rest: String)] = [:]
    private var used: [String: Set<String>] = [:]

    /// The common table expressions, each aggregating only the columns used.
    var ctes: [(name: String, sql: String)] {
        registered.map { entry in
            guard let t = templates[entry.name] else { return entry }
            let wanted = used[entry.name] ?? []
            var columns = t.columns.filter { wanted.contains($0.name) }
            if columns.isEmpty { columns = t.columns }
            return (entry.name, "SELECT client_id, " + columns.map { "\($0.expression) AS \($0.name)" }.joined(separator: ", ") + " " + t.rest)
        }
    }
    private var cteByKey: [String: String] = [:]
    private var counter = 0
    /// Prefix of every fresh name (placeholders, CTEs, aliases), so the SQL of several
    /// contexts can be combined into one statement without clashes.
    let namespace: String
    /// Whether `orders.paid_minor` / `orders.last_paid` say what was paid as of `today`: true
    /// when no payment is dated after today. Otherwise payments are read one by one.
    private(set) var paymentFactsAreCurrent = false
    /// Where the in-memory order facts come from, when the store keeps them (FactsCache);
    /// asked at most once, when a measure first needs orders.
    var factsProvider: (() -> OrderFacts?)?
    /// The statement's transaction, for the few reads the planner makes with the facts
    /// (a client column to group by). Set together with `factsProvider`.
    var database: Database?
    /// Whether a final `group` of plain counts and sums may be grouped in memory rather
    /// than by SQLite's GROUP BY (GroupInMemory): `PlannerOptions`, set by the runtime.
    var groupsInMemory = PlannerOptions().groupsInMemory
    /// Where SQL finds the columns computed in Swift (the store's); set with `database`.
    var columnsRegistry: ColumnsRegistry?
    /// Keeps this statement's computed columns in the registry while the statement lives.
    private var columnsLease: ColumnsRegistry.Lease?
    private var factsResolved = false
    private var cachedFacts: OrderFacts?
    /// Without facts in memory: whether per-client measures may come from one scan of the
    /// orders in this statement's transaction (OrderScan) rather than SQL's GROUP BY.
    var scansOrders = false
    /// An order scan shared with other contexts of the same transaction (a comparison
    /// plans several); nil: this context makes its own.
    var scanProvider: (() -> OrderScan?)?
    private var scanResolved = false
    private var scan: OrderScan?

    /// The order facts snapshot valid in this statement's transaction, if any. Held here,
    /// so it stays alive while the statement runs.
    var facts: OrderFacts? {
        if !factsResolved {
            factsResolved = true
            cachedFacts = factsProvider?()
        }
        return cachedFacts
    }

    init(dialect: SQLDialect = SQLiteDialect(), today: CalendarDate, defaultPeriod: PeriodSyntax, settings: StoreSettings,
         namespace: String = "") {
        self.dialect = dialect; self.today = today; self.defaultPeriod = defaultPeriod; self.settings = settings
        self.namespace = namespace
    }

    /// Lets the planner use the payment facts kept on orders when they are current for
    /// `today` (one index probe on payments by date).
    @discardableResult
    func usePaymentFacts(ifCurrentIn db: Database) throws -> SQLContext {
        paymentFactsAreCurrent = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM payments WHERE date > ?)",
                                                     arguments: [today.iso]) ?? true)
        return self
    }

    /// Where per-client measures over orders are computed in Swift: the facts in memory,
    /// else one scan of the orders (when allowed); nil: SQL computes them.
    var orders: OrderSource? {
        if let facts { return facts }
        guard scansOrders, let database else { return nil }
        if !scanResolved {
            scanResolved = true
            scan = scanProvider?() ?? (try? OrderScan(database))
        }
        return scan
    }

    /// Lets this statement read the store's in-memory order facts (when they are valid in
    /// the transaction of `db`), or else scan the orders (as `cache.scansOrders` says).
    @discardableResult
    func readFacts(from cache: FactsCache, in db: Database) -> SQLContext {
        factsProvider = { cache.facts(for: db) }
        database = db
        columnsRegistry = cache.columns
        scansOrders = cache.scansOrders
        return self
    }

    /// The per-client tables computed in Swift for this statement, for `explain`: each
    /// one's placeholder and what it holds, and where they came from.
    var computedColumns: (source: String, tables: [(placeholder: String, key: String)])? {
        guard !computedInOrder.isEmpty else { return nil }
        return (facts != nil ? "the order facts in memory" : "one scan of the orders", computedInOrder)
    }
    private var computedInOrder: [(placeholder: String, key: String)] = []

    private var columnsByKey: [String: (columns: ClientColumns, placeholder: String)] = [:]

    /// Per-client results computed in Swift from the orders (`orders`), once per key and
    /// statement; nil without a source (or when computing fails, e.g. on overflow: the SQL
    /// then reports it). Held by the context, so SQL can read them while the statement runs.
    func clientColumns(key: String, compute: (OrderSource) throws -> ClientColumns) -> (columns: ClientColumns, placeholder: String)? {
        if let c = columnsByKey[key] { return c }
        // Interrupted (maybe inside an earlier compute, whose error falls back to SQL here):
        // compute nothing more; the statement's SQL stops at once (see Interruption).
        if Interruption.current?.isRequested == true { return nil }
        guard let registry = columnsRegistry, let orders, let columns = try? compute(orders) else { return nil }
        if columnsLease == nil { columnsLease = registry.lease() }
        columnsLease?.publish(columns)
        let entry = (columns, bind(.integer(columns.id)))
        columnsByKey[key] = entry
        computedInOrder.append((entry.1, key))
        return entry
    }

    func freshName(_ prefix: String) -> String {
        counter += 1
        return "\(namespace)\(prefix)\(counter)"
    }

    /// Binds a value and returns its placeholder. Values never enter SQL text.
    func bind(_ v: Value) -> String {
        let name = freshName("p")
        arguments[name] = SQLContext.databaseValue(v)
        boundInOrder.append((name, v))
        return dialect.placeholder(name)
    }

    func bind(_ date: CalendarDate) -> String { bind(.date(date)) }

    /// The SQL representation of each type: money as minor units, percent as basis points,
    /// decimal as hundredths, dates as ISO text, booleans as 0/1.
    static func databaseValue(_ v: Value) -> DatabaseValue {
        switch v {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .decimal(let d): return Checker.scaled(d, 100).databaseValue
        case .money(let m): return m.minorUnits.databaseValue
        case .percent(let p): return p.basisPoints.databaseValue
        case .date(let d): return d.iso.databaseValue
        case .text(let s): return s.databaseValue
        case .boolean(let b): return (b ? 1 : 0).databaseValue
        }
    }

    /// Registers a CTE once per key and returns its name.
    func cte(key: String, prefix: String, build: (String) -> String) -> String {
        if let name = cteByKey[key] { return name }
        let name = freshName(prefix)
        cteByKey[key] = name
        let sql = build(name)
        registered.append((name, sql))
        return name
    }

    /// Registers a per-client CTE (`SELECT client_id, <columns> <rest>`) once per key;
    /// its select list keeps only the columns marked with `use(_:of:)`.
    func cte(key: String, prefix: String, columns: [(name: String, expression: String)], rest: () -> String) -> String {
        cte(key: key, prefix: prefix) { name in
            templates[name] = (columns, rest())
            return ""
        }
    }

    func use(_ columns: [String], of cte: String) {
        used[cte, default: []].formUnion(columns)
    }

    func withClause() -> String {
        ctes.isEmpty ? "" : "WITH " + ctes.map { "\($0.name) AS (\($0.sql))" }.joined(separator: ",\n     ") + "\n"
    }

    var statementArguments: StatementArguments { StatementArguments(arguments) }
}

extension StoreSettings {
    static func load(_ db: Database) throws -> StoreSettings {
        var values: [String: (String, String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, type, value FROM settings") {
            values[row["key"]] = (row["type"], row["value"])
        }
        return StoreSettings(values: values)
    }
}
