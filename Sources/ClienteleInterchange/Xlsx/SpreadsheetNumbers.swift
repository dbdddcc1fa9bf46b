import ClienteleCore

/// What a cell's number format makes of its number.
package enum NumberFormatKind: Equatable, Sendable {
    case number
    /// A calendar date (a time of day, if any, is dropped).
    case date
    /// A time of day or a duration: the number is kept as it is.
    case time
    /// `0%`, `0.00%`: 0.25 is 25%.
    case percent

    /// Built-in formats of ECMA-376 (18.8.30): 14–17, 22 and 27–36, 50–58 (East Asian) are
    /// dates; 18–21, 45–47 times; 9 and 10 percents.
    package static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 22, 27...36, 50...58: return .date
        case 18...21, 45...47: return .time
        case 9, 10: return .percent
        default: return .number
        }
    }

    /// A custom format code: quoted text, `\`-escaped characters and `[...]` sections
    /// (colours, locales like `[$-419]`, elapsed `[h]`) are not letters of the format. `y`
    /// or `d` make a date (`dd.mm.yyyy`, `d mmmm yyyy`); `h`, `s` (or `m` alone) a time; a `%`
    /// a percent. Only the first section (positive numbers) counts.
    package static func custom(_ code: String) -> NumberFormatKind {
        var letters = ""
        var inQuote = false, inBracket = false, escaped = false
        var bracket = ""
        for c in code {
            if escaped { escaped = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket {
                if c == "]" {
                    inBracket = false
                    let b = bracket.lowercased()
                    if b == "h" || b == "hh" || b == "m" || b == "mm" || b == "s" || b == "ss" { letters.append("h") }
                    bracket = ""
                } else { bracket.append(c) }
                continue
            }
            switch c {
            case "\"": inQuote = true
            case "\\", "_", "*": escaped = true              // `_x` and `*x` take one character
            case "[": inBracket = true
            case ";": return classify(letters)
            default: letters.append(contentsOf: c.lowercased())
            }
        }
        return classify(letters)
    }

    private static func classify(_ letters: String) -> NumberFormatKind {
        if letters.contains("y") || letters.contains("d") { return .date }
        if letters.contains("h") || letters.contains("s") { return .time }
        if letters.contains("%") { return .percent }
        if letters.contains("m") && !letters.contains("0") && !letters.contains("#") { return .time }
        return .number
    }
}

