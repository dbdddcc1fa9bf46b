import ClienteleCore

/// What a session remembers between statements: the default period, the reference date,
/// `let` bindings and script parameters. Store settings live in the store instead.
///
/// ```swift
/// var session = Session(today: CalendarDate(iso: "2025-12-31")!)
/// session.parameters["region"] = .text("North")   // $region in scripts
/// let engine = Engine(store: store, session: session)
/// ```
public struct Session: Sendable {
    package var period: PeriodSyntax = .last(count: 12, unit: .months)
    /// The date "today" means for periods and overdue days. Defaults to the machine's date;
    /// tests and reports pin it with `set today = 2025-12-31`.
    public var today: CalendarDate
    var lets: [String: LetBinding] = [:]
    /// The values of `$name` parameters in scripts.
    ///
    /// ```swift
    /// engine.session.parameters["month"] = .date(CalendarDate(iso: "2025-06-01")!)
    /// ```
    public var parameters: [String: Value] = [:]
    /// Store settings given a value for this session only (`set abc.a_min = 600`), as
    /// plain text by key; the store keeps its own.
    package var settings: [String: String] = [:]
    /// `set yo = "distinct"`: text comparisons tell е and ё apart (by default they do not).
    package var yoDistinct = false
    /// `set months = "ru"`: month buckets shown by name (`мар 2025`) in tables, charts and
    /// reports; CSV, JSON and xlsx keep `2025-03`.
    package var months: MonthNames = .iso

    /// A new session: the default period (last 12 months), no lets, no parameters.
    ///
    /// ```swift
    /// Session(today: CalendarDate(iso: "2025-12-31")!)
    /// ```
    public init(today: CalendarDate = .today()) { self.today = today }

    /// The names bound with `let`, for completion.
    package var letNames: [String] { lets.keys.sorted() }

    /// Parses `--param name=value` text into a typed value: a date, a period (kept as text
    /// and read as a period where one is expected), a number, an amount, or text.
    package static func parameterValue(_ text: String) -> Value {
        if let d = CalendarDate(iso: text) { return .date(d) }
        if let i = Int64(text) { return .integer(i) }
        if text.hasSuffix("%"), let p = try? Percent(parsing: text) { return .percent(p) }
        if text.range(of: #"^-?\d+\.\d{1,2}$"#, options: .regularExpression) != nil,
           let scaled = DecimalText.parseScaled(text, scale: 2) {
            return .decimal(Decimal(scaled) / 100)
        }
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        return .text(text)
    }
}

import Foundation
