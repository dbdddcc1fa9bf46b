/// The checked, typed form of a script: what the planner turns into SQL.

package enum AggregateKind: String, Sendable {
    case count, sum, avg, min, max
}

/// A field reached from the pipeline's object through to-one relationships:
/// `client.region` from orders is hops ["client"] then field region of clients.
package struct FieldPath: Sendable {
    package var hops: [(name: String, object: ObjectDef, foreignKey: String)]
    package var field: FieldDef
    package var owner: ObjectDef
    /// For metrics and period segments: the explicit period, or nil for the session period.
    package var period: PeriodSyntax?

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(hops: [(name: String, object: ObjectDef, foreignKey: String)], field: FieldDef, owner: ObjectDef, period: PeriodSyntax? = nil) {
        self.hops = hops
        self.field = field
        self.owner = owner
        self.period = period
    }
}

package indirect enum TypedNode: Sendable {
    case literal(Value)
    case field(FieldPath)
    /// A column produced by an earlier select / group stage.
    case column(index: Int)
    case unary(UnaryOperator, TypedExpr)
    case binary(BinaryOperator, TypedExpr, TypedExpr)
    /// A scalar function: a built-in one (`today()` too) or one the host registered.
    case function(FunctionRef, [TypedExpr])
    /// `count()`, `sum(net)`, `count(distinct region)`, `sum(turnover where abc == "A")`.
    case aggregate(AggregateKind, TypedExpr?, distinct: Bool, filter: TypedExpr? = nil)
    /// `share(sum(turnover))`: the aggregate's share of its total over all groups.
    case share(TypedExpr)
    /// `count(orders where net > 100)`, `sum(orders.net)`: a correlated aggregate.
    case relationAggregate(AggregateKind, ToMany, ObjectDef, TypedExpr?, filter: TypedExpr?)
    case inList(TypedExpr, [TypedExpr], negated: Bool)
    case inRange(TypedExpr, TypedExpr, TypedExpr, negated: Bool)
    case inPeriod(TypedExpr, PeriodSyntax, negated: Bool)
    /// Next anniversary of a date within N days of today.
    case within(TypedExpr, days: Int64)
    /// `running_sum(net by client)`, `rank(turnover desc)`: a window function over the rows
    /// (WindowChecker.swift); `descending` orders a rank.
    case window(WindowKind, TypedExpr, partition: [TypedExpr], descending: Bool)
}

/// The window functions of `derive` and `select`.
package enum WindowKind: String, Sendable, CaseIterable {
    case runningSum = "running_sum", rank, previous, next, change
    /// `share(net)` outside agg: the row's share of the total of its partition.
    case share
}

package struct TypedExpr: Sendable {
    package var node: TypedNode
    package var type: ValueType
    package var span: SourceSpan
    package var labels: [String] = []
    /// A month bucket (`month_of(d)`, or a column holding one): text `2025-03` that the
    /// session's `months` setting may show by name (`мар 2025`) to people.
    package var monthBucket = false

    /// Whether a window function is in the expression.
    package var containsWindow: Bool {
        switch node {
        case .window: return true
        case .unary(_, let e): return e.containsWindow
        case .binary(_, let a, let b): return a.containsWindow || b.containsWindow
        case .function(_, let args): return args.contains { $0.containsWindow }
        default: return false
        }
    }

    package var isAggregate: Bool {
        switch node {
        case .aggregate, .share: return true
        case .unary(_, let e): return e.isAggregate
        case .binary(_, let a, let b): return a.isAggregate || b.isAggregate
        case .function(_, let args): return args.contains { $0.isAggregate }
        default: return false
        }
    }

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(node: TypedNode, type: ValueType, span: SourceSpan, labels: [String] = [], monthBucket: Bool = false) {
        self.node = node
        self.type = type
        self.span = span
        self.labels = labels
        self.monthBucket = monthBucket
    }
}

package struct OutputColumn: Sendable {
    package var name: String
    package var type: ValueType
    package var labels: [String] = []
    /// The column holds month buckets (`month_of`): see `TypedExpr.monthBucket`.
    package var monthBucket = false

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(name: String, type: ValueType, labels: [String] = [], monthBucket: Bool = false) {
        self.name = name
        self.type = type
        self.labels = labels
        self.monthBucket = monthBucket
    }

    /// The column an expression makes: its type, labels and whether it is a month bucket.
    package init(name: String, of expr: TypedExpr) {
        self.init(name: name, type: expr.type, labels: expr.labels, monthBucket: expr.monthBucket)
    }
}

