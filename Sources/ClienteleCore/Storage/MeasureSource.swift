/// A fast source of per-client measures (the SQLite backend: order facts in memory, or one
/// scan of the orders), which the runtime hands to the planner. The planner asks for the
/// column sets it needs (`register`) and binds the handle it gets back; the columns are
/// computed when the statement runs (`compute`), so planning alone (`explain`) scans
/// nothing. Without a source, or when computing fails, the same measures come from SQL.
package protocol MeasureSource: AnyObject {
    /// Where the columns come from, for `explain` ("the order facts in memory").
    var origin: String { get }
    /// Registers a column set for the statement being planned; returns the id SQL binds
    /// to read it (the same id for an equal request).
    func register(_ request: MeasureRequest) -> Int64
    /// Computes every registered column set, before the statement's SQL runs. Throws when
    /// one cannot be computed in Swift (an overflow, a date out of the calendar): the
    /// runtime then plans the statement again without the source.
    func compute() throws
    /// Drops the computed columns (the statement ended).
    func release()
}

/// A per-client column set the planner can ask a `MeasureSource` for.
package indirect enum MeasureRequest: Hashable, Sendable {
    /// turnover, orders_count, first_order, last_order of shipped orders in the range.
    case sales(DateRange)
    /// first_deal: 1 for a client whose only shipped order up to the range's end is in it.
    case firstDeals(DateRange)
    /// late_payments, max_overdue_days, unpaid as of `today`.
    case discipline(DateRange, today: CalendarDate)
    /// class: cumulative-share classes of turnover (within groups of a clients column).
    case pareto(DateRange, partition: String?, bounds: [Int64], labels: [String])
    /// class: the ABC class by thresholds or by share, with the first-deal class.
    case abc(DateRange, aMin: Int64, bMin: Int64, byShare: MeasureRequest?, firstDealClass: String?)
    /// r, f, m: quintile scores.
    case rfm(DateRange)
    /// code: the three RFM digits as one label.
    case rfmCode(DateRange)

    /// The columns of the set, in the order SQL reads them (column k is the k-th name).
    package var columnNames: [String] {
        switch self {
        case .sales: return ["turnover", "orders_count", "first_order", "last_order"]
        case .firstDeals: return ["first_deal"]
        case .discipline: return ["late_payments", "max_overdue_days", "unpaid"]
        case .pareto, .abc: return ["class"]
        case .rfm: return ["r", "f", "m"]
        case .rfmCode: return ["code"]
        }
    }
}
