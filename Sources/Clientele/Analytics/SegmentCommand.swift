import Foundation
import ClienteleCore

struct SegmentCommand {
    let interpreter: Interpreter

    func run(_ c: CheckedSegment, in tx: any StoreTransaction) throws -> [Output] {
        let session = interpreter.session
        var settings = try tx.effectiveSettings()
        if let per = c.per { settings.values["importance.per"] = ("label", per.name) }
        let period = c.period ?? session.period
        let context = interpreter.attachFacts(try SQLContext(dialect: interpreter.engine.dialect, today: session.today,
                                                             defaultPeriod: period, settings: settings)
            .usePaymentFacts(try interpreter.paymentFactsAreCurrent(tx)))
        let span = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        var keys = c.keys
        if let per = c.per { keys.insert((per.name, CrossTab.clientField(per.column, span: span)), at: 0) }
        let over = " over " + CrossTab.describe(period, today: session.today)
        // `per` is the first key here: the heading names the segmentation, then the partition.
        let heading = "clients by " + (c.per.map { "\(keys[1].0) per \($0.name)" } ?? keys.map(\.0).joined(separator: " and "))
        if let piped = c.piped {
            // The groups as rows, continued by the stages: planned with the segment's period.
            return [.message(heading + over), try interpreter.query(piped, in: tx, context: context)]
        }
        if keys.count == 1 {
            let rows = try CrossTab.group(source: c.source, keys: keys,
                                          aggregates: [("n", CrossTab.count(span: span)),
                                                       ("t", TypedExpr(node: .aggregate(.sum, CrossTab.clientField("turnover", span: span), distinct: false), type: .money, span: span))],
                                          context: context, in: tx)
            return distribution(keys[0], rows: rows, heading: heading + over)
        }
        let rows = try CrossTab.group(source: c.source, keys: keys, aggregates: [("n", CrossTab.count(span: span))],
                                      context: context, in: tx)
        var counts: [[Value]: Int64] = [:]
        for r in rows { if case .integer(let n) = r[2] { counts[[r[0], r[1]]] = n } }
        let rowKeys = CrossTab.order(known: c.per == nil ? CrossTab.knownClasses(keys[0].1) : nil, present: rows.map { $0[0] })
        let columnKeys = CrossTab.order(known: CrossTab.knownClasses(keys[1].1), present: rows.map { $0[1] })
        return [.message(heading + over),
                .table(CrossTab.matrix(corner: "\(keys[0].0) \\ \(keys[1].0)", rowKeys: rowKeys, columnKeys: columnKeys, counts: counts))]
    }

    /// One row per class: clients, turnover, share of turnover; a total; a bar chart of turnover.
    func distribution(_ key: (String, TypedExpr), rows: [[Value]], heading: String) -> [Output] {
        var byClass: [Value: (Int64, Int64)] = [:]
        for r in rows {
            guard case .integer(let n) = r[1] else { continue }
            let t: Int64
            if case .money(let m) = r[2] { t = m.minorUnits } else { t = 0 }
            byClass[r[0]] = (n, t)
        }
        let classes = CrossTab.order(known: CrossTab.knownClasses(key.1), present: rows.map { $0[0] })
        let totalClients = byClass.values.reduce(0) { $0 + $1.0 }
        let totalTurnover = byClass.values.reduce(0) { $0 + $1.1 }
        func share(_ t: Int64) -> Value {
            totalTurnover > 0 ? .percent(Percent(basisPoints: DecimalText.roundedDivide(t * 10_000, by: totalTurnover))) : .null
        }
        var table = Table(columns: [Column(name: key.0, type: .text), Column(name: "clients", type: .integer),
                                    Column(name: "turnover", type: .money), Column(name: "share", type: .percent)], rows: [])
        for c in classes {
            let (n, t) = byClass[c] ?? (0, 0)
            table.rows.append([.text(CrossTab.label(c)), .integer(n), .money(Money(minorUnits: t)), share(t)])
        }
        table.rows.append([.text("total"), .integer(totalClients), .money(Money(minorUnits: totalTurnover)), share(totalTurnover)])
        let chart = Output.chart(title: "turnover by \(key.0)", labels: classes.map(CrossTab.label),
                                 values: classes.map { .money(Money(minorUnits: byClass[$0]?.1 ?? 0)) })
        return [.message(heading), .table(table), chart]
    }
}
