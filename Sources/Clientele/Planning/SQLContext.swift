import GRDB
import ClienteleCore

/// State shared by everything compiled for one statement: bound values, common table
/// expressions, fresh aliases, and what the planner needs to know at run time.
final class SQLContext {
    let dialect: SQLDialect
    let today: CalendarDate
    let defaultPeriod: PeriodSyntax
    let settings: StoreSettings
    /// Bound values, common table expressions and fresh names (StatementContext).
    let statement: StatementContext
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
    /// than by SQLite's GROUP BY (GroupInMemory). Tests turn it off to compare the two.
    var groupsInMemory = SQLContext.groupInMemoryByDefault
    nonisolated(unsafe) static var groupInMemoryByDefault = true
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

    init(dialect: SQLDialect, today: CalendarDate, defaultPeriod: PeriodSyntax, settings: StoreSettings,
         namespace: String = "") {
        self.dialect = dialect; self.today = today; self.defaultPeriod = defaultPeriod; self.settings = settings
        statement = StatementContext(namespace: namespace)
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
        scansOrders = cache.scansOrders
        return self
    }

    /// The per-client tables computed in Swift for this statement, for `explain`: each
    /// one's placeholder and what it holds, and where they came from.
    var computedColumns: (source: String, tables: [(placeholder: SQLExpr, key: String)])? {
        guard !computedInOrder.isEmpty else { return nil }
        return (facts != nil ? "the order facts in memory" : "one scan of the orders", computedInOrder)
    }
    private var computedInOrder: [(placeholder: SQLExpr, key: String)] = []

    private var columnsByKey: [String: (columns: ClientColumns, placeholder: SQLExpr)] = [:]

    /// Per-client results computed in Swift from the orders (`orders`), once per key and
    /// statement; nil without a source (or when computing fails, e.g. on overflow: the SQL
    /// then reports it). Held by the context, so SQL can read them while the statement runs.
    func clientColumns(key: String, compute: (OrderSource) throws -> ClientColumns) -> (columns: ClientColumns, placeholder: SQLExpr)? {
        if let c = columnsByKey[key] { return c }
        // Interrupted (maybe inside an earlier compute, whose error falls back to SQL here):
        // compute nothing more; the statement's SQL stops at once (see Interruption).
        if Interruption.current?.isRequested == true { return nil }
        guard let orders, let columns = try? compute(orders) else { return nil }
        FactsTable.publish(columns)
        let entry = (columns, bind(.integer(columns.id)))
        columnsByKey[key] = entry
        computedInOrder.append((entry.1, key))
        return entry
    }
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
