import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange
import ClienteleDemo
import ClienteleDemo

/// A deterministic, realistic demo client base: clients (Russian and English names, Ё/ё
/// included), contacts, contracts, interactions, orders with lines, payments.
///
/// ```swift
/// let store = try Store(path: "demo.sqlite")
/// let summary = try DemoData.generate(into: store, options: DemoOptions(clients: 5000))
/// ```
///
/// The same options give byte-for-byte the same content (`Store.contentChecksum()`):
/// the generator has its own PRNG (`DemoRandom`), a fixed end date, and writes fixed
/// `created_at`/`updated_at` values. The mix is tuned for the shipped defaults: every
/// ABC class (thresholds 500.00 / 100.00 over 12 months), payment-risk group 0-3, sales
/// type and status (potential / new / active / lost) is populated.
///
/// Everything is written in one transaction: the store gets the whole demo or nothing.
public enum DemoData {
    /// Why no demo data was written.
    ///
    /// ```swift
    /// catch let e as DemoData.Error { print(e) }   // demo data goes into an empty store; ...
    /// ```
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case storeNotEmpty(clients: Int, orders: Int)
        case invalidOptions(String)
        /// The reason as a sentence.
        public var description: String {
            switch self {
            case .storeNotEmpty(let c, let o):
                return "demo data goes into an empty store; this one has \(c) clients and \(o) orders"
            case .invalidOptions(let m): return "invalid demo options: \(m)"
            }
        }
    }

    /// Fills an empty store (no clients, no orders; the migration defaults are kept).
    /// `progress` is called synchronously on the writer, about every 10 % of the clients.
    /// Throws `DemoData.Error` for a non-empty store or bad options, leaving the store as it was.
    ///
    /// ```swift
    /// let summary = try DemoData.generate(into: store, options: DemoOptions(clients: 500)) { print($0) }
    /// ```
    public static func generate(into store: Store, options: DemoOptions,
                                progress: ((String) -> Void)? = nil) throws -> DemoSummary {
        try generate(into: store, options: options, progress: progress, afterClient: nil)
    }

    /// The same, calling `afterClient` with the number of clients written so far after each
    /// one: a host's progress, and its cancel (it throws to stop; nothing is kept).
    package static func generate(into store: Store, options: DemoOptions, progress: ((String) -> Void)?,
                                 afterClient: ((Int) throws -> Void)?) throws -> DemoSummary {
        guard options.clients >= 0 else { throw Error.invalidOptions("clients must be 0 or more") }
        guard options.clients <= 10_000_000 else { throw Error.invalidOptions("at most 10 000 000 clients") }
        guard (1...50).contains(options.years) else { throw Error.invalidOptions("years must be 1 to 50") }
        let end = options.endDate.dayNumber
        let first = options.endDate.clampedAdding(months: -12 * min(options.years, 10_000)).dayNumber + 1
        guard first > CalendarDate(year: 1900, month: 1, day: 1)!.dayNumber else {
            throw Error.invalidOptions("the history would start before 1900")
        }

        return try store.write { db in
            let clients = try Int.fetchOne(db, sql: "SELECT count(*) FROM clients") ?? 0
            let orders = try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") ?? 0
            if clients > 0 || orders > 0 { throw Error.storeNotEmpty(clients: clients, orders: orders) }

            // A large page cache for the bulk load (fewer dirty pages spilled to the WAL before
            // the commit, faster index builds); restored after. (At 100 000 clients, 64 MiB cost 2-3 s more system time.)
            let oldCache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(oldCache)") }

            // Secondary indexes of the bulk tables are dropped for the load and rebuilt from
            // their own stored SQL at the end (a sorted build beats millions of random inserts).
            // All inside this transaction: on failure the rollback restores them untouched.
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                AND tbl_name IN ('orders', 'order_lines', 'payments', 'contacts', 'interactions') ORDER BY name
                """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            for index in indexes { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
            // Payment facts on orders are computed once at the end, not per payment.
            try PaymentRollupMigration.suspend(db)
            // The audit log gets one row per table for the generated rows (AuditLog.BulkLoad).
            let audits = try ["clients", "contacts", "interactions", "contracts", "conflicts", "orders", "order_lines", "payments"]
                .map { try AuditLog.BulkLoad(db, table: $0) }

            let categories = try Row.fetchAll(db, sql: "SELECT id, name FROM categories ORDER BY id")
                .map { (id: $0["id"] as Int64, name: $0["name"] as String) }
            let reference = DemoReference(categories: categories, activities: Schema.defaultActivities)
            var gen = DemoGenerator(options: options, reference: reference, start: first, end: end,
                                    sink: try DemoStoreWriter(db, days: DemoDates.nearPeriod(start: first, end: end)))
            let step = max(1, options.clients / 10)
            for i in 0..<options.clients {
                try gen.client(index: i)
                try afterClient?(i + 1)
                if let progress, (i + 1) % step == 0 || i + 1 == options.clients {
                    progress("generated \(i + 1) of \(options.clients) clients, \(gen.summary.orders) orders")
                }
            }
            progress?("building indexes")
            try PaymentRollupMigration.restore(db)
            for index in indexes { try db.execute(sql: index.sql) }
            for audit in audits { try audit.finish(db, action: "import", source: "demo") }
            return gen.summary
        }
    }
}

/// Writes the generated rows with prepared statements bound through the C API (`BulkInsert`).
private struct DemoStoreWriter: DemoRowSink {
    let insClient, insContact, insInteraction, insContract, insConflict, insOrder, insLine, insPayment: BulkInsert
    let dates: DemoDates

    init(_ db: Database, days: ClosedRange<Int>) throws {
        dates = DemoDates(from: days.lowerBound, through: days.upperBound)
        insClient = try BulkInsert(db, """
            INSERT INTO clients(id, name, tax_id, kpp, legal_address, actual_address, phone, fax, email,
              bank_details, region, direction, activity, sales_type, outlets, mall_outlets, source, curator,
              founded, agreement_signed, contract_signed, corporate_card, manual_block, financial_condition,
              reliability, notes, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        insContact = try BulkInsert(db, """
            INSERT INTO contacts(id, client_id, name, position, work_phone, home_phone, email, birthday, decision_maker)
            VALUES (?,?,?,?,?,?,?,?,?)
            """)
        insInteraction = try BulkInsert(db, "INSERT INTO interactions(id, client_id, date, channel, result) VALUES (?,?,?,?,?)")
        insContract = try BulkInsert(db, "INSERT INTO contracts(id, client_id, number, signed, executed, terms) VALUES (?,?,?,?,?,?)")
        insConflict = try BulkInsert(db, "INSERT INTO conflicts(id, client_id, date, description, resolution) VALUES (?,?,?,?,?)")
        insOrder = try BulkInsert(db, """
            INSERT INTO orders(id, number, client_id, outlet, order_date, due_date, gross_minor, discount_minor, net_minor, status)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """)
        insLine = try BulkInsert(db, "INSERT INTO order_lines(id, order_id, category_id, gross_minor) VALUES (?,?,?,?)")
        insPayment = try BulkInsert(db, "INSERT INTO payments(id, order_id, number, date, amount_minor) VALUES (?,?,?,?,?)")
    }

    /// Binds `day` as ISO text.
    func date(_ ins: BulkInsert, _ day: Int) {
        dates.withISO(day) { ins.text(bytes: $0.baseAddress!, count: $0.count) }
    }

    func date(_ ins: BulkInsert, _ day: Int?) {
        if let day { date(ins, day) } else { ins.null() }
    }

    func client(_ row: DemoClientRow) throws {
        let c = insClient
        c.int(row.id); c.text(row.name); c.text(row.taxID); c.text(row.kpp); c.text(row.legalAddress); c.text(row.actualAddress)
        c.text(row.phone); c.text(row.fax); c.text(row.email); c.text(row.bankDetails); c.text(row.region); c.text(row.direction)
        c.text(row.activity); c.text(row.salesType); c.int(row.outlets); c.int(row.mallOutlets); c.text(row.source); c.text(row.curator)
        date(c, row.foundedDay); date(c, row.agreementDay); date(c, row.contractDay)
        c.int(row.corporateCard); c.text(row.manualBlock); c.text(row.financialCondition); c.text(row.reliability); c.text(row.notes)
        c.text(row.createdAt); c.text(row.updatedAt)
        try c.run()
    }

    func contact(_ row: DemoContactRow) throws {
        let c = insContact
        c.int(row.id); c.int(row.clientID); c.text(row.name); c.text(row.position); c.text(row.workPhone); c.text(row.homePhone)
        c.text(row.email); date(c, row.birthdayDay); c.int(row.decisionMaker)
        try c.run()
    }

    func contract(_ row: DemoContractRow) throws {
        let k = insContract
        k.int(row.id); k.int(row.clientID); k.text(row.number); date(k, row.signedDay); date(k, row.executedDay); k.text(row.terms)
        try k.run()
    }

    func interaction(_ row: DemoInteractionRow) throws {
        let x = insInteraction
        x.int(row.id); x.int(row.clientID); date(x, row.day); x.text(row.channel); x.text(row.result)
        try x.run()
    }

    func conflict(_ row: DemoConflictRow) throws {
        let x = insConflict
        x.int(row.id); x.int(row.clientID); date(x, row.day); x.text(row.description); x.text(row.resolution)
        try x.run()
    }

    func order(_ row: DemoOrderRow) throws {
        let o = insOrder
        o.int(row.id); o.numbered(DemoOrderRow.numberPrefix, row.id, width: 7); o.int(row.clientID); o.int(row.outlet)
        date(o, row.day); date(o, row.dueDay); o.int(row.grossMinor); o.int(row.discountMinor); o.int(row.netMinor)
        o.text(row.status)
        try o.run()
    }

    func orderLine(_ row: DemoOrderLineRow) throws {
        let l = insLine
        l.int(row.id); l.int(row.orderID); l.int(row.categoryID); l.int(row.grossMinor)
        try l.run()
    }

    func payment(_ row: DemoPaymentRow) throws {
        let p = insPayment
        p.int(row.id); p.int(row.orderID); p.numbered(DemoPaymentRow.numberPrefix, row.id, width: 7); date(p, row.day); p.int(row.amountMinor)
        try p.run()
    }
}
