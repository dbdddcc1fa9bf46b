import Foundation
import ClienteleCore
import ClienteleSQLite

/// Issue 20 on PostgreSQL (the SQLite store's `v8-rfm-segments`): the named RFM segments as
/// a table with its default rows, its setting, its audit, and the same privileges as the other
/// tables of the policy (every role reads, the head writes).
enum PostgresRFMSegments {
    static let scoreColumns = ["r_min", "r_max", "f_min", "f_max", "m_min", "m_max"]

    /// CHECK constraints by name (PostgresSchema.checks reads them for the error's sentence).
    static let checks: [String: String] = Dictionary(uniqueKeysWithValues: scoreColumns.map { ("rfm_segments_\($0)", "\($0) BETWEEN 1 AND 5") }
        + [("rfm_segments_ranges", "r_min <= r_max AND f_min <= f_max AND m_min <= m_max")])

    static func migrate(_ tx: PostgresTransaction) throws {
        let scores = scoreColumns.map { "\($0) bigint NOT NULL CONSTRAINT rfm_segments_\($0) CHECK (\(checks["rfm_segments_\($0)"]!))" }
        try tx.execute("""
            CREATE TABLE rfm_segments (
                \(PostgresSchema.id), name text NOT NULL UNIQUE, position bigint NOT NULL DEFAULT 100,
                \(scores.joined(separator: ", ")),
                CONSTRAINT rfm_segments_ranges CHECK (\(checks["rfm_segments_ranges"]!)))
            """)
        try tx.execute("CREATE TRIGGER rfm_segments_follow_ids AFTER INSERT ON rfm_segments FOR EACH STATEMENT EXECUTE FUNCTION clientele_follow_ids()")
        for (i, s) in RFMSegmentsMigration.defaults.enumerated() {
            let values: [SQLValue] = [.text(s.name)] + [(i + 1) * 10, s.r.lowerBound, s.r.upperBound, s.f.lowerBound, s.f.upperBound,
                                                        s.m.lowerBound, s.m.upperBound].map { .integer(Int64($0)) }
            try tx.execute("INSERT INTO rfm_segments (name, position, r_min, r_max, f_min, f_max, m_min, m_max) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                           .positional(values))
        }
        for s in Schema.allDefaultSettings {
            try tx.execute("INSERT INTO settings (key, type, value, default_value, description) VALUES ($1, $2, $3, $3, $4) ON CONFLICT (key) DO NOTHING",
                           .positional([.text(s.key), .text(s.type), .text(s.value), .text(s.description)]))
        }
        try PostgresRoles.attachHeadManagedTable(AuditLog.rfmSegments, in: tx)
    }
}
