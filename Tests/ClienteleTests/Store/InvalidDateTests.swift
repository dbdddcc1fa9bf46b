import XCTest
@testable import Clientele
@testable import ClienteleInterchange
import ClienteleTestSupport

/// A date that is not on the calendar (29 February of a common year) cannot reach a store
/// through the language or an import: the golden fixture once held `1975-02-29`, written by
/// hand in SQL, which a PostgreSQL `date` column refuses. Each way in refuses it, says why,
/// and leaves the store as it was.
final class InvalidDateTests: XCTestCase {
    static let birthdays = "contacts | sort id | select id, birthday"

    func testAddAndUpdateRefuseTheTwentyNinthOfFebruaryOfACommonYear() throws {
        let engine = try Fixture.engine()
        let before = engine.transcript(Self.birthdays)
        let add = engine.transcript("add contacts client: 1, name: \"Leap\", birthday: 1975-02-29")
        XCTAssertTrue(add.hasPrefix("error: 1975-02-29 is not a calendar date: February 1975 has 28 days"), add)
        let update = engine.transcript("update contacts | where id == 2 set birthday = 1975-02-29")
        XCTAssertTrue(update.hasPrefix("error: 1975-02-29 is not a calendar date: February 1975 has 28 days"), update)
        XCTAssertEqual(engine.transcript(Self.birthdays), before)
        // The leap day of a leap year is a date.
        XCTAssertEqual(engine.transcript("update contacts | where id == 2 set birthday = 1976-02-29"), "1 contact updated.\n")
    }

    func testImportRefusesTheTwentyNinthOfFebruaryOfACommonYear() throws {
        let box = try ImportSandbox()
        try box.seedClients()
        let file = try box.write("contacts.csv", utf8: """
            Контрагент;ФИО;День рождения
            7701234567;Иванов Иван;29.02.1975
            7701234567;Пётр Ли;1975-02-29
            """)
        let report = try box.run(file, into: .contacts) { $0.keepGoing = true }
        XCTAssertEqual(report.errors.map(\.description), [
            "line 2, column \"День рождения\", value \"29.02.1975\": no such date (February 1975 has 28 days)",
            "line 3, column \"День рождения\", value \"1975-02-29\": no such date (February 1975 has 28 days)",
        ])
        XCTAssertEqual(try box.rows("SELECT count(*) FROM contacts WHERE birthday IS NOT NULL"), [["0"]])
    }
}
