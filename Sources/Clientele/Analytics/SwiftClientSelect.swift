import ClienteleCore

/// Evaluates in Swift, for every client, the expressions of a select over the clients table
/// whose only per-client inputs are columns computed in Swift (`CLIENTELE_COLUMN`, read
/// from the statement's `MeasureSource`): a rule condition such as `abc == "A"`, a tier
/// basis, the ABC class. What-if evaluations ask these for 100,000 clients per policy
/// setting, and a statement that reads them back through SQL cost more than computing
/// them. Anything this does not know (a stored column of the client, a join, a function
/// other than COALESCE) gives nil, and the caller runs the statement as before.
///
/// The semantics are SQLite's for what it knows: comparisons give 1, 0 or NULL (NULL when
/// either side is); AND, OR and NOT in three-valued logic; CASE takes the first branch
/// whose condition is non-zero and not NULL; labels and dates compare as their text (BINARY
/// collation: byte order; ISO dates compare as days); integers and text never compare
/// equal (such expressions are not accepted).
struct SwiftClientSelect {
    let measures: any MeasureSource
    let clients: ClientList
    /// The clients table's alias in the select.
    let alias: String
    private var cache: [ColumnKey: MeasureValues] = [:]
    private struct ColumnKey: Hashable { var id: Int64; var column: Int }

    /// A source for `select` when it reads all clients with no join, filter, grouping or
    /// order (what `SelectBuilder` makes for a plain expression over the clients).
    init?(_ select: SQLSelect, measures: any MeasureSource, clients: ClientList) {
        guard let from = select.from, case .table("clients") = from.source, let alias = from.alias,
              select.joins.isEmpty, select.filter == nil, select.groupBy.isEmpty, select.orderBy.isEmpty,
              select.limit == nil, select.offset == 0, !select.distinct, select.with.isEmpty else { return nil }
        self.measures = measures; self.clients = clients; self.alias = alias
    }

    /// A value per client, or a constant.
    enum Column {
        case integers([Int64], present: [Bool])
        /// Index into `labels` (-1: NULL).
        case labels([Int32], labels: [String])
        /// Day numbers (`present` false: NULL).
        case days([Int64], present: [Bool])
        /// 1, 0, or -1 for NULL.
        case truth([Int8])
        case constant(SQLValue)
    }

    /// The values of `e` for every client, nil when `e` has something this does not evaluate.
    mutating func evaluate(_ e: SQLExpr) -> Column? {
        let n = clients.count
        switch e {
        case .grouped(let x): return evaluate(x)
        case .integer(let v): return .constant(.integer(v))
        case .text(let t): return .constant(.text(t))
        case .null: return .constant(.null)
        case .boolean(let b): return .constant(.integer(b ? 1 : 0))
        case .parameter(let p):
            switch p.value {
            case .integer, .text, .null: return .constant(p.value)
            default: return nil
            }
        case .call(.computedColumn, let args):
            guard args.count == 3, case .parameter(let p) = args[0], case .integer(let id) = p.value, case .integer(let k) = args[1],
                  case .qualified(let a, "id") = args[2], a == alias else { return nil }
            let key = ColumnKey(id: id, column: Int(k))
            if cache[key] == nil {
                guard let v = measures.values(of: id, column: Int(k), clients: clients.ids) else { return nil }
                cache[key] = v
            }
            let v = cache[key]!
            switch v.kind {
            case .integer: return .integers(v.values, present: v.present)
            case .date: return .days(v.values, present: v.present)
            case .label(let names):
                return .labels((0..<n).map { v.present[$0] ? Int32(truncatingIfNeeded: v.values[$0]) : -1 }, labels: names)
            }
        case .call(.coalesce, let args) where args.count == 2:
            guard let a = evaluate(args[0]), case .constant(.integer(let fallback)) = evaluate(args[1]) else { return nil }
            switch a {
            case .integers(let v, let present): return .integers((0..<n).map { present[$0] ? v[$0] : fallback }, present: Array(repeating: true, count: n))
            case .truth(let t): return .integers(t.map { $0 < 0 ? fallback : Int64($0) }, present: Array(repeating: true, count: n))
            case .constant(.null): return .constant(.integer(fallback))
            case .constant(.integer(let x)): return .constant(.integer(x))
            default: return nil
            }
        case .binary(let op, let l, let r):
            switch op {
            case .and, .or:
                guard let a = evaluate(l).flatMap(truth), let b = evaluate(r).flatMap(truth) else { return nil }
                return .truth(zip(a, b).map { op == .and ? SwiftClientSelect.and($0, $1) : SwiftClientSelect.or($0, $1) })
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                guard let a = evaluate(l), let b = evaluate(r) else { return nil }
                return compare(op, a, b)
            default: return nil
            }
        case .conjunction(let terms):
            var all = [Int8](repeating: 1, count: n)
            for t in terms {
                guard let v = evaluate(t).flatMap(truth) else { return nil }
                for i in 0..<n { all[i] = SwiftClientSelect.and(all[i], v[i]) }
            }
            return .truth(all)
        case .unary(.not, let x):
            guard let v = evaluate(x).flatMap(truth) else { return nil }
            return .truth(v.map { $0 < 0 ? -1 : 1 - $0 })
        case .isNull(let x, let negated):
            guard let v = evaluate(x) else { return nil }
            let null: [Bool]
            switch v {
            case .integers(_, let present), .days(_, let present): null = present.map { !$0 }
            case .labels(let codes, _): null = codes.map { $0 < 0 }
            case .truth(let t): null = t.map { $0 < 0 }
            case .constant(let c): null = Array(repeating: c == .null, count: n)
            }
            return .truth(null.map { ($0 != negated) ? 1 : 0 })
        case .caseWhen(let whens, let otherwise):
            var conditions: [[Int8]] = [], results: [Column] = []
            for w in whens {
                guard let c = evaluate(w.condition).flatMap(truth), let r = evaluate(w.result) else { return nil }
                conditions.append(c)
                results.append(r)
            }
            let fallback = otherwise.map { evaluate($0) } ?? .constant(.null)
            guard let fallback else { return nil }
            // Integer results only (conditions' 1 and 0, tier rates, amounts).
            var values: [([Int64], [Bool])] = []
            for r in results + [fallback] {
                guard let v = integers(r) else { return nil }
                values.append(v)
            }
            var out = [Int64](repeating: 0, count: n), present = [Bool](repeating: false, count: n)
            for i in 0..<n {
                var branch = conditions.count
                for (j, c) in conditions.enumerated() where c[i] == 1 { branch = j; break }
                out[i] = values[branch].0[i]
                present[i] = values[branch].1[i]
            }
            return .integers(out, present: present)
        default:
            return nil
        }
    }

