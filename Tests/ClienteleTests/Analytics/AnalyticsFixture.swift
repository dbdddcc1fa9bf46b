import Foundation
import XCTest
@testable import Clientele
import ClienteleTestSupport

/// A temporary store with the session pinned (today 2025-12-31, period 2025) and helpers
/// that write fixtures as ordinary `add` statements.
final class AnalyticsFixture {
    let engine: Engine
    private var script: [String] = []
    private var orderNumber = 0

    init(today: String = "2025-12-31", period: PeriodSyntax = .year(2025)) throws {
        let path = TemporaryStore.path("analytics")
        engine = Engine(store: try Store(path: path), session: Session(today: CalendarDate(iso: today)!))
        engine.session.period = period
    }

    func client(_ name: String, _ extra: String = "") {
        script.append("add clients name: \"\(name)\"" + (extra.isEmpty ? "" : ", " + extra))
    }

    /// A shipped (or returned) order, paid in full on `paid` when given.
    func order(_ client: String, _ date: String, _ amount: String, due: String? = nil, paid: String? = nil,
               paidAmount: String? = nil, status: String = "shipped") {
        orderNumber += 1
        let number = "N\(orderNumber)"
        var line = "add orders number: \"\(number)\", client: \"\(client)\", order_date: \(date), gross: \(amount), status: \"\(status)\""
        if let due { line += ", due_date: \(due)" }
        script.append(line)
        if let paid { script.append("add payments order: \"\(number)\", date: \(paid), amount: \(paidAmount ?? amount)") }
    }

    func commit() throws {
        try engine.run(script.joined(separator: "\n"))
        script = []
    }

    /// One column of clients by name.
    func values(_ field: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Value] {
        let outputs = try engine.run("clients | select name, \(field)")
        guard case .table(let t)? = outputs.last else { XCTFail("no table", file: file, line: line); return [:] }
        var out: [String: Value] = [:]
        for row in t.rows { if case .text(let n) = row[0] { out[n] = row[1] } }
        return out
    }

    /// The same column as plain text ("" for null), for compact expectations.
    func texts(_ field: String) throws -> [String: String] {
        try values(field).mapValues(\.plain)
    }

    func render(_ source: String, width: Int = 100) throws -> String {
        try engine.run(source).map { Renderer(options: RenderOptions(width: width)).render($0) }.joined()
    }

    /// The diagnostics of a script that does not check.
    func diagnostics(_ source: String) -> [String] {
        engine.check(source).map(\.message)
    }
}

/// Compares expected classes per client, naming every client that differs.
func assertClasses(_ actual: [String: String], _ expected: [String: String], _ what: String,
                   file: StaticString = #filePath, line: UInt = #line) {
    for (name, value) in expected.sorted(by: { $0.key < $1.key }) {
        XCTAssertEqual(actual[name], value, "\(what) of \(name)", file: file, line: line)
    }
}
