import Foundation
import ClienteleCore
import ClienteleInterchange

/// `compare ... clients [| stages]`: one row per client of the compared period, in the
/// columns `CompareClients` names, handed to the store as one bound JSON value so that the
/// stages run as any pipeline does (the same checker, planner and SQL, on every backend).
extension Comparison {
    /// The rows, in `CompareClients.fields` order, sorted by client id; and the year whose
    /// classes `rule_class_k` shows: the one before the period's last year with orders (nil
    /// when that is the first year of data).
    func clientRows(evaluator: PolicyEvaluator, tx: any StoreTransaction) throws -> (rows: [[Value]], ruleYear: Int?) {
        let clients = reference.byClient.clients
        // Every client with a shipped order in the period under some policy, or whose class moves.
        var listed = Set<Int64>()
        var changed = Set<Int64>()
        for e in evaluations {
            for i in e.byClient.positions { listed.insert(e.byClient.ids[i]) }
        }
        for e in evaluations.dropFirst() {
            changed.formUnion(classChanges(e))
            changed.formUnion(discountChanges(e))
        }
        listed.formUnion(changed)
        // The classes the rule conditions saw for the orders of the period's last year: over
        // the calendar year before it, per policy (none before the year 1 or the data).
        var ruleYear: Int? = nil
        var ruleClasses: [ClientLabels] = []
        func date(_ sql: String) throws -> CalendarDate? {
            try tx.fetchOne(sql)?.first.flatMap(ResultReader.text).flatMap(CalendarDate.init(iso:))
        }
        // The period's last year with orders (`over all` ends in the year 9999).
        if let first = try date("SELECT MIN(order_date) FROM orders"), let last = try date("SELECT MAX(order_date) FROM orders"),
           case let year = min(period.end, last).year - 1, year >= 1, year >= first.year,
           let start = CalendarDate(year: year, month: 1, day: 1), let end = CalendarDate(year: year, month: 12, day: 31) {
            ruleYear = year
            ruleClasses = try evaluator.classes(policies.map(\.settings), period: DateRange(start: start, end: end), clients: clients, tx: tx)
        }
        var names: [Int64: String] = [:]
        try tx.stream("SELECT id, name FROM clients", .none) { row in
            if let id = ResultReader.integer(row[0]), listed.contains(id) { names[id] = ResultReader.text(row[1]) ?? "" }
        }
        let costed = hasCost
        func money(_ m: Int64) -> Value { .money(Money(minorUnits: m)) }
        var rows: [[Value]] = [], checked = 0
        rows.reserveCapacity(listed.count)
        for id in listed.sorted() {
            try Interruption.check(.comparison, every: &checked)
            let position = clients.position(of: id)
            var row: [Value] = [.integer(id), .text(names[id] ?? ""), .boolean(changed.contains(id)),
                                money(position.map { reference.recordedDiscount[$0] } ?? 0)]
            func amounts(_ e: PolicyEvaluation) -> (Int64, Int64, Int64) {
                let t = e.byClient[id] ?? PolicyTotals()
                return (t.discount, t.net, t.margin)
            }
            for (p, e) in evaluations.enumerated() {
                let (d, n, m) = amounts(e)
                let ruleClass = ruleClasses.isEmpty ? nil : position.flatMap { ruleClasses[p].label(at: $0) }
                row += [e.classes[id].map { .text($0) } ?? .null, ruleClass.map { .text($0) } ?? .null,
                        money(d), money(n), costed ? money(m) : .null]
            }
            let (d0, n0, m0) = amounts(reference)
            for e in evaluations.dropFirst() {
                let (d, n, m) = amounts(e)
                row += [money(d - d0), money(n - n0), costed ? money(m - m0) : .null]
            }
            rows.append(row)
        }
        return (rows, ruleYear)
    }

    /// What the numbers of the columns stand for, and how to read the class columns.
    func clientRowsNotes(periodText: String, ruleYear: Int?) -> (legend: String, footer: String) {
        let legend = "clients compared over \(periodText) (\(period)): "
            + evaluations.enumerated().map { i, e in
                // A throwaway scenario is named by its text as well as its label.
                let source = inline.first { $0.label == e.policy }.map { " " + $0.source } ?? ""
                return "\(i + 1) = \(e.policy)\(source)"
            }.joined(separator: ", ")
        var footer = "class_k: ABC class over the compared period; rule_class_k: "
        if let ruleYear {
            footer += "over \(ruleYear), the class the rules applied to the orders of \(ruleYear + 1)"
            if period.start.year <= ruleYear { footer += " (the period's orders of earlier years followed the class of the year before each)" }
        } else {
            footer += "empty (no order history before the period's last year)"
        }
        footer += hasCost ? "; margin = net − cost of goods at list price (docs/discounts.md)"
            : "; margin is empty: the store's orders have no lines, so their cost of goods is unknown"
        return (legend, footer)
    }

    /// The rows as the bound JSON array of arrays `SQLSource.jsonRows` reads (values as the
    /// store holds them: minor units, basis points, ISO dates, 0/1).
    static func json(_ rows: [[Value]]) -> String {
        var out = "["
        out.reserveCapacity(rows.count * 64)
        for (i, row) in rows.enumerated() {
            if i > 0 { out += "," }
            out += "["
            for (j, v) in row.enumerated() {
                if j > 0 { out += "," }
                switch SQLValue(v) {
                case .null, .blob: out += "null"
                case .integer(let n): out += String(n)
                case .real(let d): out += d.isFinite ? String(d) : "null"
                case .text(let s): out += JSONTableWriter.string(s)
                }
            }
            out += "]"
        }
        return out + "]"
    }
}
