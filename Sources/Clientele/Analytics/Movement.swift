import Foundation
import GRDB

/// `movement abc from 2024 to 2025`: how many clients went from each class in the first
/// period to each class in the second. With stages after it
/// (`movement abc from 2024 to 2025 | where from == "A" and to == "B"`) it lists the
/// clients instead, with two columns `from` and `to`.
struct CheckedMovement: Sendable {
    var field: String
    var from: (PeriodSyntax, TypedExpr)
    var to: (PeriodSyntax, TypedExpr)
}

extension Checker {
    static let movementFields = ClientSegment.allCases.filter(\.takesPeriod).map(\.rawValue)

    mutating func checkMovement(_ m: MovementSyntax) throws -> CheckedStatement {
        let clients = CatalogObjects.clients
        guard let f = clients.field(m.field.text) else {
            throw error("unknown segmentation '\(m.field.text)'", m.field.span,
                        help: Suggestions.didYouMean(m.field.text, Checker.movementFields)
                            ?? "movement works with: " + Checker.movementFields.joined(separator: ", "))
        }
        guard case .segment(let s) = f.kind, s.takesPeriod else {
            throw error("movement needs a segmentation computed over a period, not '\(f.name)'", m.field.span,
                        help: "movement works with: " + Checker.movementFields.joined(separator: ", "))
        }
        let fromPeriod = try checkPeriod(m.from)
        let toPeriod = try checkPeriod(m.to)
        if !m.stages.isEmpty {
            // The list of clients behind the matrix: an ordinary pipeline over clients.
            func column(_ name: String, _ period: Expr) -> NamedExpr {
                NamedExpr(alias: Name(text: name, span: period.span),
                          expr: .call(m.field, [period], filter: nil, distinct: false, m.field.span.through(period.span)))
            }
            let derive = Stage.derive([column("from", m.from), column("to", m.to)], m.field.span)
            let source = Name(text: "clients", span: m.field.span)
            let pipeline = Pipeline(source: source, stages: [derive] + m.stages, span: m.span)
            return .query(try checkPipeline(pipeline), m.span)
        }
        let fromKey = try resolveField([m.field], from: clients, period: fromPeriod, span: m.from.span)
        let toKey = try resolveField([m.field], from: clients, period: toPeriod, span: m.to.span)
        return .movement(CheckedMovement(field: f.name, from: (fromPeriod, fromKey), to: (toPeriod, toKey)))
    }
}

struct MovementCommand {
    let interpreter: Interpreter

    func run(_ m: CheckedMovement, db: Database) throws -> [Output] {
        let session = interpreter.session
        let context = try interpreter.context(db)
        let span = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        let rows = try CrossTab.group(source: [], keys: [("from", m.from.1), ("to", m.to.1)],
                                      aggregates: [("n", CrossTab.count(span: span))], context: context, db: db)
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
