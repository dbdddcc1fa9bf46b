import GRDB
import ClienteleCore

/// Settings of the segmentation and first-deal rules added after v1 (docs/segmentation.md).
enum SegmentationMigration {
    static let settings: [(key: String, type: String, value: String, description: String)] = [
        ("importance.per", "label", "none",
         "importance: computed over the whole base (none), or within each region, direction, curator, activity or source"),
    ]

    static func migrate(_ db: Database) throws {
        for s in settings {
            try db.execute(sql: "INSERT OR IGNORE INTO settings(key, type, value, default_value, description) VALUES (?, ?, ?, ?, ?)",
                           arguments: [s.key, s.type, s.value, s.value, s.description])
        }
        // RFM scores are quintiles over the query's period like every other segment; a
        // separate window setting would silently disagree with it.
        try db.execute(sql: "DELETE FROM settings WHERE key = 'rfm.recency_days'")
        try db.execute(sql: """
            UPDATE settings SET description = 'the ABC class a client''s first deal puts it in (A, B, C; none: no first-deal class)' \
            WHERE key = 'first_deal.class'
            """)
    }
}
