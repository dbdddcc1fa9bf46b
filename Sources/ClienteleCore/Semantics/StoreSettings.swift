/// The store's settings, read once per statement.
package struct StoreSettings: Sendable {
    package var values: [String: (type: String, value: String)]
    /// The rows of `rfm_segments`, in the order they are tried (position, then id).
    package var rfmSegments: [RFMSegmentRule] = []

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

/// A named RFM segment: the R, F and M scores it takes (both ends included).
package struct RFMSegmentRule: Sendable, Equatable {
    package var name: String
    package var r: ClosedRange<Int64>, f: ClosedRange<Int64>, m: ClosedRange<Int64>

    package init(name: String, r: ClosedRange<Int64>, f: ClosedRange<Int64>, m: ClosedRange<Int64>) {
        self.name = name; self.r = r; self.f = f; self.m = m
    }

    /// The query that reads them, on every backend.
    package static let query = "SELECT name, r_min, r_max, f_min, f_max, m_min, m_max FROM rfm_segments ORDER BY position, id"

    /// A row of `query`; nil for one whose ranges are empty (the store's checks keep them out).
    package init?(row: [SQLValue]) {
        guard row.count == 7, let name = row[0].string else { return nil }
        let n = row[1...].compactMap(\.int64)
        guard n.count == 6, n[0] <= n[1], n[2] <= n[3], n[4] <= n[5] else { return nil }
        self.init(name: name, r: n[0]...n[1], f: n[2]...n[3], m: n[4]...n[5])
    }
}