/// The numbers of a sheet as the import's text: exact decimal digits from the cell's own
/// text (`<v>1234.56</v>`), dates from serial numbers in both date systems.
package enum SpreadsheetNumbers {
    /// The stored text of a number, as plain decimal digits: `1.5E+3` → `1500`,
    /// `0.30000000000000004` → `0.3`. Excel shows 15 significant digits; binary noise past
    /// them is rounded away. Nil when the text is not a number.
    package static func plain(_ text: String) -> String? {
        if isPlain(text) { return text }
        // `1234.50`, `12.00` (two decimals, as amounts are often stored): the zeros dropped.
        var u = Substring(text).utf8
        if u.last == 0x30, u.lazy.filter({ $0 == 0x2E }).count == 1 {
            while u.last == 0x30 { u = u.dropLast() }
            if u.last == 0x2E { u = u.dropLast() }
            if let shorter = String(u), isPlain(shorter) { return shorter }
        }
        return digitsPlain(text)
    }

    /// `plain` digit by digit, for any text.
    static func digitsPlain(_ text: String) -> String? {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(s[s.index(after: e)...]), abs(x) < 400 else { return nil }
            exponent = x
            s = s[..<e]
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        for c in s.utf8 {
            if c >= 0x30 && c <= 0x39 { digits.append(c - 0x30) }
            else if c == 0x2E && pointAt == nil { pointAt = digits.count }
            else { return nil }
        }
        guard !digits.isEmpty else { return nil }
        // value = 0.digits × 10^(intDigits)
        var intDigits = (pointAt ?? digits.count) + exponent
        while let first = digits.first, first == 0, digits.count > 1 { digits.removeFirst(); intDigits -= 1 }
        if digits == [0] { return "0" }
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits.removeSubrange(15...)
            if roundUp {
                var i = digits.count - 1
                while i >= 0 {
                    if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
                }
                if i < 0 { digits.insert(1, at: 0); intDigits += 1 }
            }
        }
        while digits.count > 1, digits.last == 0, digits.count > intDigits { digits.removeLast() }
        var out = negative ? "-" : ""
        if intDigits <= 0 {
            out += "0." + String(repeating: "0", count: -intDigits) + digits.map(String.init).joined()
        } else if intDigits >= digits.count {
            out += digits.map(String.init).joined() + String(repeating: "0", count: intDigits - digits.count)
        } else {
            out += digits[..<intDigits].map(String.init).joined() + "." + digits[intDigits...].map(String.init).joined()
        }
        return out == "-0" ? "0" : out
    }

    /// Whether `plain` would give the text back as it is: `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`
    /// with at most 15 digits, and not `-0` (what spreadsheet programs write for most numbers).
    static func isPlain(_ text: String) -> Bool {
        var digits = 0, i = 0, point = -1, last: UInt8 = 0, firstDigit: UInt8 = 0
        var negative = false
        for b in text.utf8 {
            if i == 0 && b == 0x2D { negative = true; i += 1; continue }
            if b >= 0x30 && b <= 0x39 {
                if digits == 0 { firstDigit = b }
                digits += 1
                // A leading zero only alone before the point: `0.5`, not `05`.
                if point < 0 && digits == 2 && firstDigit == 0x30 { return false }
            } else if b == 0x2E && point < 0 && digits > 0 {
                point = digits
            } else {
                return false
            }
            last = b
            i += 1
        }
        guard digits > 0 && digits <= 15 else { return false }
        if point >= 0 && (point == digits || last == 0x30) { return false }   // `5.`, `1.50`
        if negative && digits == 1 && firstDigit == 0x30 { return false }     // `-0`
        return true
    }

    /// A percent cell's number as percent text: `0.255` → `25.5%`.
    package static func percent(_ text: String) -> String? {
        guard let p = plain(text) else { return nil }
        // Move the decimal point two places right, on digits (exact).
        guard let scaled = plain(p + "E2") else { return nil }
        return scaled + "%"
    }

    /// Why a serial number is no date.
    package enum DateProblem: Error, Equatable {
        /// 60 in the 1900 system: 1900-02-29, the day Lotus 1-2-3 (and so Excel) counts
        /// although 1900 was no leap year.
        case fakeLeapDay
        case outOfRange
        case notANumber
    }

    /// The calendar date of a serial number (the time of day dropped). 1900 system: 1 is
    /// 1900-01-01, 59 is 1900-02-28, 60 the fake 1900-02-29, 61 is 1900-03-01. 1904
    /// system: 0 is 1904-01-01.
    package static func date(serial text: String, system1904: Bool) -> Result<CalendarDate, DateProblem> {
        let days: Int
        if text.utf8.count <= 7, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(text) {
            days = n                                  // a whole serial number, as most dates are
        } else {
            guard let p = plain(text) else { return .failure(.notANumber) }
            guard !p.hasPrefix("-") else { return .failure(.outOfRange) }
            let whole = p.split(separator: ".", maxSplits: 1).first.map(String.init) ?? p
            guard whole.count <= 7, let n = Int(whole) else { return .failure(.outOfRange) }
            days = n
        }
        let start: CalendarDate
        var offset = days
        if system1904 {
            start = CalendarDate(year: 1904, month: 1, day: 1)!
        } else {
            if days == 60 { return .failure(.fakeLeapDay) }
            if days == 0 { return .failure(.outOfRange) }      // Excel's 1900-01-00
            start = CalendarDate(year: 1899, month: 12, day: 31)!
            if days > 60 { offset -= 1 }
        }
        guard let d = start.adding(days: offset) else { return .failure(.outOfRange) }
        return .success(d)
    }

    /// The serial number of a date in the 1900 system (what an export writes).
    package static func serial1900(_ date: CalendarDate) -> Int {
        let days = CalendarDate(year: 1899, month: 12, day: 31)!.days(until: date)
        return days >= 60 ? days + 1 : days
    }
}
