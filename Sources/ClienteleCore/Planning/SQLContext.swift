/// State shared by everything compiled for one statement: bound values, common table
/// expressions, fresh aliases, and what the planner needs to know at run time.
package final class SQLContext {
    package let dialect: SQLDialect
    package let today: CalendarDate
    package let defaultPeriod: PeriodSyntax
    package let settings: StoreSettings
    /// Bound values, common table expressions and fresh names (StatementContext).
    package let statement: StatementContext
    /// Whether `orders.paid_minor` / `orders.last_paid` say what was paid as of `today`: true
    /// when no payment is dated after today (the runtime asks the store before planning).
    /// Otherwise payments are read one by one.
    package private(set) var paymentFactsAreCurrent = false
    /// Whether a final `group` of plain counts and sums may be grouped in memory rather
    /// than by SQLite's GROUP BY (GroupInMemory): `PlannerOptions`, set by the runtime.
    package var groupsInMemory = PlannerOptions().groupsInMemory
    /// Whether `==`, `~`, `~=` on text tell е and ё apart (`set yo = "distinct"`); by
    /// default they are the same letter, as Russian writing mostly treats them.
    package var yoDistinct = false
    /// `set months = "ru"`: how month buckets are shown to people (the result's columns say so).
    package var monthNames: MonthNames = .iso
    /// Where per-client measures are computed in Swift when the statement runs (the
    /// store's order facts, or one scan of the orders); nil: SQL computes them.
    package var measures: (any MeasureSource)?
    /// Why the store cannot call the engine's functions computed in Swift (it said so when
    /// they were installed); a statement that calls one fails with this.
    package var swiftFunctionsRefused: StoreError?
    /// Where the per-client estimates of the customer-base models come from (the runtime
    /// fits the models when the planner asks); nil: a statement that uses one fails.
    package var models: (any ClientModelSource)?
    /// What the statement estimated with the models, for the line under its result.
    package var modelNotes: [String] = []

    package init(dialect: SQLDialect, today: CalendarDate, defaultPeriod: PeriodSyntax, settings: StoreSettings,
         namespace: String = "") {
        self.dialect = dialect; self.today = today; self.defaultPeriod = defaultPeriod; self.settings = settings
        statement = StatementContext(namespace: namespace)
    }

    /// Lets the planner use the payment facts kept on orders (`current`: what the store
    /// answered for `today`, see `StoreTransaction.paymentFactsAreCurrent`).
    @discardableResult
    package func usePaymentFacts(_ current: Bool) -> SQLContext {
        paymentFactsAreCurrent = current
        return self
    }

    /// The per-client tables computed in Swift for this statement, for `explain`: each
    /// one's placeholder and what it holds, and where they come from.
    package var computedColumns: (source: String, tables: [(placeholder: SQLExpr, key: String)])? {
        guard !computedInOrder.isEmpty, let measures else { return nil }
        return (measures.origin, computedInOrder)
    }
    private var computedInOrder: [(placeholder: SQLExpr, key: String)] = []

    private var handles: [MeasureRequest: MeasureHandle] = [:]

    /// A per-client column set computed in Swift (by `measures`, when the statement runs),
    /// once per request and context; nil without a source that can answer.
    package func clientColumns(_ request: MeasureRequest) -> MeasureHandle? {
        if let h = handles[request] { return h }
        guard let id = measures?.register(request) else { return nil }
        let handle = MeasureHandle(request: request, placeholder: bind(.integer(id)))
        handles[request] = handle
        computedInOrder.append((handle.placeholder, request.description))
        return handle
    }

    /// Computes the measures this context's SQL reads; call before running it.
    package func computeMeasures() throws {
        if !handles.isEmpty { try measures?.compute() }
    }
}

/// A column set the planner registered with the statement's `MeasureSource`: the
/// placeholder bound to its id, and its columns by name.
package struct MeasureHandle {
    package let request: MeasureRequest
    package let placeholder: SQLExpr
    package var names: [String] { request.columnNames }
    package func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
