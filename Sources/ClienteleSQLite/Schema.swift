import Foundation
import GRDB
import ClienteleCore

/// The store's schema as ordered, named migrations. Never edit a shipped migration:
/// add a new one. Defaults from design/DOMAIN.md are inserted here, as data.
package enum Schema {
    /// The newest schema version this build understands; a store with a higher
    /// `user_version` was written by a newer Clientele and is refused.
    package static let version = 1

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-core-tables", migrate: createCoreTables)
        m.registerMigration("v1-indexes", migrate: createIndexes)
        m.registerMigration("v1-defaults", migrate: insertDefaults)
        m.registerMigration("v1-schema-version") { db in
            try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
        }
        m.registerMigration("v2-segmentation-settings", migrate: SegmentationMigration.migrate)
        m.registerMigration("v3-payment-rollup", migrate: PaymentRollupMigration.migrate)
        m.registerMigration("v4-facts-version", migrate: FactsVersionMigration.migrate)
        // Issue 15 (values): the store refuses order amounts that do not add up (trust-values branch).
        m.registerMigration("v5-amount-rules", migrate: OrderAmountsMigration.migrate)
        // Issue 17 part 7: the audit log, kept by triggers (AuditMigration.swift).
        m.registerMigration("v6-audit", migrate: AuditLog.migrate)
        // Issue 20: credit control (CreditMigration.swift).
        m.registerMigration("v7-credit", migrate: CreditMigration.migrate)
        m.registerMigration("v8-rfm-segments", migrate: RFMSegmentsMigration.migrate)
        // Issue 18 part 1: client codes.
        m.registerMigration("v9-client-codes", migrate: ClientCodesMigration.migrate)
        // Issue 20 item 3: first-deal terms at add orders (FirstDealTermsMigration.swift).
        m.registerMigration("v10-first-deal-terms", migrate: FirstDealTermsMigration.migrate)
        // Issue 20 item 4: debt-collection work (CollectionsMigration.swift).
        m.registerMigration("v11-collections", migrate: CollectionsMigration.migrate)
        // Issue 21 item 6: the discount rate of clv (ModelSettingsMigration.swift).
        m.registerMigration("v12-clv-discount", migrate: ModelSettingsMigration.migrate)
        // Issue 20 item 5: importance per direction or territory (ImportanceMigration.swift).
        m.registerMigration("v13-importance-per-direction", migrate: ImportanceMigration.migrate)
        // Issue 19 item 8: the what-if keeps the period's order lines in memory while this
        // counter stands still, so lines and order amounts move it too.
        m.registerMigration("v14-lines-version", migrate: FactsVersionMigration.migrateLines)
        // Issue 19 item 7: fixed amounts, marginal tiers, margin floors, discount limits (RuleKindsMigration.swift).
        m.registerMigration("v15-rule-kinds", migrate: RuleKindsMigration.migrate)
        // Issue 20 item 8: professional holidays (HolidaysMigration.swift).
        m.registerMigration("v16-holidays", migrate: HolidaysMigration.migrate)
        // Issue 23: the store's identity and the rewrite count the column files are checked against.
        m.registerMigration("v17-columns-stamp", migrate: StoreIdentityMigration.migrate)
        return m
    }

    private static func createCoreTables(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            tax_id TEXT UNIQUE,              -- ИНН: natural external key for imports
            kpp TEXT,
            legal_address TEXT,
            actual_address TEXT,
            phone TEXT, fax TEXT, email TEXT,
            bank_details TEXT,
            region TEXT,                     -- region / territory
            direction TEXT,                  -- sales direction
            activity TEXT,                   -- stationery, watches, ... (see activities)
            sales_type TEXT CHECK (sales_type IN ('wholesaler','retail chain','retail point')),
            outlets INTEGER NOT NULL DEFAULT 1 CHECK (outlets >= 0),
            mall_outlets INTEGER NOT NULL DEFAULT 0 CHECK (mall_outlets >= 0),
            source TEXT,                     -- press, internet, referral, exhibition...
            curator TEXT,
            founded TEXT,                    -- ISO date
            agreement_signed TEXT,           -- cooperation agreement (ISO date)
            contract_signed TEXT,            -- supply contract (ISO date)
            corporate_card INTEGER NOT NULL DEFAULT 0,
            status_override TEXT CHECK (status_override IN ('potential','new','active','lost')),
            manual_block TEXT,               -- reason, when shipments are blocked by hand
            financial_condition TEXT,
            reliability TEXT,
            notes TEXT,
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            updated_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position TEXT,
            work_phone TEXT, home_phone TEXT, email TEXT,
            birthday TEXT,                   -- ISO date; personal data is optional
            decision_maker INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            channel TEXT,                    -- call, meeting, e-mail, exhibition
            result TEXT
        );
        CREATE TABLE contracts (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            number TEXT,
            signed TEXT,
            executed TEXT,
            terms TEXT
        );
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            description TEXT,
            resolution TEXT
        );
        CREATE TABLE categories (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            margin_bp INTEGER NOT NULL DEFAULT 0,        -- margin, basis points of net revenue
            goods_class TEXT NOT NULL DEFAULT 'B' CHECK (goods_class IN ('A','B','C')),
            fast_moving INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            number TEXT,
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            outlet INTEGER NOT NULL DEFAULT 1,
            order_date TEXT NOT NULL,
            due_date TEXT NOT NULL,
            gross_minor INTEGER NOT NULL,
            discount_minor INTEGER NOT NULL DEFAULT 0,
            net_minor INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'shipped' CHECK (status IN ('shipped','returned','cancelled'))
        );
        CREATE TABLE order_lines (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            category_id INTEGER NOT NULL REFERENCES categories(id),
            gross_minor INTEGER NOT NULL
        );
        CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            number TEXT,
            date TEXT NOT NULL,
            amount_minor INTEGER NOT NULL
        );
        CREATE TABLE activities (
            name TEXT PRIMARY KEY
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            type TEXT NOT NULL,              -- money, percent, integer, text, label
            value TEXT NOT NULL,
            default_value TEXT NOT NULL,
            description TEXT NOT NULL
        );
        CREATE TABLE rules (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            condition TEXT NOT NULL DEFAULT 'true',  -- source text in the query language
            category TEXT,                           -- optional product category
            percent_bp INTEGER,                      -- flat discount
            tiers TEXT,                              -- JSON: [{"from": minor, "bp": n}, ...]
            tier_basis TEXT CHECK (tier_basis IN ('avg_order','turnover')),
            valid_from TEXT, valid_to TEXT,
            season_months TEXT,                      -- e.g. "1,2,7"
            min_order_minor INTEGER NOT NULL DEFAULT 0,
            priority INTEGER NOT NULL DEFAULT 100,
            combine TEXT NOT NULL DEFAULT 'best' CHECK (combine IN ('exclusive','best','stack')),
            stack_cap_bp INTEGER,
            enabled INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE scenarios (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,                    -- the scenario's changes, as written
            created_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE scenario_changes (
            id INTEGER PRIMARY KEY,
            scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,                      -- rule, drop rule, setting, assume
            payload TEXT NOT NULL                    -- JSON
        );
        """)
    }

    private static func createIndexes(_ db: Database) throws {
        try db.execute(sql: """
        CREATE INDEX orders_by_client_date ON orders(client_id, order_date, status, net_minor, due_date);
        CREATE INDEX orders_by_date ON orders(order_date);
        CREATE INDEX payments_by_order ON payments(order_id, date, amount_minor);
        CREATE INDEX order_lines_by_order ON order_lines(order_id);
        CREATE INDEX contacts_by_client ON contacts(client_id);
        CREATE INDEX interactions_by_client ON interactions(client_id, date);
        CREATE INDEX clients_by_region ON clients(region);
        """)
    }

    /// Defaults from design/DOMAIN.md. Users change them with `set`; `reset` restores them.
    static let defaultSettings: [(key: String, type: String, value: String, description: String)] = [
        ("currency", "text", "RUB", "the store's currency code (one currency per store)"),
        ("abc.method", "label", "thresholds", "ABC method: thresholds (turnover bounds) or share (cumulative revenue share)"),
        ("abc.a_min", "money", "500.00", "ABC by thresholds: turnover above this is A"),
        ("abc.b_min", "money", "100.00", "ABC by thresholds: turnover from this up to abc.a_min is B; below is C"),
        ("abc.share_a", "percent", "80%", "ABC by share: clients making the first 80% of revenue are A"),
        ("abc.share_b", "percent", "95%", "ABC by share: up to 95% cumulative are B, the rest C"),
        ("risk.g1_violations", "integer", "2", "risk group 1: up to this many payment violations"),
        ("risk.g1_days", "integer", "3", "risk group 1: overdue up to this many days"),
        ("risk.g2_violations", "integer", "5", "risk group 2: up to this many payment violations"),
        ("risk.g2_days", "integer", "7", "risk group 2: overdue up to this many days (above: group 3)"),
        ("importance.key_share", "percent", "20%", "importance: key clients make the first 20% of cumulative sales"),
        ("importance.medium_share", "percent", "70%", "importance: medium clients make sales up to 70% cumulative"),
        ("status.new_days", "integer", "90", "status: a client whose first purchase is this recent is new"),
        ("status.lost_days", "integer", "180", "status: no purchase for this many days makes a client lost"),
        ("sales_type.chain_outlets", "integer", "3", "a retail firm with at least this many outlets is a retail chain"),
        ("first_deal.class", "label", "C", "the ABC class a client's first deal puts it in"),
        ("first_deal.credit_per_outlet", "money", "200.00", "first-deal credit (maximum shipment) per outlet, at recommended retail prices"),
        ("first_deal.chain_outlets", "integer", "3", "a chain from this many outlets may receive more credit"),
        ("first_deal.chain_credit_factor", "percent", "150%", "credit multiplier for chains on the first deal"),
        ("first_deal.deferral_days", "integer", "10", "maximum payment deferral on the first deal, days"),
    ]

    /// Every stored setting a new store starts with, across all migrations.
    package static var allDefaultSettings: [(key: String, type: String, value: String, description: String)] {
        (defaultSettings + SegmentationMigration.settings + CreditMigration.settings + RFMSegmentsMigration.settings
            + FirstDealTermsMigration.settings + ModelSettingsMigration.settings + ImportanceMigration.settings
            + RuleKindsMigration.settings).map { s in
            // v13 changed the default of importance.per (ImportanceMigration).
            s.key == "importance.per" ? (s.key, s.type, ImportanceMigration.perDefault, ImportanceMigration.perDescription) : s
        }
    }

    /// The statements of v13-importance-per-direction after its new setting, for the
    /// PostgreSQL store's pg4-importance-per-direction (`?` placeholders, text arguments).
    package static var importancePerStatements: [(sql: String, arguments: [String])] { ImportanceMigration.statements }

    /// Descriptions that later migrations reworded (key, description).
    package static var settingDescriptions: [(key: String, description: String)] { FirstDealTermsMigration.descriptions }

    package static let defaultActivities = ["stationery", "watches", "souvenirs & gifts", "photo", "other"]

    static let defaultCategories: [(name: String, marginBP: Int, goodsClass: String, fast: Bool)] = [
        ("stationery", 2500, "A", true),
        ("watches", 3500, "B", false),
        ("souvenirs & gifts", 4000, "B", false),
        ("photo", 2000, "C", false),
        ("other", 1500, "C", false),
    ]

    static let defaultRules: [(name: String, condition: String, bp: Int, priority: Int, combine: String)] = [
        ("Volume A", "abc == \"A\"", 500, 10, "best"),
        ("Volume B", "abc == \"B\"", 300, 20, "best"),
    ]

    private static func insertDefaults(_ db: Database) throws {
        for s in defaultSettings {
            try db.execute(sql: "INSERT INTO settings(key, type, value, default_value, description) VALUES (?, ?, ?, ?, ?)",
                           arguments: [s.key, s.type, s.value, s.value, s.description])
        }
        for a in defaultActivities {
            try db.execute(sql: "INSERT INTO activities(name) VALUES (?)", arguments: [a])
        }
        for c in defaultCategories {
            try db.execute(sql: "INSERT INTO categories(name, margin_bp, goods_class, fast_moving) VALUES (?, ?, ?, ?)",
                           arguments: [c.name, c.marginBP, c.goodsClass, c.fast])
        }
        for r in defaultRules {
            try db.execute(sql: "INSERT INTO rules(name, condition, percent_bp, priority, combine) VALUES (?, ?, ?, ?, ?)",
                           arguments: [r.name, r.condition, r.bp, r.priority, r.combine])
        }
    }
}
