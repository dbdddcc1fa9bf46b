/// The checked, typed form of a script: what the planner turns into SQL.

public enum AggregateKind: String, Sendable {
    case count, sum, avg, min, max
}

/// A field reached from the pipeline's object through to-one relationships:
/// `client.region` from orders is hops ["client"] then field region of clients.
struct FieldPath: Sendable {
    var hops: [(name: String, object: ObjectDef, foreignKey: String)]
    var field: FieldDef
    var owner: ObjectDef
    /// For metrics and period segments: the explicit period, or nil for the session period.
    var period: PeriodSyntax?
}

indirect enum TypedNode: Sendable {
    case literal(Value)
    case field(FieldPath)
    /// A column produced by an earlier select / group stage.
    case column(index: Int)
    case unary(String, TypedExpr)
    case binary(String, TypedExpr, TypedExpr)
    case function(String, [TypedExpr])
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
    case today
}

struct TypedExpr: Sendable {
    var node: TypedNode
    var type: ValueType
    var span: SourceSpan
    var labels: [String] = []

    var isAggregate: Bool {
        switch node {
        case .aggregate, .share: return true
        case .unary(_, let e): return e.isAggregate
        case .binary(_, let a, let b): return a.isAggregate || b.isAggregate
        case .function(_, let args): return args.contains { $0.isAggregate }
        default: return false
        }
    }
}

struct OutputColumn: Sendable {
    var name: String
    var type: ValueType
    var labels: [String] = []
}

enum CheckedStage: Sendable {
    case filter(TypedExpr)
    case sort([(TypedExpr, descending: Bool)])
    case take(Int64)
    case skip(Int64)
    case select([(String, TypedExpr)])
    case group(keys: [(String, TypedExpr)], aggregates: [(String, TypedExpr)])
    case aggregate([(String, TypedExpr)])
    case distinct
}

enum ResultShape: Sendable { case table, count, chart }

struct CheckedPipeline: Sendable {
    var object: ObjectDef
    var stages: [CheckedStage]
    /// Columns of the result (for a table-shaped pipeline).
    var columns: [OutputColumn]
    var shape: ResultShape
    /// True while the rows are still whole objects (no select/group yet): update and delete need it.
    var isObjectScoped: Bool
    var hasFilter: Bool
}

enum CheckedStatement: Sendable {
    case query(CheckedPipeline, SourceSpan)
    case letBinding(String, LetBinding)
    case setSession(String, SessionValue)
    case setStore(key: String, value: Value, type: ValueType)
    case reset(String?)
    case add(ObjectDef, [(FieldDef, TypedExpr)])
    case update(CheckedPipeline, [(FieldDef, TypedExpr)])
    case delete(CheckedPipeline)
    case describe(ObjectDef?)
    case help(String?)
    case explain(CheckedPipeline)
    case importFile(path: String, target: String, options: [ImportClause])
    case export(CheckedPipeline, path: String, options: [ExportClause])
    /// Segmentation commands (Analytics/).
    case segment(CheckedSegment)
    case movement(CheckedMovement)
    case checkShipment(CheckedShipmentCheck)
    /// Discount rules, scenarios, compare, explain discount (Analytics/).
    case policy(CheckedPolicy)
}

/// Values of session settings.
enum SessionValue: Sendable {
    case period(PeriodSyntax)
    case date(CalendarDate)
}
