/// The store's settings, read once per statement.
package struct StoreSettings: Sendable {
    package var values: [String: (type: String, value: String)]

    package func money(_ key: String) -> Money { (try? Money(parsing: values[key]?.value ?? "0")) ?? Money(minorUnits: 0) }
    package func percent(_ key: String) -> Percent { (try? Percent(parsing: values[key]?.value ?? "0")) ?? Percent(basisPoints: 0) }
    package func integer(_ key: String) -> Int64 { Int64(values[key]?.value ?? "0") ?? 0 }
    package func text(_ key: String) -> String { values[key]?.value ?? "" }

    package var types: [String: ValueType] {
        values.mapValues { ValueType(rawValue: $0.type) ?? .text }
    }

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(values: [String: (type: String, value: String)]) {
        self.values = values
    }
}
