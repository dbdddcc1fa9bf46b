/// `pivot KEY`: a grouped result as a cross table (psql's `\crosstabview`). The other group
/// keys make the rows, the key's values the columns, the group's one aggregate the cells;
/// counts and sums get a total row and column.
extension Checker {
    /// `stage`: "pivot", or "spark" (`spark KEY`, the same shape without the cells), for the
    /// messages.
    package mutating func checkPivot(_ key: Name, span: SourceSpan, scope: Scope, grouped: GroupedResult?,
                                     stage: String = "pivot") throws -> PivotSpec {
        let pivot = stage == "pivot"
        let example = pivot ? "e.g. clients | group region, abc agg n = count() | pivot abc"
            : "e.g. orders | group client.region, month = month_of(order_date) agg revenue = sum(net) | spark month"
        guard let grouped, case .columns(let cols) = scope else {
            throw error(pivot ? "pivot needs a grouped result: group the rows by two keys first"
                              : "spark needs a grouped result: group the rows by the series' key and another first", span, help: example)
        }
        let keys = Array(cols.prefix(grouped.keyCount))
        guard let index = keys.firstIndex(where: { $0.name.lowercased() == key.text.lowercased() }) else {
            if cols.contains(where: { $0.name.lowercased() == key.text.lowercased() }) {
                throw error(pivot ? "pivot spreads a group key across the columns; '\(key.text)' is an aggregate"
                                  : "spark draws a series over a group key; '\(key.text)' is an aggregate", key.span,
                            help: "group keys here are: " + keys.map(\.name).joined(separator: ", "))
            }
            throw error("unknown group key '\(key.text)'", key.span,
                        help: Suggestions.didYouMean(key.text, keys.map(\.name)) ?? "group keys here are: " + keys.map(\.name).joined(separator: ", "))
        }
        guard grouped.keyCount >= 2 else {
            throw error(pivot ? "pivot needs two group keys: one for the rows, one for the columns"
                              : "spark needs two group keys: one for the rows, one for the series", span, help: example)
        }
        let values = cols.count - grouped.keyCount
        guard values == 1 else {
            throw error("\(stage) \(pivot ? "puts one value in its cells" : "draws one value"), but this group has \(values): "
                        + cols.dropFirst(grouped.keyCount).map(\.name).joined(separator: ", "), span,
                        help: pivot ? "keep one aggregate: group region, abc agg revenue = sum(turnover) | pivot abc"
                                    : "keep one aggregate: group region, month = month_of(order_date) agg revenue = sum(net) | spark month")
        }
        return PivotSpec(rowKeys: (0..<grouped.keyCount).filter { $0 != index }, columnKey: index,
                         value: grouped.keyCount, totals: grouped.additive[0])
    }

    /// Whether an aggregate's values over parts add up to its value over the whole.
    package static func isAdditive(_ t: TypedExpr) -> Bool {
        if case .aggregate(let kind, _, let distinct, _) = t.node { return !distinct && (kind == .count || kind == .sum) }
        return false
    }
}
