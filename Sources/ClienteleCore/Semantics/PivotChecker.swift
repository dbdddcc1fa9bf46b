/// `pivot KEY`: a grouped result as a cross table (psql's `\crosstabview`). The other group
/// keys make the rows, the key's values the columns, the group's one aggregate the cells;
/// counts and sums get a total row and column.
extension Checker {
    package mutating func checkPivot(_ key: Name, span: SourceSpan, scope: Scope, grouped: GroupedResult?) throws -> PivotSpec {
        let example = "e.g. clients | group region, abc agg n = count() | pivot abc"
        guard let grouped, case .columns(let cols) = scope else {
            throw error("pivot needs a grouped result: group the rows by two keys first", span, help: example)
        }
        let keys = Array(cols.prefix(grouped.keyCount))
        guard let index = keys.firstIndex(where: { $0.name.lowercased() == key.text.lowercased() }) else {
            if cols.contains(where: { $0.name.lowercased() == key.text.lowercased() }) {
                throw error("pivot spreads a group key across the columns; '\(key.text)' is an aggregate", key.span,
                            help: "group keys here are: " + keys.map(\.name).joined(separator: ", "))
            }
            throw error("unknown group key '\(key.text)'", key.span,
                        help: Suggestions.didYouMean(key.text, keys.map(\.name)) ?? "group keys here are: " + keys.map(\.name).joined(separator: ", "))
        }
        guard grouped.keyCount >= 2 else {
            throw error("pivot needs two group keys: one for the rows, one for the columns", span, help: example)
        }
        let values = cols.count - grouped.keyCount
        guard values == 1 else {
            throw error("pivot puts one value in its cells, but this group has \(values): "
                        + cols.dropFirst(grouped.keyCount).map(\.name).joined(separator: ", "), span,
                        help: "keep one aggregate: group region, abc agg revenue = sum(turnover) | pivot abc")
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
