import Foundation
import ClienteleCore

struct MovementCommand {
    let interpreter: Interpreter

    func run(_ m: CheckedMovement, in tx: any StoreTransaction) throws -> [Output] {
        let session = interpreter.session
        let context = try interpreter.context(tx)
        let span = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        let rows = try CrossTab.group(source: [], keys: [("from", m.from.1), ("to", m.to.1)],
                                      aggregates: [("n", CrossTab.count(span: span))], context: context, in: tx)
        var counts: [[Value]: Int64] = [:]
        var present: [[Value]] = []
        // Clients without a class in either period did not take part.
        for r in rows where !(r[0].isNull && r[1].isNull) {
            if case .integer(let n) = r[2] { counts[[r[0], r[1]]] = n }
            present.append(r)
        }
        let known = CrossTab.knownClasses(m.from.1)
        let rowKeys = CrossTab.order(known: known, present: present.map { $0[0] })
        let columnKeys = CrossTab.order(known: known, present: present.map { $0[1] })
        let (p1, p2) = (m.from.0.text, m.to.0.text)
        let heading = "\(m.field) movement from \(CrossTab.describe(m.from.0, today: session.today)) to \(CrossTab.describe(m.to.0, today: session.today)): rows \(p1), columns \(p2)"
        let table = CrossTab.matrix(corner: "\(p1) \\ \(p2)", rowKeys: rowKeys, columnKeys: columnKeys, counts: counts)
        // The example names a cell where clients moved, so that it lists somebody.
        let moved = present.first { $0[0] != $0[1] } ?? present.first
        let (a, b) = moved.map { (Movement.literal($0[0]), Movement.literal($0[1])) } ?? ("\"A\"", "\"B\"")
        let hint = "list the clients of a cell: movement \(m.field) from \(p1) to \(p2) | where from == \(a) and to == \(b)"
        return [.message(heading), .table(table), .message(hint)]
    }
}

enum Movement {
    /// A class as the user would write it in a condition.
    static func literal(_ v: Value) -> String {
        if v.isNull { return "null" }
        if case .text(let s) = v { return "\"\(s)\"" }
        return v.plain
    }
}