package enum CheckedStage: Sendable {
    case filter(TypedExpr)
    case sort([(TypedExpr, descending: Bool)])
    case take(Int64)
    case skip(Int64)
    case select([(String, TypedExpr)])
    case group(keys: [(String, TypedExpr)], aggregates: [(String, TypedExpr)])
    case aggregate([(String, TypedExpr)])
    case distinct
    /// The last stage: the rows read are laid out as a cross table (the engine's CrossTab).
    case pivot(PivotSpec)
}

/// `pivot KEY` over a grouped result: the row keys, the key spread across as columns, the
/// one value in the cells, and whether the value adds up (count, sum) so it has totals.
package struct PivotSpec: Sendable {
    package var rowKeys: [Int]
    package var columnKey: Int
    package var value: Int
    package var totals: Bool
    /// A last column, `trend`, drawing each row's cells as a sparkline.
    package var spark = false
    /// false for `spark KEY`: no cell per value of the key, no total row; the row keys, the
    /// value's total over the key (a count or a sum) and the `trend` column only.
    package var cells = true
}

/// What the rows of a `group` are, for a `pivot` after it: how many keys come first, and
/// which aggregates add up.
package struct GroupedResult: Sendable {
    package var keyCount: Int
    package var additive: [Bool]
}

package enum ResultShape: Sendable { case table, count, chart, lineChart, pivot }

package struct CheckedPipeline: Sendable {
    package var object: ObjectDef
    package var stages: [CheckedStage]
    /// Columns of the result (for a table-shaped pipeline).
    package var columns: [OutputColumn]
    package var shape: ResultShape
    /// True while the rows are still whole objects (no select/group yet): update and delete need it.
    package var isObjectScoped: Bool
    package var hasFilter: Bool

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(object: ObjectDef, stages: [CheckedStage], columns: [OutputColumn], shape: ResultShape, isObjectScoped: Bool, hasFilter: Bool) {
        self.object = object
        self.stages = stages
        self.columns = columns
        self.shape = shape
        self.isObjectScoped = isObjectScoped
        self.hasFilter = hasFilter
    }
}

package enum CheckedStatement: Sendable {
    case query(CheckedPipeline, SourceSpan)
    case letBinding(String, LetBinding)
    case setSession(String, SessionValue)
    case setStore(key: String, value: Value, type: ValueType)
    /// `set KEY = VALUE` of a store setting: for this session only (`set stored` stores it).
    case setSessionSetting(key: String, value: Value)
    /// `reset stored [KEY]`: the store's value(s) back to the default.
    case reset(String?)
    /// `reset [KEY]`: this session's own value(s) dropped.
    case resetSession(String?)
    case add(ObjectDef, [(FieldDef, TypedExpr)], override: String?)
    case update(CheckedPipeline, [(FieldDef, TypedExpr)])
    case delete(CheckedPipeline)
    case describe(ObjectDef?)
    case help(String?)
    case explain(CheckedPipeline)
    case importFile(path: String, target: String, options: [ImportClause])
    case export(CheckedPipeline, path: String, options: [ExportClause])
    /// A command's main table written to a file (`export segment … to "f.csv"`).
    indirect case exportResult(CheckedStatement, path: String, options: [ExportClause])
    /// Segmentation commands (Analytics/).
    case segment(CheckedSegment)
    case movement(CheckedMovement)
    case checkShipment(CheckedShipmentCheck)
    /// Cohorts and the customer-base models (Analytics/ModelCommands.swift).
    case model(CheckedModelCommand)
    /// Discount rules, scenarios, compare, explain discount (Analytics/).
    case policy(CheckedPolicy)
    /// Roles of the team store (Runtime/AccessCommands.swift).
    case access(AccessCommand)
}

/// Values of session settings.
package enum SessionValue: Sendable {
    case period(PeriodSyntax)
    case date(CalendarDate)
    /// `set yo = "distinct"` / `"same"`: whether text comparisons tell е and ё apart.
    case yoDistinct(Bool)
    /// `set months = "ru"`: how month buckets are shown to people.
    case months(MonthNames)
}
