import Foundation

/// An exact amount of money in the store's currency, held as integer minor units
/// (kopecks, cents). Never a binary floating-point number.
///
/// ```swift
/// let m = try Money(parsing: "1 234,56")   // 123456 minor units
/// m.formatted()                            // "1,234.56"
/// ```
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in minor units: 123456 for 1,234.56.
    public var minorUnits: Int64

    /// Digits after the decimal point. The store has one currency; its minor digits are a
    /// setting, but every supported currency (RUB, USD, EUR) uses two.
    package static let minorDigits = 2
    @usableFromInline package static let scale: Int64 = 100

    /// An amount from minor units.
    ///
    /// ```swift
    /// Money(minorUnits: 1250).plain   // "12.50"
    /// ```
    @inlinable
    public init(minorUnits: Int64) { self.minorUnits = minorUnits }
    /// An amount of whole major units.
    ///
    /// ```swift
    /// Money(major: 12).plain   // "12.00"
    /// ```
    @inlinable
    public init(major: Int64) { self.minorUnits = major * Money.scale }

    /// Compares amounts.
    ///
    /// ```swift
    /// Money(minorUnits: 999) < Money(minorUnits: 1000)   // true
    /// ```
    @inlinable
    public static func < (a: Money, b: Money) -> Bool { a.minorUnits < b.minorUnits }
    /// Adds two amounts (traps on 64-bit overflow, like Int64).
    ///
    /// ```swift
    /// Money(major: 1) + Money(minorUnits: 50)   // 1.50
    /// ```
    @inlinable
    public static func + (a: Money, b: Money) -> Money { Money(minorUnits: a.minorUnits + b.minorUnits) }
    /// Subtracts two amounts.
    ///
    /// ```swift
    /// Money(major: 2) - Money(minorUnits: 50)   // 1.50
    /// ```
    @inlinable
    public static func - (a: Money, b: Money) -> Money { Money(minorUnits: a.minorUnits - b.minorUnits) }

    /// Exact decimal value (major units).
    ///
    /// ```swift
    /// Money(minorUnits: 1250).decimal   // 12.5
    /// ```
    public var decimal: Decimal { Decimal(minorUnits) / Decimal(Money.scale) }

    /// Parses "1234.56", "1 234,56", "1\u{00A0}234,56", "-12", "12.5". Rejects more than two
    /// fractional digits and amounts that do not fit 64-bit minor units.
    ///
    /// ```swift
    /// try Money(parsing: "1 234,56").minorUnits   // 123456
    /// ```
    public init(parsing text: String) throws {
        guard let units = DecimalText.parseScaled(text, scale: Money.minorDigits) else {
            throw ValueError.invalidMoney(text)
        }
        self.minorUnits = units
    }

    /// Plain machine form: "-1234.56" (no grouping), as CSV and JSON want it.
    ///
    /// ```swift
    /// Money(minorUnits: -123456).plain   // "-1234.56"
    /// ```
    public var plain: String { DecimalText.format(minorUnits, scale: Money.minorDigits, grouping: nil) }

    /// Human form with thousands separators: "1,234.56".
    ///
    /// ```swift
    /// Money(minorUnits: 123456).formatted(grouping: " ", decimalMark: ",")   // "1 234,56"
    /// ```
    public func formatted(grouping: String = ",", decimalMark: String = ".") -> String {
        DecimalText.format(minorUnits, scale: Money.minorDigits, grouping: grouping, decimalMark: decimalMark)
    }

    /// The same as `plain`.
    public var description: String { plain }
}

/// Percent held exactly in basis points (hundredths of a percent): 5% = 500, 2.5% = 250.
///
/// ```swift
/// let p = try Percent(parsing: "2.5%")   // 250 basis points
/// p.of(Money(major: 100))                // 2.50
/// ```
public struct Percent: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Hundredths of a percent: 250 for 2.5%.
    public var basisPoints: Int64
    /// A percent from basis points.
    ///
    /// ```swift
    /// Percent(basisPoints: 250).description   // "2.5%"
    /// ```
    @inlinable
    public init(basisPoints: Int64) { self.basisPoints = basisPoints }
    /// Compares percents.
    ///
    /// ```swift
    /// Percent(basisPoints: 250) < Percent(basisPoints: 300)   // true
    /// ```
    @inlinable
    public static func < (a: Percent, b: Percent) -> Bool { a.basisPoints < b.basisPoints }
    /// Parses "5%", "2.5%", "2.5"; at most two decimals.
    ///
    /// ```swift
    /// try Percent(parsing: "12.25%").basisPoints   // 1225
    /// ```
    public init(parsing text: String) throws {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { t.removeLast() }
        guard let bp = DecimalText.parseScaled(t, scale: 2) else { throw ValueError.invalidPercent(text) }
        self.basisPoints = bp
    }
    /// "5%", "2.5%", "12.25%".
    ///
    /// ```swift
    /// Percent(basisPoints: 1200).description   // "12%"
    /// ```
    public var description: String {
        var s = DecimalText.format(basisPoints, scale: 2, grouping: nil)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s + "%"
    }
    /// Applies the percent to money, rounding half away from zero to the minor unit.
    ///
    /// ```swift
    /// Percent(basisPoints: 2000).of(Money(major: 10))   // 2.00
    /// ```
    @inlinable
    public func of(_ money: Money) -> Money {
        Money(minorUnits: DecimalText.roundedDivide(money.minorUnits * basisPoints, by: 10_000))
    }

    /// `of`, or nil when the result is beyond 64 bits. Exact for every amount: the whole
    /// ten-thousandths and the remainder are scaled apart, so 50% of 90,000,000,000,000,000.00
    /// is computed, not overflowed.
    @inlinable
    package func ofChecked(_ money: Money) -> Money? {
        let (q, r) = money.minorUnits.quotientAndRemainder(dividingBy: 10_000)
        let whole = q.multipliedReportingOverflow(by: basisPoints)
        let part = r.multipliedReportingOverflow(by: basisPoints)
        guard !whole.overflow, !part.overflow else { return nil }
        let sum = whole.partialValue.addingReportingOverflow(DecimalText.roundedDivide(part.partialValue, by: 10_000))
        return sum.overflow ? nil : Money(minorUnits: sum.partialValue)
    }
}

