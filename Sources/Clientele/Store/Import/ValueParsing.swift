import Foundation

/// Why one value of a row was refused; becomes an `ImportRowError`.
struct FieldProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Parses the values of a file with its decimal mark and date format.
struct ValueParser {
    var decimalComma: Bool
    /// Resolved: never `.auto`.
    var dateFormat: DateFormatChoice

    /// Trims spaces, tabs, NBSP and other Unicode spaces; quick when there are none.
    @inline(__always)
    static func trim(_ s: String) -> String {
        let u = s.utf8
        guard let f = u.first, let l = u.last else { return s }
        if f > 0x20 && f < 0x80 && l > 0x20 && l < 0x80 { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private var moneyExample: String { decimalComma ? "1 234,56" : "1234.56" }

    private static let currencyMarks = ["руб.", "руб", "р.", "₽", "rub", "usd", "eur", "$", "€"]

    /// Money in minor units: `1 234,56`, `1234.56`, `1,234.56`, `1.234,56`, `12 руб.`.
    func money(_ raw: String) throws -> Int64 {
        var s = ValueParser.trim(raw)
        if s.contains(where: { !$0.isASCII || $0.isLetter || $0 == "$" }) {
            let lower = s.lowercased()
            for mark in ValueParser.currencyMarks {
                if lower.hasSuffix(mark) { s = String(s.dropLast(mark.count)); break }
                if lower.hasPrefix(mark) { s = String(s.dropFirst(mark.count)); break }
            }
            s = ValueParser.trim(s)
        }
        let groupingMark: Character = decimalComma ? "." : ","
        let decimalMark: Character = decimalComma ? "," : "."
        if s.contains(groupingMark) {
            if let d = s.lastIndex(of: decimalMark), !s[d...].contains(groupingMark) {
                s.removeAll { $0 == groupingMark }          // 1.234,56 / 1,234.56
            } else if !decimalComma, ValueParser.isCommaGrouped(s) {
                s.removeAll { $0 == "," }                  // 1,234,567
            }
        }
        if let units = DecimalText.parseScaled(s, scale: Money.minorDigits) { return units }
        if let mark = s.lastIndex(where: { $0 == "," || $0 == "." }),
           s[s.index(after: mark)...].count > Money.minorDigits,
           s[s.index(after: mark)...].allSatisfy(\.isNumber), s[..<mark].contains(where: \.isNumber) {
            throw FieldProblem("more than 2 decimal places in an amount of money")
        }
        throw FieldProblem("not an amount of money (e.g. \(moneyExample))")
    }

    private static func isCommaGrouped(_ s: String) -> Bool {
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let groups = body.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isNumber) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A percent in basis points: `25%`, `25,5`, `12.25 %`.
    func percentBasisPoints(_ raw: String) throws -> Int64 {
        var s = ValueParser.trim(raw)
        if s.hasSuffix("%") { s = ValueParser.trim(String(s.dropLast())) }
        guard let bp = DecimalText.parseScaled(s, scale: 2) else {
            throw FieldProblem("not a percent (e.g. \(decimalComma ? "25%, 25,5" : "25%, 25.5"))")
        }
        return bp
    }

    /// A date in the file's format; ISO is always accepted, and a time after the date
    /// (`01.02.2025 0:00:00`) is ignored.
    func date(_ raw: String) throws -> CalendarDate {
        var s = Substring(ValueParser.trim(raw))
        if let cut = s.firstIndex(where: { $0 == " " || $0 == "T" }) { s = s[..<cut] }
        let y: Substring, m: Substring, d: Substring
        if s.contains("-") {
            let p = s.split(separator: "-", omittingEmptySubsequences: false)
            guard p.count == 3, p[0].count == 4 else { throw badDate() }
            (y, m, d) = (p[0], p[1], p[2])
        } else if s.contains(".") {
            let p = s.split(separator: ".", omittingEmptySubsequences: false)
            guard p.count == 3 else { throw badDate() }
            (d, m, y) = (p[0], p[1], p[2])
        } else if s.contains("/") {
            let p = s.split(separator: "/", omittingEmptySubsequences: false)
            guard p.count == 3 else { throw badDate() }
            if dateFormat == .monthDayYearSlashes { (m, d, y) = (p[0], p[1], p[2]) } else { (d, m, y) = (p[0], p[1], p[2]) }
        } else {
            throw badDate()
        }
        guard y.count == 4, (1...2).contains(m.count), (1...2).contains(d.count),
              let year = Int(y), let month = Int(m), let day = Int(d) else { throw badDate() }
        if let date = CalendarDate(year: year, month: month, day: day) { return date }
        if !(1...12).contains(month) { throw FieldProblem("no such date (there is no month \(month))") }
        if (1...9999).contains(year) && day > CalendarDate.daysIn(month: month, year: year) {
            let name = ValueParser.monthNames[month - 1]
            throw FieldProblem("no such date (\(name) \(year) has \(CalendarDate.daysIn(month: month, year: year)) days)")
        }
        throw FieldProblem("no such date")
    }

    private func badDate() -> FieldProblem {
        FieldProblem("not a date (expected e.g. \(dateFormat.example), \(dateFormat))")
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    /// A whole number; spaces as thousands separators are allowed.
    func integer(_ raw: String) throws -> Int64 {
        let s = ValueParser.trim(raw).filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard let i = Int64(s) else { throw FieldProblem("not a whole number") }
        return i
    }

    private static let yes: Set<String> = ["yes", "y", "true", "1", "да", "д", "истина", "+", "x", "х", "v"]
    private static let no: Set<String> = ["no", "n", "false", "0", "нет", "н", "ложь", "-"]

    /// yes/no, true/false, 1/0, да/нет, +/-, x.
    func boolean(_ raw: String) throws -> Bool {
        let s = ValueParser.trim(raw).lowercased()
        if ValueParser.yes.contains(s) { return true }
        if ValueParser.no.contains(s) { return false }
        throw FieldProblem("not yes or no (e.g. yes, no, да, нет, 1, 0)")
    }
}
