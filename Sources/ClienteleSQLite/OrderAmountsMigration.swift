import GRDB
import ClienteleCore

/// The store's own guard on money (issue 15), so that no write path (add, update, import,
/// a future one, another program) can store amounts that do not add up: an order's
/// gross ≥ 0, 0 ≤ discount ≤ gross and net = gross − discount (`OrderAmounts`); a payment's
/// amount and an order line's gross ≥ 0; a category's margin from 0% to 100%.
///
/// These are triggers that abort the statement with a sentence, not CHECK constraints:
/// adding a CHECK to an existing SQLite table means rebuilding the table, and `orders` is
/// referenced by payments and order lines (ON DELETE CASCADE) and carries the payment
/// roll-up and facts-version triggers, so a rebuild would put at risk the data the rule
/// protects. The effect is the same: every INSERT and UPDATE is checked by SQLite.
///
/// A store whose rows already break a rule is not upgraded: opening it for writing fails
/// with a message listing the rows (nothing is changed; `--read-only` still reads it).
package enum OrderAmountsMigration {
    package struct Rule: Sendable {
        package var table: String
        package var name: String
        package var columns: [String]
        /// The condition on a row, given the prefix of its columns (`NEW.` in a trigger).
        package var condition: @Sendable (String) -> String
        package var message: String
        /// How a breaking row is named in the refusal.
        var label: String
    }

    package static let rules: [Rule] = [
        Rule(table: "orders", name: "orders_amounts", columns: ["gross_minor", "discount_minor", "net_minor"],
             condition: { p in OrderAmounts.sqlCondition(gross: "\(p)gross_minor", discount: "\(p)discount_minor", net: "\(p)net_minor") },
             message: "an order's amounts must add up: gross at least 0, discount from 0 to gross, net = gross - discount",
             label: "orders with id"),
        Rule(table: "payments", name: "payments_amount", columns: ["amount_minor"],
             condition: { p in "\(p)amount_minor >= 0" },
             message: "a payment's amount cannot be negative", label: "payments with id"),
        Rule(table: "order_lines", name: "order_lines_gross", columns: ["gross_minor"],
             condition: { p in "\(p)gross_minor >= 0" },
             message: "an order line's gross cannot be negative", label: "order lines with id"),
        Rule(table: "categories", name: "categories_margin", columns: ["margin_bp"],
             condition: { p in "\(p)margin_bp BETWEEN \(CategoryMargin.range.lowerBound) AND \(CategoryMargin.range.upperBound)" },
             message: "a category's margin must be from 0% to 100% of net revenue", label: "categories with id"),
    ]

    struct Violations: Error, CustomStringConvertible {
        var problems: [String]
        var description: String {
            "this store holds amounts that break its rules, so it was not upgraded and nothing was changed: "
                + problems.joined(separator: "; ")
                + ". Open it with --read-only to read it; correct those rows with the version of clientele that wrote them"
        }
    }

    static func migrate(_ db: Database) throws {
        var problems: [String] = []
        for rule in rules {
            let broken = "FROM \(rule.table) WHERE NOT (\(rule.condition("")))"
            let count = try Int.fetchOne(db, sql: "SELECT count(*) \(broken)") ?? 0
            guard count > 0 else { continue }
            let ids = try Int64.fetchAll(db, sql: "SELECT id \(broken) ORDER BY id LIMIT 10")
            problems.append("\(rule.message) (\(rule.label) \(ids.map(String.init).joined(separator: ", "))\(count > ids.count ? ", ..." : ""); \(count) in all)")
        }
        if !problems.isEmpty { throw Violations(problems: problems) }
        for rule in rules {
            let raise = "SELECT RAISE(ABORT, '\(rule.message.replacingOccurrences(of: "'", with: "''"))');"
            try db.execute(sql: """
                CREATE TRIGGER \(rule.name)_insert BEFORE INSERT ON \(rule.table)
                WHEN NOT (\(rule.condition("NEW."))) BEGIN \(raise) END;
                CREATE TRIGGER \(rule.name)_update BEFORE UPDATE OF \(rule.columns.joined(separator: ", ")) ON \(rule.table)
                WHEN NOT (\(rule.condition("NEW."))) BEGIN \(raise) END;
                """)
        }
    }
}