/// Fixed-point decimal text helpers shared by money, percent and exact decimals.
@usableFromInline package enum DecimalText {
    /// Parses a decimal string into an integer scaled by 10^scale. Accepts a leading sign,
    /// `.` or `,` as the decimal mark, and spaces / NBSP / narrow NBSP / `'` as grouping.
    /// Returns nil for anything else, for too many fractional digits, or on overflow.
    package static func parseScaled(_ raw: String, scale: Int) -> Int64? {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("−") { negative = true; text = text.dropFirst() }
        else if text.hasPrefix("+") { text = text.dropFirst() }
        var intPart: Int64 = 0
        var frac: Int64 = 0
        var fracDigits = 0
        var seenMark = false
        var seenDigit = false
        for ch in text {
            switch ch {
            case "0"..."9":
                let d = Int64(ch.asciiValue! - 48)
                seenDigit = true
                if seenMark {
                    fracDigits += 1
                    if fracDigits > scale { return nil }
                    frac = frac * 10 + d
                } else {
                    let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(d)
                    if o1 || o2 { return nil }
                    intPart = a
                }
            case ".", ",":
                if seenMark { return nil }
                seenMark = true
            case " ", "\u{00A0}", "\u{202F}", "'":
                if seenMark { return nil }
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        while fracDigits < scale { frac *= 10; fracDigits += 1 }
        var pow: Int64 = 1
        for _ in 0..<scale { pow *= 10 }
        let (m, o1) = intPart.multipliedReportingOverflow(by: pow)
        let (v, o2) = m.addingReportingOverflow(frac)
        if o1 || o2 { return nil }
        return negative ? -v : v
    }

    package static func format(_ scaled: Int64, scale: Int, grouping: String?, decimalMark: String = ".") -> String {
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        var pow: UInt64 = 1
        for _ in 0..<scale { pow *= 10 }
        let intPart = String(magnitude / pow)
        var grouped = intPart
        if let sep = grouping, intPart.count > 3 {
            var out: [String] = []
            var chars = Array(intPart)
            while chars.count > 3 {
                out.insert(String(chars.suffix(3)), at: 0)
                chars.removeLast(3)
            }
            out.insert(String(chars), at: 0)
            grouped = out.joined(separator: sep)
        }
        var s = (negative ? "-" : "") + grouped
        if scale > 0 {
            var f = String(magnitude % pow)
            while f.count < scale { f = "0" + f }
            s += decimalMark + f
        }
        return s
    }

    /// Integer division rounding half away from zero.
    @inlinable
    package static func roundedDivide(_ n: Int64, by d: Int64) -> Int64 {
        let q = n / d, r = n % d
        if (r.magnitude * 2) >= d.magnitude { return q + (n < 0 ? -1 : 1) * (d < 0 ? -1 : 1) }
        return q
    }
}

/// Text that is not a value of the type it was parsed as.
///
/// ```swift
/// do { _ = try Money(parsing: "12.345") } catch let e as ValueError { print(e) }
/// ```
public enum ValueError: Error, Equatable, CustomStringConvertible {
    case invalidMoney(String)
    case invalidPercent(String)
    case invalidDate(String)
    /// The problem as a sentence naming the text.
    public var description: String {
        switch self {
        case .invalidMoney(let s): return "'\(s)' is not an amount of money (at most 2 decimals, e.g. 1234.56)"
        case .invalidPercent(let s): return "'\(s)' is not a percent (e.g. 5% or 2.5%)"
        case .invalidDate(let s): return "'\(s)' is not a calendar date (YYYY-MM-DD)"
        }
    }
}
