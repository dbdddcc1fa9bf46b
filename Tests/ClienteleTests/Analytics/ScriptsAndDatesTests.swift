import Foundation
import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Saved scripts with a `$period` parameter, and memorable dates (birthdays and founding
/// anniversaries, 29 February, the turn of the year).
final class ScriptsAndDatesTests: XCTestCase {
    static let scripts = Fixture.packageRoot.appendingPathComponent("scripts")

    func runScript(_ name: String, period: String?, on f: AnalyticsFixture) throws -> [Output] {
        let path = Self.scripts.appendingPathComponent(name).path
        if let period { f.engine.session.parameters["period"] = Session.parameterValue(period) }
        return try f.engine.run(String(contentsOfFile: path, encoding: .utf8), origin: path)
    }

    func testSetPeriodFromAParameter() throws {
        let f = try AnalyticsFixture()
        for (text, expected) in [("2025-Q4", "2025-Q4"), ("2025", "2025"), ("2025-11", "2025-11"), ("2025-01-01..2025-03-31", "2025-01-01..2025-03-31")] {
            f.engine.session.parameters["period"] = Session.parameterValue(text)
            try f.engine.run("set period = $period")
            XCTAssertEqual(f.engine.session.period.text, expected)
        }
        f.engine.session.parameters["period"] = Session.parameterValue("soon")
        XCTAssertEqual(f.engine.check("set period = $period").map(\.message), ["parameter $period is not a period (e.g. 2025, 2025-Q1, 2025-03)"])
        f.engine.session.parameters = [:]
        XCTAssertEqual(f.engine.check("set period = $period").map(\.message), ["unknown parameter $period"])
    }

    /// A period parameter goes wherever a period does: after `in`, as a metric's period,
    /// in `set period`; one that reads like a date but is none says so (issue 22).
    func testAPeriodParameterWorksWhereverAPeriodDoes() throws {
        let f = try AnalyticsFixture()
        f.engine.session.parameters["p"] = Session.parameterValue("2025-Q1")
        XCTAssertEqual(try f.engine.run("orders | where order_date in $p | count"),
                       try f.engine.run("orders | where order_date in 2025-Q1 | count"))
        XCTAssertEqual(try f.engine.run("orders | where order_date not in $p | count"),
                       try f.engine.run("orders | where order_date not in 2025-Q1 | count"))
        XCTAssertEqual(try f.engine.run("clients | sort id | select t = turnover($p)"),
                       try f.engine.run("clients | sort id | select t = turnover(2025-Q1)"))
        f.engine.session.parameters["p"] = Session.parameterValue("2025-02-30")
        XCTAssertEqual(f.engine.check("orders | where order_date in $p | count").map(\.message), ["parameter $p: 2025-02-30 is not a date"])
        XCTAssertEqual(f.engine.check("orders | where order_date > $p | count").map(\.message), ["parameter $p: 2025-02-30 is not a date"])
    }

    func testMonthlyABCRiskScript() throws {
        let f = try ParetoBoundaryTests.fixture()
        let outputs = try runScript("monthly-abc-risk.clq", period: "2025-Q4", on: f)
        XCTAssertEqual(f.engine.session.period, .quarter(year: 2025, quarter: 4))
        // Q4 2025 by hand: P1 12-01 50; P2 11-01 50; P3 10-01 60; P4 10-01 60: each below 100 and
        // past its first deal: C, 220 in all. P5-P9 bought before Q4: no class.
        guard case .table(let abc) = outputs[2] else { return XCTFail("table expected") }
        XCTAssertEqual(abc.rows.map { "\($0[0].plain) \($0[1].plain) \($0[2].plain)" },
                       ["A 0 0.00", "B 0 0.00", "C 4 220.00", "(none) 5 0.00", "total 9 220.00"])
        // period, abc heading/table/chart, cross-tab heading/table, importance heading/table/chart, list
        XCTAssertEqual(outputs.count, 10)
    }

    func testImportanceByTerritoryScript() throws {
        let f = try ParetoBoundaryTests.fixture()
        let outputs = try runScript("importance-by-territory.clq", period: "2025", on: f)
        guard case .table(let perRegion) = outputs[2] else { return XCTFail("table expected") }
        XCTAssertEqual(perRegion.rows.map { $0.map(\.plain) },
                       [["North", "1", "3", "0", "4"], ["South", "2", "1", "2", "5"], ["total", "3", "4", "2", "9"]])
    }

    func testCallsThisWeekScript() throws {
        let f = try AnalyticsFixture(today: "2025-12-28")
        f.client("Lost key", "founded: 2001-01-02")       // anniversary in 5 days, across the new year
        f.order("Lost key", "2025-01-10", "900", due: "2025-01-20", paid: "2025-01-20")
        f.order("Lost key", "2025-02-10", "900", due: "2025-02-20", paid: "2025-02-20")
        f.client("Small")
        f.order("Small", "2025-12-01", "50", due: "2025-12-11")  // overdue, unpaid
        try f.commit()
        f.client("Called")
        f.order("Called", "2025-12-01", "70", due: "2025-12-11")  // owes, but was called this month
        f.client("Promised")
        f.order("Promised", "2025-11-01", "80", due: "2025-11-11")  // owes; contacted 40 days ago
        try f.commit()
        try f.engine.run("""
            add contacts client: "Small", name: "Ivanova", birthday: 1980-01-03
            add interactions client: "Called", date: 2025-12-20, channel: "call"
            add interactions client: "Promised", date: 2025-11-18, channel: "call"
            add collections client: "Promised", date: 2025-11-18, action: "call", promised_date: 2026-01-02, promised_amount: 80
            add collections client: "Called", date: 2025-12-20, action: "call", promised_date: 2026-01-05
            """)
        let outputs = try runScript("calls-this-week.clq", period: nil, on: f)
        let tables: [[String]] = outputs.compactMap { if case .table(let t) = $0 { return t.rows.map { $0[0].plain } } else { return nil } }
        // Overdue by due date: N5 (Promised, 11-11), N3 and N4 (12-11). Owing and silent for 30 days: Promised (40 days), Small (never: last, as nulls sort
        // last in a descending sort). Promised this week (to 2026-01-04): Promised only.
        XCTAssertEqual(tables, [["Lost key"], ["Ivanova"], ["Lost key"], ["N5", "N3", "N4"], ["Promised", "Small"], ["Promised"]])
    }

    /// Today 2025-12-20: the next 14 days run to 2026-01-03. 2026 and 2027 are common years.
    func testBirthdaysAndFoundingAnniversaries() throws {
        let f = try AnalyticsFixture(today: "2025-12-20")
        f.client("Yearend", "founded: 1999-12-31")       // 11 days
        f.client("NewYear", "founded: 2010-01-03")       // 14 days: the last day counts
        f.client("Late", "founded: 2010-01-04")          // 15 days
        f.client("Today", "founded: 2000-12-20")         // 0 days
        f.client("Yesterday", "founded: 2000-12-19")     // next year: 364 days
        f.client("Leap", "founded: 2004-02-29")
        try f.commit()
        try f.engine.run("""
            add contacts client: "Yearend", name: "Dec31", birthday: 1970-12-31
            add contacts client: "Yearend", name: "Jan3", birthday: 1980-01-03
            add contacts client: "Yearend", name: "Jan4", birthday: 1980-01-04
            add contacts client: "Yearend", name: "Leap", birthday: 1988-02-29
            add contacts client: "Yearend", name: "NoBirthday"
            """)
        func names(_ q: String) throws -> [String] {
            guard case .table(let t)? = try f.engine.run(q).last else { return [] }
            return t.rows.map { $0[0].plain }
        }
        XCTAssertEqual(try names("clients | where founded within 14 days | sort name | select name"), ["NewYear", "Today", "Yearend"])
        XCTAssertEqual(try names("contacts | where birthday within 14 days | sort name | select name"), ["Dec31", "Jan3"])
        XCTAssertEqual(try names("clients | where founded within 2 weeks | sort name | select name"), ["NewYear", "Today", "Yearend"])

        // 29 February in a common year is celebrated on 28 February: from 2027-02-14,
        // 14 days reach 2027-02-28; from 2027-02-15, 13 days do.
        let g = try AnalyticsFixture(today: "2027-02-14")
        g.client("Leap", "founded: 2004-02-29"); g.client("March", "founded: 2004-03-01")
        try g.commit()
        try g.engine.run("add contacts client: \"Leap\", name: \"Leap\", birthday: 1988-02-29")
        guard case .table(let t)? = try g.engine.run("clients | where founded within 14 days | select name").last else { return XCTFail() }
        XCTAssertEqual(t.rows.map { $0[0].plain }, ["Leap"])
        guard case .table(let c)? = try g.engine.run("contacts | where birthday within 13 days | select name").last else { return XCTFail() }
        XCTAssertEqual(c.rows.count, 0)   // 28 February is 14 days away
        // In a leap year it is 29 February itself: from 2028-02-15, 14 days.
        g.engine.session.today = CalendarDate(iso: "2028-02-15")!
        guard case .table(let l)? = try g.engine.run("contacts | where birthday within 14 days | select name").last else { return XCTFail() }
        XCTAssertEqual(l.rows.map { $0[0].plain }, ["Leap"])
        guard case .table(let l2)? = try g.engine.run("contacts | where birthday within 13 days | select name").last else { return XCTFail() }
        XCTAssertEqual(l2.rows.count, 0)
    }
}
