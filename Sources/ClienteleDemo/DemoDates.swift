import ClienteleCore

/// ISO text of the days near the demo period, made once: at millions of rows, formatting
/// each date again costs more than writing it.
///
/// ```swift
/// let days = DemoDates.nearPeriod(start: first, end: end)
/// let dates = DemoDates(from: days.lowerBound, through: days.upperBound)
/// dates.withISO(day) { bytes in ... }   // 10 UTF-8 bytes, "2025-03-01"
/// ```
package struct DemoDates: Sendable {
    /// Day number of the first cached day.
    private let base: Int
    private let count: Int
    /// The ISO dates as one flat UTF-8 buffer, 10 bytes a day, for binding without strings.
    private let isoBytes: [UInt8]

    /// The days worth caching for a period: from the day before it to two months after it
    /// (the last orders' due dates).
    package static func nearPeriod(start: Int, end: Int) -> ClosedRange<Int> { (start - 1)...(end + 62) }

    package init(from first: Int, through last: Int) {
        base = first
        count = max(0, last - first + 1)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10 * count)
        for d in stride(from: first, through: last, by: 1) { bytes += Array(DemoDates.isoText(d).utf8) }
        isoBytes = bytes
    }

    /// Calls `body` with the 10 UTF-8 bytes of `day` in ISO form.
    package func withISO<R>(_ day: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let i = day - base
        if i >= 0 && i < count {
            return try isoBytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[(10 * i)..<(10 * i + 10)])) }
        }
        var text = DemoDates.isoText(day)
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// `CalendarDate.iso` without `String(format:)`, which is slow at this volume.
    package static func isoText(_ d: CalendarDate) -> String {
        padded("", Int64(d.year), width: 4) + "-" + twoDigits(d.month) + "-" + twoDigits(d.day)
    }

    package static func isoText(_ day: Int) -> String { isoText(CalendarDate(dayNumber: day)) }

    package static func padded(_ prefix: String, _ n: Int64, width: Int) -> String {
        let s = String(n)
        return s.count >= width ? prefix + s : prefix + String(repeating: "0", count: width - s.count) + s
    }

    package static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
