/// The rows of `compare ... clients`: one per client with a shipped order in the compared
/// period (under any of the policies), seen by the stages that follow as an object whose
/// fields are the columns (docs/discounts.md, "Per-client answers").
///
/// The policies are numbered in the order of the compare, from 1 (usually `baseline`):
/// `net_1`, `net_2`... Differences are from policy 1: `Δnet_2`, `Δnet_3`...; with only two
/// policies they are `Δdiscount`, `Δnet` and `Δmargin`.
package enum CompareClients {
    /// The name of the rows in the statement that reads them.
    package static let table = "compare_clients"

    /// What each field holds, in column order.
    package struct Field: Sendable {
        package var name: String
        package var type: ValueType
        package var summary: String
    }

    package static func fields(policies n: Int) -> [Field] {
        var out = [
            Field(name: "id", type: .integer, summary: "the client's id"),
            Field(name: "client", type: .text, summary: "the client's name"),
            Field(name: "changed", type: .boolean,
                  summary: "whether the class or the discount under some policy differs from policy 1's"),
            Field(name: "recorded_discount", type: .money, summary: "the discounts recorded on the client's orders of the period (what was given)"),
        ]
        for k in 1...max(n, 1) {
            out += [
                Field(name: "class_\(k)", type: .text, summary: "ABC class over the compared period under policy \(k)"),
                Field(name: "rule_class_\(k)", type: .text,
                      summary: "ABC class over the calendar year before the period's last year, under policy \(k): the class the rules saw for that year's orders"),
                Field(name: "discount_\(k)", type: .money, summary: "discount under policy \(k)"),
                Field(name: "net_\(k)", type: .money, summary: "net revenue under policy \(k)"),
                Field(name: "margin_\(k)", type: .money, summary: "margin (net − cost of goods) under policy \(k); empty without order lines"),
            ]
        }
        for k in 2..<max(n + 1, 2) {
            let suffix = n == 2 ? "" : "_\(k)"
            out += [
                Field(name: "Δdiscount" + suffix, type: .money, summary: "discount under policy \(k) − under policy 1"),
                Field(name: "Δnet" + suffix, type: .money, summary: "net revenue under policy \(k) − under policy 1"),
                Field(name: "Δmargin" + suffix, type: .money, summary: "margin under policy \(k) − under policy 1"),
            ]
        }
        return out
    }

    /// The rows as an object: each field a column `c0`, `c1`... of the rows' table.
    package static func object(policies n: Int) -> ObjectDef {
        let fields = fields(policies: n)
        return ObjectDef(
            name: "compare clients", singular: "compared client", table: table,
            summary: "the clients of a compare, per policy",
            fields: fields.enumerated().map { i, f in
                FieldDef(name: f.name, type: f.type, kind: .column("c\(i)"), summary: f.summary, writable: false)
            },
            defaultColumns: fields.map(\.name), mutable: false)
    }

    /// The column kinds the store reads the rows as.
    package static func jsonColumns(policies n: Int) -> [SQLJSONColumn] {
        fields(policies: n).enumerated().map { i, f in
            switch f.type {
            case .text, .label: return SQLJSONColumn("c\(i)", .text)
            case .date: return SQLJSONColumn("c\(i)", .date)
            case .boolean: return SQLJSONColumn("c\(i)", .boolean)
            default: return SQLJSONColumn("c\(i)", .integer)
            }
        }
    }
}
