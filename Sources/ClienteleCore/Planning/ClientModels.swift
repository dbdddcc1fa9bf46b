/// The per-client estimates of the customer-base models as SQL (docs/analytics.md): the
/// runtime fits BG/NBD and Gamma–Gamma over the period in Swift (`ClientModelSource`), and
/// the values, one per client with a shipped order in the period, are bound as one JSON
/// parameter and joined like any per-client table. Clients without an order in the period
/// have no estimate (empty).
package protocol ClientModelSource: AnyObject {
    /// (client id, value) for every client in the fit: hundredths for p_alive and
    /// expected_orders, minor units for clv.
    func values(_ m: ClientModelMeasure, over period: DateRange) throws -> [(client: Int64, value: Int64)]
    /// How the footnote describes the fit over the period ("BG/NBD and Gamma–Gamma fitted on
    /// 1,234 clients …").
    func note(over period: DateRange) throws -> String
}

/// The client-models problem the planner reports when there is no source (a host that
/// compiles without the engine).
package struct ClientModelsUnavailable: Error, CustomStringConvertible {
    package var description: String { "the client models (p_alive, expected_orders, clv) need the engine to fit them" }
}

package struct ClientModels {
    let measures: ClientMeasures

    package init(measures: ClientMeasures) { self.measures = measures }

    package func field(_ m: ClientModelMeasure, period: PeriodSyntax?, client: String, key: String,
                       in q: inout SelectBuilder) throws -> SQLExpr {
        let context = measures.context
        guard let source = context.models else { throw ClientModelsUnavailable() }
        let r = measures.range(period)
        let values = try source.values(m, over: r)
        let note = try source.note(over: r)
        if !context.modelNotes.contains(note) { context.modelNotes.append(note) }
        var json = "["
        json.reserveCapacity(values.count * 16)
        for (i, v) in values.enumerated() {
            if i > 0 { json += "," }
            json += "[\(v.client),\(v.value)]"
        }
        json += "]"
        let parameter = context.bind(.text(json))
        let cte = context.cte(key: .clientModel(m, r), prefix: "model") { _ in
            SQLSelect([SQLSelectItem(.column("client_id")), SQLSelectItem(.column("value"))],
                      from: SQLFrom(.jsonRows(parameter, columns: [SQLJSONColumn("client_id", .integer), SQLJSONColumn("value", .integer)]), alias: "m"))
        }
        return .q(measures.joinCTE(cte, client: client, key: key, in: &q), "value")
    }
}
