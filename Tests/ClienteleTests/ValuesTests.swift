import XCTest
@testable import Clientele

final class ValuesTests: XCTestCase {
    func testMoneyParsesLocaleForms() throws {
        XCTAssertEqual(try Money(parsing: "1 234,56").minorUnits, 123456)
        XCTAssertEqual(try Money(parsing: "1\u{00A0}234,56").minorUnits, 123456)
        XCTAssertEqual(try Money(parsing: "-12.5").minorUnits, -1250)
        XCTAssertEqual(try Money(parsing: "1234").minorUnits, 123400)
        XCTAssertThrowsError(try Money(parsing: "1.234"))
        XCTAssertThrowsError(try Money(parsing: "99999999999999999999"))
        XCTAssertThrowsError(try Money(parsing: "12a"))
    }
    func testMoneyFormatting() {
        XCTAssertEqual(Money(minorUnits: 123456789).formatted(), "1,234,567.89")
        XCTAssertEqual(Money(minorUnits: -5).plain, "-0.05")
    }
    func testPercent() throws {
        XCTAssertEqual(try Percent(parsing: "2.5%").basisPoints, 250)
        XCTAssertEqual(Percent(basisPoints: 500).description, "5%")
        XCTAssertEqual(Percent(basisPoints: 500).of(Money(minorUnits: 1999)).minorUnits, 100) // 99.95 -> 100
    }
    func testCalendarDates() {
        XCTAssertNil(CalendarDate(iso: "2025-02-30"))
        XCTAssertNil(CalendarDate(iso: "2025-13-01"))
        XCTAssertNotNil(CalendarDate(iso: "2024-02-29"))
        let d = CalendarDate(iso: "2025-01-31")!
        XCTAssertEqual(d.adding(months: 1)?.iso, "2025-02-28")
        XCTAssertEqual(d.adding(days: 1)?.iso, "2025-02-01")
        // A percent of any amount, without overflow.
        XCTAssertEqual(Percent(basisPoints: 5000).ofChecked(Money(minorUnits: 9_000_000_000_000_000_000))?.minorUnits, 4_500_000_000_000_000_000)
        XCTAssertEqual(Percent(basisPoints: 333).ofChecked(Money(minorUnits: 12_345)), Percent(basisPoints: 333).of(Money(minorUnits: 12_345)))
        XCTAssertEqual(Percent(basisPoints: 333).ofChecked(Money(minorUnits: -12_345)), Percent(basisPoints: 333).of(Money(minorUnits: -12_345)))
        XCTAssertNil(Percent(basisPoints: 20_000).ofChecked(Money(minorUnits: Int64.max)))
        // Outside 0001-01-01...9999-12-31 there is no date, and no overflow either.
        XCTAssertNil(CalendarDate(iso: "9999-12-31")!.adding(days: 1))
        XCTAssertNil(CalendarDate(iso: "0001-01-01")!.adding(days: -1))
        XCTAssertNil(d.adding(days: Int.max))
        XCTAssertNil(d.adding(days: Int.min))
        XCTAssertNil(CalendarDate(iso: "9999-12-01")!.adding(months: 1))
        XCTAssertNil(d.adding(months: Int.max))
        XCTAssertEqual(d.clampedAdding(days: -Int.max), .earliest)
        XCTAssertEqual(CalendarDate(iso: "9999-12-31")!.adding(days: 0), CalendarDate(iso: "9999-12-31"))
        XCTAssertEqual(CalendarDate(dayNumber: d.dayNumber), d)
        XCTAssertEqual(CalendarDate(iso: "1970-01-01")!.dayNumber, 0)
    }
}