    /// A column as 1 / 0 / -1 (NULL), as SQL takes a value for a condition: non-zero is true.
    func truth(_ c: Column) -> [Int8]? {
        let n = clients.count
        switch c {
        case .truth(let t): return t
        case .integers(let v, let present): return (0..<n).map { present[$0] ? (v[$0] != 0 ? 1 : 0) : -1 }
        case .constant(.integer(let v)): return Array(repeating: v != 0 ? 1 : 0, count: n)
        case .constant(.null): return Array(repeating: -1, count: n)
        default: return nil
        }
    }

    /// A column as integers and whether each is not NULL (conditions give 1 and 0).
    func integers(_ c: Column) -> ([Int64], [Bool])? {
        let n = clients.count
        switch c {
        case .integers(let v, let present): return (v, present)
        case .truth(let t): return (t.map { Int64(max(0, $0)) }, t.map { $0 >= 0 })
        case .constant(.integer(let v)): return (Array(repeating: v, count: n), Array(repeating: true, count: n))
        case .constant(.null): return (Array(repeating: 0, count: n), Array(repeating: false, count: n))
        default: return nil
        }
    }

    static func and(_ a: Int8, _ b: Int8) -> Int8 { a == 0 || b == 0 ? 0 : (a < 0 || b < 0 ? -1 : 1) }
    static func or(_ a: Int8, _ b: Int8) -> Int8 { a == 1 || b == 1 ? 1 : (a < 0 || b < 0 ? -1 : 0) }

    /// `a op b` with one side a column and the other a constant (or both integer columns).
    func compare(_ op: SQLBinaryOperator, _ a: Column, _ b: Column) -> Column? {
        func holds(_ order: Int) -> Bool {
            switch op {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        let flipped: SQLBinaryOperator
        switch op {
        case .less: flipped = .greater
        case .lessOrEqual: flipped = .greaterOrEqual
        case .greater: flipped = .less
        case .greaterOrEqual: flipped = .lessOrEqual
        default: flipped = op
        }
        let n = clients.count
        switch (a, b) {
        case (.constant, .constant): return nil
        case (.constant, _): return compare(flipped, b, a)
        case (_, .constant(.null)): return .truth(Array(repeating: -1, count: n))
        case (.labels(let codes, let names), .constant(.text(let t))):
            // BINARY collation: the bytes' order.
            let bytes = Array(t.utf8)
            let result: [Int8] = names.map { name in
                let u = Array(name.utf8)
                return holds(u == bytes ? 0 : (u.lexicographicallyPrecedes(bytes) ? -1 : 1)) ? 1 : 0
            }
            return .truth(codes.map { $0 < 0 ? -1 : result[Int($0)] })
        case (.days(let v, let present), .constant(.text(let t))):
            guard t.utf8.count == 10, let day = CalendarDate(iso: t)?.dayNumber else { return nil }
            return .truth((0..<n).map { present[$0] ? (holds(sign(v[$0], Int64(day))) ? 1 : 0) : -1 })
        default:
            guard let x = integers(a), let y = integers(b), isInteger(a), isInteger(b) else { return nil }
            return .truth((0..<n).map { x.1[$0] && y.1[$0] ? (holds(sign(x.0[$0], y.0[$0])) ? 1 : 0) : -1 })
        }
    }

    private func isInteger(_ c: Column) -> Bool {
        switch c {
        case .integers, .truth, .constant(.integer): return true
        default: return false
        }
    }
}
