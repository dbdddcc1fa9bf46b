import Foundation
import ClienteleCore

/// Why one value of a row was refused; becomes an `ImportRowError`.
package struct FieldProblem: Error {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
}

/// Parses the values of a file with its decimal mark and date format.
package struct ValueParser {
    package var decimalComma: Bool
    /// Resolved: never `.auto`.
    package var dateFormat: DateFormatChoice

    package init(decimalComma: Bool, dateFormat: DateFormatChoice) {
        self.decimalComma = decimalComma; self.dateFormat = dateFormat
    }

    /// Trims spaces, tabs, NBSP and other Unicode spaces; quick when there are none.
    @inline(__always)
    package static func trim(_ s: String) -> String {
        let ends = s.utf8.withContiguousStorageIfAvailable { b in b.isEmpty ? (0, 0) : (b[0], b[b.count - 1]) }
            ?? (s.utf8.first ?? 0, s.utf8.last ?? 0)
        if s.isEmpty { return s }
        let (f, l) = ends
        if f > 0x20 && f < 0x80 && l > 0x20 && l < 0x80 { return s }
        if let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
           !mayBeSpace(first), !mayBeSpace(last) { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// False only for characters surely not in `whitespacesAndNewlines` (Unicode Z*, tab,
    /// U+000A–U+000D, U+0085): printable ASCII and the ranges without spaces, such as
    /// Cyrillic (`РН-0000001` is not trimmed through Foundation).
    @inline(__always)
    private static func mayBeSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x21...0x7E, 0xA1...0x167F, 0x3001...0xFEFE, 0xFF00...: return false
        case 0x1681...0x1FFF: return c.value == 0x180E
        default: return true
        }
    }

    private var moneyExample: String { decimalComma ? "1 234,56" : "1234.56" }

    private static let currencyMarks = ["руб.", "руб", "р.", "₽", "rub", "usd", "eur", "$", "€"]

    /// Money in minor units: `1 234,56`, `1234.56`, `1,234.56`, `1.234,56`, `12 руб.`.
    package func money(_ raw: String) throws -> Int64 {
        var s = ValueParser.trim(raw)
        let groupingByte: UInt8 = decimalComma ? 0x2E : 0x2C
        // The common case (`1234,56`): no currency mark, no grouping mark; the same as the
        // full path below, which then only calls `scaled`.
        if !s.utf8.contains(where: { $0 >= 0x80 || $0 == 0x24 || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == groupingByte }),
           let units = ValueParser.scaled(s, scale: Money.minorDigits) {
            return units
        }
        if s.utf8.contains(where: { $0 >= 0x80 || $0 == 0x24 || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
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
        if let units = ValueParser.scaled(s, scale: Money.minorDigits) { return units }
        if let mark = s.lastIndex(where: { $0 == "," || $0 == "." }),
           s[s.index(after: mark)...].count > Money.minorDigits,
           s[s.index(after: mark)...].allSatisfy(\.isNumber), s[..<mark].contains(where: \.isNumber) {
            throw FieldProblem("more than 2 decimal places in an amount of money")
        }
        throw FieldProblem("not an amount of money (e.g. \(moneyExample))")
    }

    /// `DecimalText.parseScaled` on UTF-8 bytes, for speed on large files: a sign, digits,
    /// one `.` or `,` mark, spaces / NBSP / narrow NBSP / `'` grouping before the mark.
    /// Same results; nil for anything else, too many decimals or overflow.
    package static func scaled(_ text: String, scale: Int) -> Int64? {
        var text = text
        return text.withUTF8 { scaled(bytes: $0[...], scale: scale) }
    }

    private static func scaled(bytes: Slice<UnsafeBufferPointer<UInt8>>, scale: Int) -> Int64? {
        var bytes = bytes
        var negative = false
        if bytes.first == 0x2D { negative = true; bytes = bytes.dropFirst() }
        else if bytes.starts(with: [0xE2, 0x88, 0x92]) { negative = true; bytes = bytes.dropFirst(3) }  // U+2212 minus
        else if bytes.first == 0x2B { bytes = bytes.dropFirst() }
        var value: Int64 = 0, fracDigits = 0
        var seenMark = false, seenDigit = false
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            switch b {
            case 0x30...0x39:
                seenDigit = true
                if seenMark { fracDigits += 1; if fracDigits > scale { return nil } }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b - 0x30))
                if o1 || o2 { return nil }
                value = a
            case 0x2E, 0x2C:
                if seenMark { return nil }
                seenMark = true
            case 0x20, 0x27:
                if seenMark { return nil }
            case 0xC2 where i + 1 < bytes.endIndex && bytes[i + 1] == 0xA0:
                if seenMark { return nil }
                i += 1
            case 0xE2 where i + 2 < bytes.endIndex && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xAF:
                if seenMark { return nil }
                i += 2
            default:
                return nil
            }
            i += 1
        }
        guard seenDigit else { return nil }
        while fracDigits < scale {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return nil }
            value = m; fracDigits += 1
        }
        return negative ? -value : value
    }

    /// `CalendarDate.iso` without `String(format:)`, which costs a tenth of a large import,
    /// and without allocating: ten bytes make a small string, stored inline.
    package static func iso(_ d: CalendarDate) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buf in
            iso(d, into: buf.baseAddress!)
            return String(decoding: UnsafeBufferPointer(start: buf.baseAddress!, count: 10), as: UTF8.self)
        }
    }

    /// Writes `yyyy-mm-dd` (ten bytes) at `out`.
    @inline(__always)
    package static func iso(_ d: CalendarDate, into out: UnsafeMutablePointer<UInt8>) {
        func put(_ n: Int, _ at: Int, _ width: Int) {
            var v = n
            for k in stride(from: at + width - 1, through: at, by: -1) { out[k] = UInt8(0x30 + v % 10); v /= 10 }
        }
        put(d.year, 0, 4); out[4] = 0x2D; put(d.month, 5, 2); out[7] = 0x2D; put(d.day, 8, 2)
    }

    private static func isCommaGrouped(_ s: String) -> Bool {
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let groups = body.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isNumber) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A percent in basis points: `25%`, `25,5`, `12.25 %`.
    package func percentBasisPoints(_ raw: String) throws -> Int64 {
        var s = ValueParser.trim(raw)
        if s.hasSuffix("%") { s = ValueParser.trim(String(s.dropLast())) }
        guard let bp = ValueParser.scaled(s, scale: 2) else {
            throw FieldProblem("not a percent (e.g. \(decimalComma ? "25%, 25,5" : "25%, 25.5"))")
        }
        return bp
    }

    /// A date in the file's format; ISO is always accepted, and a time after the date
    /// (`01.02.2025 0:00:00`) is ignored. Reads bytes: this runs for every row of big files.
    package func date(_ raw: String) throws -> CalendarDate {
        var p = (0, 0, 0), w = (0, 0, 0)
        var part = 0
        var separator: UInt8 = 0
        scan: for b in ValueParser.trim(raw).utf8 {
            switch b {
            case 0x30...0x39:
                let digit = Int(b - 0x30)
                switch part {
                case 0: p.0 = p.0 * 10 + digit; w.0 += 1
                case 1: p.1 = p.1 * 10 + digit; w.1 += 1
                default: p.2 = p.2 * 10 + digit; w.2 += 1
                }
                if w.0 > 4 || w.1 > 4 || w.2 > 4 { throw badDate() }
            case 0x2D, 0x2E, 0x2F:          // - . /
                if separator == 0 { separator = b } else if b != separator { throw badDate() }
                part += 1
                if part > 2 { throw badDate() }
            case 0x20 where part == 2 && w.2 > 0, 0x54 where part == 2 && w.2 > 0:   // a time follows
                break scan
            default:
                throw badDate()
            }
        }
        guard part == 2, w.0 > 0, w.1 > 0, w.2 > 0 else { throw badDate() }
        let year: Int, month: Int, day: Int
        switch separator {
        case 0x2D:
            guard w.0 == 4, w.1 <= 2, w.2 <= 2 else { throw badDate() }
            (year, month, day) = (p.0, p.1, p.2)
        case 0x2E:
            guard w.2 == 4, w.0 <= 2, w.1 <= 2 else { throw badDate() }
            (day, month, year) = (p.0, p.1, p.2)
        default:
            guard w.2 == 4, w.0 <= 2, w.1 <= 2 else { throw badDate() }
            if dateFormat == .monthDayYearSlashes { (month, day, year) = (p.0, p.1, p.2) } else { (day, month, year) = (p.0, p.1, p.2) }
        }
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

    package static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    /// A whole number; spaces as thousands separators are allowed.
    package func integer(_ raw: String) throws -> Int64 {
        let s = ValueParser.trim(raw).filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard let i = Int64(s) else { throw FieldProblem("not a whole number") }
        return i
    }

    private static let yes: Set<String> = ["yes", "y", "true", "1", "да", "д", "истина", "+", "x", "х", "v"]
    private static let no: Set<String> = ["no", "n", "false", "0", "нет", "н", "ложь", "-"]

    /// yes/no, true/false, 1/0, да/нет, +/-, x.
    package func boolean(_ raw: String) throws -> Bool {
        let s = ValueParser.trim(raw).lowercased()
        if ValueParser.yes.contains(s) { return true }
        if ValueParser.no.contains(s) { return false }
        throw FieldProblem("not yes or no (e.g. yes, no, да, нет, 1, 0)")
    }
}
