import ClienteleCore

extension Engine {
    /// Adds a function to this engine's language (no other engine sees it): scripts run
    /// by this engine can call it in `where`, `derive`, `select`, `agg` and `update`; the
    /// checker checks its calls, completion offers it and `help functions` lists it.
    ///
    /// ```swift
    /// let engine = Engine(store: try Store(path: "clientele.sqlite"))
    /// try engine.register(function: HostFunction(
    ///     name: "vat", arguments: [.money], result: .money,
    ///     help: "the VAT included in a gross amount (20%)",
    ///     example: "orders | derive vat = vat(gross) | where vat > 100") { values in
    ///         guard case .money(let gross) = values[0] else { return .null }
    ///         return .money(Money(minorUnits: (gross.minorUnits * 20 + 60) / 120))
    ///     })
    /// let rows = try engine.run("orders | select number, vat = vat(gross) | take 5")
    /// ```
    /// Throws `HostFunction.RegistrationError` when the name is taken or is not a plain
    /// name, a type is null or label, or a function given as SQL has none for the store.
    public func register(function: HostFunction) throws {
        if let problem = function.sqlProblem(for: dialect.hostDialect) { throw problem }
        try state.withLock { try $0.catalog.register(function) }
    }
}
