import ClienteleCore

/// What to generate. Defaults: 1000 clients, 2 years of history ending 2025-12-31, seed 42.
/// The end date is fixed (not today) so a seed always gives the same store.
///
/// ```swift
/// let options = DemoOptions(clients: 5000, years: 3, seed: 7)
/// ```
public struct DemoOptions: Sendable, Equatable {
    /// How many clients (about 20 orders each over two years).
    ///
    /// ```swift
    /// var o = DemoOptions(); o.clients = 200
    /// ```
    public var clients: Int
    /// Years of order history, 1 to 50.
    ///
    /// ```swift
    /// DemoOptions(years: 5).years   // 5
    /// ```
    public var years: Int
    /// The generator's seed: the same seed, the same data.
    ///
    /// ```swift
    /// DemoOptions(seed: 7) == DemoOptions(seed: 7)   // true: same store
    /// ```
    public var seed: UInt64
    /// The last day of the history.
    ///
    /// ```swift
    /// DemoOptions(endDate: CalendarDate(year: 2026, month: 6, day: 30)!)
    /// ```
    public var endDate: CalendarDate

    /// Options; the defaults make 1,000 clients over 2 years ending 2025-12-31.
    ///
    /// ```swift
    /// DemoOptions(clients: 200)
    /// ```
    public init(clients: Int = 1000, years: Int = 2, seed: UInt64 = 42,
                endDate: CalendarDate = CalendarDate(year: 2025, month: 12, day: 31)!) {
        self.clients = clients
        self.years = years
        self.seed = seed
        self.endDate = endDate
    }
}

/// What was generated. `firstDate...lastDate` is the period the order history covers.
///
/// ```swift
/// let s = try DemoData.generate(into: store, options: DemoOptions())
/// print("\(s.clients) clients, \(s.orders) orders, \(s.firstDate)..\(s.lastDate)")
/// ```
public struct DemoSummary: Sendable, Equatable {
    /// Rows written to clients (`summary.clients`).
    public var clients = 0
    /// Rows written to orders (`summary.orders`).
    public var orders = 0
    /// Rows written to order_lines (`summary.orderLines`).
    public var orderLines = 0
    /// Rows written to payments (`summary.payments`).
    public var payments = 0
    /// Rows written to contacts (`summary.contacts`).
    public var contacts = 0
    /// Rows written to interactions (`summary.interactions`).
    public var interactions = 0
    /// Rows written to contracts (`summary.contracts`).
    public var contracts = 0
    /// Rows written to conflicts (`summary.conflicts`).
    public var conflicts = 0
    /// The first day of the history (`summary.firstDate.iso`).
    public var firstDate: CalendarDate
    /// The last day of the history (`summary.lastDate.iso`).
    public var lastDate: CalendarDate
}
