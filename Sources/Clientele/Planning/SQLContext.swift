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
    /// when no payment is dated after today (the runtime asks the store before planning).
    /// Otherwise payments are read one by one.
    private(set) var paymentFactsAreCurrent = false
    /// Whether a final `group` of plain counts and sums may be grouped in memory rather
    /// than by SQLite's GROUP BY (GroupInMemory): `PlannerOptions`, set by the runtime.
    var groupsInMemory = PlannerOptions().groupsInMemory
    /// Where per-client measures are computed in Swift when the statement runs (the
    /// store's order facts, or one scan of the orders); nil: SQL computes them.
    var measures: (any MeasureSource)?

    init(dialect: SQLDialect = SQLiteDialect(), today: CalendarDate, defaultPeriod: PeriodSyntax, settings: StoreSettings,
         namespace: String = "") {
        self.dialect = dialect; self.today = today; self.defaultPeriod = defaultPeriod; self.settings = settings
        self.namespace = namespace
    }

    /// Lets the planner use the payment facts kept on orders (`current`: what the store
    /// answered for `today`, see `StoreTransaction.paymentFactsAreCurrent`).
    @discardableResult
    func usePaymentFacts(_ current: Bool) -> SQLContext {
        paymentFactsAreCurrent = current
        return self
    }

    /// The per-client tables computed in Swift for this statement, for `explain`: each
    /// one's placeholder and what it holds, and where they come from.
    var computedColumns: (source: String, tables: [(placeholder: String, key: String)])? {
        guard !computedInOrder.isEmpty, let measures else { return nil }
        return (measures.origin, computedInOrder)
    }
    private var computedInOrder: [(placeholder: String, key: String)] = []

    private var handles: [MeasureRequest: MeasureHandle] = [:]

    /// A per-client column set computed in Swift (by `measures`, when the statement runs),
    /// once per request and context; nil without a source that can answer.
    func clientColumns(_ request: MeasureRequest) -> MeasureHandle? {
        if let h = handles[request] { return h }
        guard let id = measures?.register(request) else { return nil }
        let handle = MeasureHandle(request: request, placeholder: bind(.integer(id)))
        handles[request] = handle
        computedInOrder.append((handle.placeholder, request.description))
        return handle
    }

    /// Computes the measures this context's SQL reads; call before running it.
    func computeMeasures() throws {
        if !handles.isEmpty { try measures?.compute() }
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

/// A column set the planner registered with the statement's `MeasureSource`: the
/// placeholder bound to its id, and its columns by name.
struct MeasureHandle {
    let request: MeasureRequest
    let placeholder: String
    var names: [String] { request.columnNames }
    func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
