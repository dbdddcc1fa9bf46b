/// A fast source of per-client measures (the SQLite backend: the order facts in memory, or
/// one scan of the orders), which the runtime hands to the planner for one statement. The
/// planner registers the column sets it needs and binds the id it gets back; the columns
/// are computed when the statement runs (`compute`), so planning alone (`explain`) scans
/// nothing. Without a source, or when it cannot answer, the measures come from SQL.
package protocol MeasureSource: AnyObject {
    /// Where the columns come from, for `explain` ("the order facts in memory"); meaningful
    /// once a `register` succeeded.
    var origin: String { get }
    /// Registers a column set for the statement being planned; returns the id SQL binds to
    /// read it (the same id for an equal request), or nil when this source cannot answer in
    /// this statement (the planner then writes SQL for the measure).
    func register(_ request: MeasureRequest) -> Int64?
    /// Computes every column set registered and not yet computed, before SQL that reads
    /// them runs. Throws `MeasuresUnavailable` when one cannot be computed in Swift (an
    /// overflow, a date out of the calendar): the runtime then plans the statement again
    /// without the source, and SQL reports the problem as it would have anyway.
    func compute() throws
    /// Column `column` of the set registered as `id`, for each client of `clients` (ids), to
    /// read in Swift rather than through SQL, once `compute` has run; nil when this source
    /// does not hold it. What SQL would read: no value where the client has no row.
    func values(of id: Int64, column: Int, clients: [Int64]) -> MeasureValues?
}

extension MeasureSource {
    package func values(of id: Int64, column: Int, clients: [Int64]) -> MeasureValues? { nil }
}

/// One computed column for a list of clients (`MeasureSource.values`): by position in the
/// list, the value (an integer, a day number, or an index into the labels) and whether
/// the client has one (SQL's NULL when not).
package struct MeasureValues: Sendable {
    package enum Kind: Sendable, Equatable { case integer, date, label([String]) }
    package var kind: Kind
    package var values: [Int64]
    package var present: [Bool]
    package init(kind: Kind, values: [Int64], present: [Bool]) { self.kind = kind; self.values = values; self.present = present }
}

/// A `MeasureSource` could not compute what it promised; the statement runs without it.
package struct MeasuresUnavailable: Error, Sendable, CustomStringConvertible {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { "per-client measures could not be computed in memory: \(reason)" }
}

/// A per-client column set the planner can ask a `MeasureSource` for. Its columns are
/// `columnNames`, in the order SQL reads them.
package indirect enum MeasureRequest: Hashable, Sendable, CustomStringConvertible {
    /// turnover, orders_count, first_order, last_order of the shipped orders in the range.
    case sales(DateRange)
    /// first_deal: 1 for a client whose only shipped order up to the range's end is in it.
    case firstDeals(DateRange)
    /// late_payments, max_overdue_days, unpaid of the range's orders as of `today`; with
    /// `openDebts`, also of the earlier shipped orders still open at the range's end (not paid
    /// in full, or their last payment after the end: setting risk.debts = open).
    case discipline(DateRange, today: CalendarDate, openDebts: Bool)
    /// class: classes by cumulative share of turnover, largest first (within the groups
    /// of a clients column, when given); `labels` has one more entry than `bounds` (basis
    /// points): the rest.
    case pareto(DateRange, partition: ClientPartition?, bounds: [Int64], labels: [String])
    /// class: the ABC class, by turnover thresholds (minor units) or by `share` (a
    /// `.pareto`), with `firstDealClass` for first deals when it is A, B or C.
    case abc(DateRange, aMin: Int64, bMin: Int64, share: MeasureRequest?, firstDealClass: String)
    /// r, f, m: quintile scores among the clients with sales in the range.
    case rfm(DateRange)
    /// code: the three RFM digits as one label.
    case rfmCode(DateRange)

    package static let salesColumns = ["turnover", "orders_count", "first_order", "last_order"]

    package var columnNames: [String] {
        switch self {
        case .sales: return MeasureRequest.salesColumns
        case .firstDeals: return ["first_deal"]
        case .discipline: return ["late_payments", "max_overdue_days", "unpaid"]
        case .pareto, .abc: return ["class"]
        case .rfm: return ["r", "f", "m"]
        case .rfmCode: return ["code"]
        }
    }

    /// How `explain` names the set.
    package var description: String {
        switch self {
        case .sales(let r): return "sales \(r)"
        case .firstDeals(let r): return "first deals \(r)"
        case .discipline(let r, _, let open): return "discipline \(r)\(open ? " with open debts" : "")"
        case .pareto(let r, let partition, let bounds, let labels):
            return "pareto \(r) per \(partition.map(\.description) ?? "-") "
                + zip(labels, bounds).map { "\($0)=\($1)" }.joined(separator: ",") + " " + (labels.last ?? "")
        case .abc(let r, let aMin, let bMin, let share, let firstDealClass):
            return "abc \(r) \(share != nil ? "share" : "\(aMin)/\(bMin)") first deal \(firstDealClass)"
        case .rfm(let r): return "rfm \(r)"
        case .rfmCode(let r): return "rfm code \(r)"
        }
    }
}
