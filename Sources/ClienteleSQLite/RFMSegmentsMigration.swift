import GRDB
import ClienteleCore

/// Issue 20: named RFM segments as data (docs/segmentation.md): each a name and the ranges of
/// the R, F and M scores (1-5, both ends included) it takes; the first by `position` (then
/// id) whose ranges hold names the client, `rfm.other_segment` the clients none holds.
package enum RFMSegmentsMigration {
    /// The segments of R's `rfm` package (`rfm_segment`'s documented example), in its order.
    /// Its `Lost` row (R 1-2, F 1-2, M 1-2) is split by recency: R 2 is Hibernating, R 1 Lost.
    package static let defaults: [(name: String, r: ClosedRange<Int>, f: ClosedRange<Int>, m: ClosedRange<Int>)] = [
        ("Champions", 4...5, 4...5, 4...5),
        ("Loyal customers", 2...5, 3...5, 3...5),
        ("Potential loyalist", 3...5, 1...3, 1...3),
        ("New customers", 4...5, 1...1, 1...1),
        ("Promising", 3...4, 1...1, 1...1),
        ("Need attention", 2...3, 2...3, 2...3),
        ("About to sleep", 2...3, 1...2, 1...2),
        ("At risk", 1...2, 2...5, 2...5),
        ("Can't lose them", 1...1, 4...5, 4...5),
        ("Hibernating", 2...2, 1...2, 1...2),
        ("Lost", 1...1, 1...2, 1...2),
    ]

    static let settings: [(key: String, type: String, value: String, description: String)] = [
        ("rfm.other_segment", "text", "Others", "rfm_segment of a client with RFM scores that no row of rfm_segments takes"),
    ]

    /// The table as SQLite creates it (PostgreSQL: PostgresRFMSegments).
    static let scoreColumns = ["r_min", "r_max", "f_min", "f_max", "m_min", "m_max"]

    static func migrate(_ db: Database) throws {
        let scores = scoreColumns.map { "\($0) INTEGER NOT NULL CHECK (\($0) BETWEEN 1 AND 5)" }.joined(separator: ",\n    ")
        try db.execute(sql: """
            CREATE TABLE rfm_segments (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                position INTEGER NOT NULL DEFAULT 100,
                \(scores),
                CHECK (r_min <= r_max AND f_min <= f_max AND m_min <= m_max)
            )
            """)
        for (i, s) in defaults.enumerated() {
            try db.execute(sql: "INSERT INTO rfm_segments (name, position, r_min, r_max, f_min, f_max, m_min, m_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [s.name, (i + 1) * 10, s.r.lowerBound, s.r.upperBound, s.f.lowerBound, s.f.upperBound,
                                       s.m.lowerBound, s.m.upperBound])
        }
        try AuditLog.reattach(db, "settings") { try CreditMigration.insert(settings, db) }
        try AuditLog.attach(db, AuditLog.rfmSegments)
    }
}

extension AuditLog {
    /// rfm_segments, audited from the migration that makes it.
    package static let rfmSegments = Table(name: "rfm_segments", key: "name", client: .none)
}
