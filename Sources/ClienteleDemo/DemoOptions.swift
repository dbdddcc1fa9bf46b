import ClienteleCore

/// What to generate. Defaults: 1000 clients, 2 years of history ending 2025-12-31, seed 42.
/// The end date is fixed (not today) so a seed always gives the same store.
///
/// ```swift
/// let options = DemoOptions(clients: 5000, years: 3, seed: 7)
/// ```
public struct DemoOptions: Sendable, Equatable {
    public var clients: Int
    public var years: Int
    public var seed: UInt64
    public var endDate: CalendarDate

    public init(clients: Int = 1000, years: Int = 2, seed: UInt64 = 42,
                endDate: CalendarDate = CalendarDate(year: 2025, month: 12, day: 31)!) {
        self.clients = clients
        self.years = years
        self.seed = seed
        self.endDate = endDate
    }
}

/// What was generated. `firstDate...lastDate` is the period the order history covers.
public struct DemoSummary: Sendable, Equatable {
    public var clients = 0
    public var orders = 0
    public var orderLines = 0
    public var payments = 0
    public var contacts = 0
    public var interactions = 0
    public var contracts = 0
    public var conflicts = 0
    public var firstDate: CalendarDate
    public var lastDate: CalendarDate
}
