import Foundation
@testable import Clientele
import ClienteleTestSupport

/// Random well-typed pipelines over orders (with their client) for property tests, each
/// with its own reference evaluation in Swift over rows fetched with plain SQL.
struct RandomPipelines {
    struct Order {
        var id: Int64, clientID: Int64, date: String, gross: Int64, discount: Int64, net: Int64, status: String
        var region: String?, outlets: Int64
    }

    /// A generated case: the script and its expected rows as canonical text.
    struct Case {
        var script: String
        var expected: [[String]]
    }

    var random: SeededRandom
    let orders: [Order]
    let statuses = ["shipped", "returned", "cancelled"]
    let regions: [String]

    init(seed: UInt64, orders: [Order]) {
        random = SeededRandom(seed: seed)
        self.orders = orders
        regions = Array(Set(orders.compactMap(\.region))).sorted()
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { random.int(range) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...xs.count - 1)] }

    static func money(_ minor: Int64) -> String { "\(minor / 100).\(String(format: "%02d", minor % 100))" }

    /// A condition as text and as a predicate.
    mutating func condition(depth: Int = 0) -> (String, (Order) -> Bool) {
        if depth < 2, int(0...3) == 0 {
            let (a, pa) = condition(depth: depth + 1), (b, pb) = condition(depth: depth + 1)
            switch int(0...2) {
            case 0: return ("(\(a) and \(b))", { pa($0) && pb($0) })
            case 1: return ("(\(a) or \(b))", { pa($0) || pb($0) })
            default: return ("not (\(a))", { !pa($0) })
            }
        }
        let ops: [(String, (Int64, Int64) -> Bool)] = [("==", ==), ("!=", !=), ("<", <), ("<=", <=), (">", >), (">=", >=)]
        switch int(0...7) {
        case 0, 1:
            let (field, get): (String, (Order) -> Int64) = pick([("gross", { $0.gross }), ("net", { $0.net }), ("discount", { $0.discount })])
            let (op, f) = pick(ops)
            let value = pick(orders).net + Int64(int(-200...200))
            return ("\(field) \(op) \(RandomPipelines.money(max(0, value)))", { f(get($0), max(0, value)) })
        case 2:
            let s = pick(statuses)
            return int(0...1) == 0 ? ("status == \"\(s)\"", { $0.status == s }) : ("status != \"\(s)\"", { $0.status != s })
        case 3:
            let a = pick(statuses), b = pick(statuses)
            return ("status in [\"\(a)\", \"\(b)\"]", { $0.status == a || $0.status == b })
        case 4:
            let d = pick(orders).date
            let (op, f) = pick(ops)
            return ("order_date \(op) \(d)", { o in f(o.date < d ? -1 : (o.date == d ? 0 : 1), 0) })
        case 5:
            let lo = Int64(int(0...40_000)), hi = lo + Int64(int(0...60_000))
            return ("net in \(RandomPipelines.money(lo))..\(RandomPipelines.money(hi))", { $0.net >= lo && $0.net <= hi })
        case 6:
            let r = pick(regions)
            return ("client.region == \"\(r)\"", { $0.region == r })
        default:
            let n = Int64(int(0...6))
            let (op, f) = pick(ops)
            return ("client.outlets \(op) \(n)", { f($0.outlets, n) })
        }
    }

    /// `orders | where C [| where C2] | sort K [desc], id | [skip S |] take N | select id, ...`
    mutating func listCase() -> Case {
        var script = "orders"
        var rows = orders
        for _ in 0..<int(1...2) {
            let (c, p) = condition()
            script += " | where \(c)"
            rows = rows.filter(p)
        }
        let keys: [(String, (Order) -> String)] = [
            ("gross", { String(format: "%020lld", $0.gross) }), ("net", { String(format: "%020lld", $0.net) }),
            ("order_date", { $0.date }), ("discount", { String(format: "%020lld", $0.discount) }),
        ]
        let (key, get) = pick(keys)
        let desc = int(0...1) == 1
        script += " | sort \(key)\(desc ? " desc" : ""), id"
        rows.sort { a, b in
            let (x, y) = (get(a), get(b))
            if x != y { return desc ? x > y : x < y }
            return a.id < b.id
        }
        if int(0...2) == 0 {
            let s = int(0...20)
            script += " | skip \(s)"
            rows = Array(rows.dropFirst(s))
        }
        let n = int(1...40)
        script += " | take \(n) | select id, net, order_date, status"
        rows = Array(rows.prefix(n))
        return Case(script: script, expected: rows.map { ["\($0.id)", RandomPipelines.money($0.net), $0.date, $0.status] })
    }

    /// `orders | where C | group status agg n = count(), total = sum(net), top = max(gross), first = min(order_date)`
    mutating func groupCase() -> Case {
        let (c, p) = condition()
        let rows = orders.filter(p)
        let script = "orders | where \(c) | group status agg n = count(), total = sum(net), top = max(gross), first = min(order_date)"
        let groups = Dictionary(grouping: rows, by: \.status)
        let expected = groups.keys.sorted().map { s -> [String] in
            let g = groups[s]!
            return [s, "\(g.count)", RandomPipelines.money(g.reduce(0) { $0 + $1.net }),
                    RandomPipelines.money(g.map(\.gross).max()!), g.map(\.date).min()!]
        }
        return Case(script: script, expected: expected)
    }

    /// `orders | where C | count` and `... | agg total = sum(gross)`.
    mutating func countCase() -> Case {
        let (c, p) = condition()
        let rows = orders.filter(p)
        if int(0...1) == 0 { return Case(script: "orders | where \(c) | count", expected: [["\(rows.count)"]]) }
        return Case(script: "orders | where \(c) | agg total = sum(gross)",
                    expected: [[RandomPipelines.money(rows.reduce(0) { $0 + $1.gross })]])  // an empty sum is 0.00
    }
}
