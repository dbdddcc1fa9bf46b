import XCTest
@testable import Clientele

/// Golden comparison: `expected` is the rendered text without its final newline, written
/// as a multi-line literal in the test. On a mismatch the actual text is printed whole so
/// it can be compared line by line.
func assertRenders(_ output: Output, _ options: RenderOptions, _ expected: String,
                   file: StaticString = #filePath, line: UInt = #line) {
    let actual = Renderer(options: options).render(output)
    if actual != expected + "\n" {
        XCTFail("rendered text differs; got:\n\(actual)", file: file, line: line)
    }
}

/// Small constructors that keep the tables in tests readable.
enum Sample {
    static func money(_ text: String) -> Value { .money(try! Money(parsing: text)) }
    static func percent(_ text: String) -> Value { .percent(try! Percent(parsing: text)) }
    static func date(_ iso: String) -> Value { .date(CalendarDate(iso: iso)!) }

    /// Three clients with Cyrillic names, every column type a sales table has.
    static let clients = Table(
        columns: [Column(name: "id", type: .integer), Column(name: "name", type: .text),
                  Column(name: "turnover", type: .money), Column(name: "discount", type: .percent),
                  Column(name: "last_order", type: .date)],
        rows: [
            [.integer(1), .text("ООО «Фармация»"), money("12345"), percent("5%"), date("2025-03-01")],
            [.integer(2), .text("ИП Ёлкин Пётр Сергеевич"), money("1234567.89"), percent("2.5%"), date("2024-12-31")],
            [.integer(10), .text("АО «Север»"), money("-0.05"), .null, .null],
        ])
}
