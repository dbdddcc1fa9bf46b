/// Validation the handbook implies (issue 20 item 7, docs/segmentation.md "Checks"): a stored
/// sales type that contradicts the outlet count, and the same company entered twice.
package struct ClientChecks {
    package let measures: ClientMeasures
    package init(measures: ClientMeasures) { self.measures = measures }
    var context: SQLContext { measures.context }

    /// "retail point (1-2 outlets)", "retail chain (more than 2)": a stored retail type on the
    /// wrong side of sales_type.chain_outlets. A wholesaler has no outlet rule.
    func salesTypeConflict(client c: String) -> SQLExpr {
        let chainOutlets = context.settings.integer("sales_type.chain_outlets")
        let bound = context.bind(.integer(chainOutlets))
        let outlets = SQLExpr.cast(.q(c, "outlets"), .text)
        func text(_ s: String) -> SQLExpr { context.bind(.text(s)) }
        return .caseWhen([
            SQLWhen(.conjunction([.bin(.equal, .q(c, "sales_type"), .text("retail point")), .bin(.greaterOrEqual, .q(c, "outlets"), bound)]),
                    .bin(.concat, .bin(.concat, text("retail point with "), outlets),
                         text(" outlets (a chain from \(chainOutlets))"))),
            SQLWhen(.conjunction([.bin(.equal, .q(c, "sales_type"), .text("retail chain")), .bin(.less, .q(c, "outlets"), bound)]),
                    .bin(.concat, .bin(.concat, text("retail chain with "), outlets),
                         text(" outlets (a chain from \(chainOutlets))"))),
        ], else: nil)
    }

    /// `duplicate_of`: the first client (lowest id) sharing the tax id (trimmed, non-empty) or
    /// the folded name (Unicode lower case, ё as е, trimmed), when it is not the client itself.
    func duplicate(_ s: ClientSegment, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        let cte = context.cte(key: .duplicates, prefix: "dup") { _ in
            func c(_ name: String) -> SQLExpr { .column(name) }
            let nameKey = SQLExpr.call(.replace, .call(.foldCase, .call(.trim, c("name"))), .text("ё"), .text("е"))
            let keys = SQLSelect([SQLSelectItem(c("id"), as: "client_id"), SQLSelectItem(nameKey, as: "name_key"),
                                  SQLSelectItem(.call(.nullIf, .call(.trim, c("tax_id")), .text("")), as: "tax_key")],
                                 from: .table("clients"))
            func first(_ partition: String) -> SQLExpr {
                .window(SQLWindow(.aggregate(.min, c("client_id")), partitionBy: [c(partition)]))
            }
            let firsts = SQLSelect([SQLSelectItem(c("client_id")), SQLSelectItem(first("name_key"), as: "by_name"),
                                    SQLSelectItem(.when(.isNull(c("tax_key"), negated: false), .null, else: first("tax_key")), as: "by_tax")],
                                   from: SQLFrom(.select(keys)))
            let byTax = SQLExpr.coalesce(c("by_tax"), c("by_name"))
            let lowest = SQLExpr.caseWhen([SQLWhen(.bin(.less, byTax, c("by_name")), byTax)], else: c("by_name"))
            return SQLSelect([SQLSelectItem(c("client_id")),
                              SQLSelectItem(.when(.bin(.less, lowest, c("client_id")), lowest, else: .null), as: "duplicate_of"),
                              SQLSelectItem(.caseWhen([SQLWhen(.bin(.greaterOrEqual, lowest, c("client_id")), .null),
                                                       SQLWhen(.bin(.equal, c("by_tax"), lowest), .text("same tax id"))],
                                                      else: .text("same name")), as: "duplicate_reason")],
                             from: SQLFrom(.select(firsts)))
        }
        let j = measures.joinCTE(cte, client: client, key: key, in: &q)
        return .q(j, s == .duplicateOf ? "duplicate_of" : "duplicate_reason")
    }
}
