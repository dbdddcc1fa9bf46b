import Foundation
import GRDB
import ClienteleCore

/// What to generate. Defaults: 1000 clients, 2 years of history ending 2025-12-31, seed 42.
/// The end date is fixed (not today) so a seed always gives the same store.
///
/// ```swift
/// DemoOptions(clients: 5000, years: 3, seed: 1)
/// ```
public struct DemoOptions: Sendable, Equatable {
    /// How many clients (about 20 orders each over two years).
    public var clients: Int
    /// Years of order history, 1 to 50.
    public var years: Int
    /// The generator's seed: the same seed, the same data.
    public var seed: UInt64
    /// The last day of the history.
    public var endDate: CalendarDate

    /// Options; the defaults make 1,000 clients over 2 years ending 2025-12-31.
    ///
    /// ```swift
    /// DemoOptions(clients: 200)
    /// ```
    public init(clients: Int = 1000, years: Int = 2, seed: UInt64 = 42,
                endDate: CalendarDate = CalendarDate(year: 2025, month: 12, day: 31)!) {
        self.clients = clients
        self.years = years
        self.seed = seed
        self.endDate = endDate
    }
}

/// What was generated. `firstDate...lastDate` is the period the order history covers.
///
/// ```swift
/// let s = try DemoData.generate(into: store, options: DemoOptions())
/// print("\(s.clients) clients, \(s.orders) orders, \(s.firstDate)..\(s.lastDate)")
/// ```
public struct DemoSummary: Sendable, Equatable {
    /// Rows written to clients.
    public var clients = 0
    /// Rows written to orders.
    public var orders = 0
    /// Rows written to order_lines.
    public var orderLines = 0
    /// Rows written to payments.
    public var payments = 0
    /// Rows written to contacts.
    public var contacts = 0
    /// Rows written to interactions.
    public var interactions = 0
    /// Rows written to contracts.
    public var contracts = 0
    /// Rows written to conflicts.
    public var conflicts = 0
    /// The first day of the history.
    public var firstDate: CalendarDate
    /// The last day of the history.
    public var lastDate: CalendarDate
}

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

            var gen = try Generator(db: db, options: options, start: first, end: end)
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
            return gen.summary
        }
    }
}

/// Writes one client after another with prepared statements and explicit ids, in id order.
private struct Generator {
    let options: DemoOptions
    let start: Int, end: Int
    /// Day-number-indexed caches for dates near the period: ISO text and month.
    let base: Int
    let isoCache: [String]
    /// The same ISO dates as one flat UTF-8 buffer, 10 bytes a day, for binding without strings.
    let isoBytes: [UInt8]
    let monthCache: [UInt8]
    let categoryIDs: [Int64]
    /// Category id per default activity, when a category of that name exists.
    let activityCategory: [Int64?]
    /// Round keys of the tax-id permutation.
    let taxKeys: [UInt64]

    let insClient, insContact, insInteraction, insContract, insConflict, insOrder, insLine, insPayment: DemoInsert
    static let orderPrefix = Array("РН-".utf8), paymentPrefix = Array("ПП-".utf8)
    var summary: DemoSummary
    var orderBuffer: [DemoOrder] = []
    var contactID: Int64 = 0, interactionID: Int64 = 0, contractID: Int64 = 0, conflictID: Int64 = 0
    var orderID: Int64 = 0, lineID: Int64 = 0, paymentID: Int64 = 0

    init(db: Database, options: DemoOptions, start: Int, end: Int) throws {
        self.options = options
        self.start = start
        self.end = end
        base = start - 1
        var iso: [String] = [], months: [UInt8] = []
        for d in base...(end + 62) {
            let c = CalendarDate(dayNumber: d)
            iso.append(Generator.isoText(c))
            months.append(UInt8(c.month))
        }
        isoCache = iso
        isoBytes = iso.flatMap { Array($0.utf8) }
        monthCache = months
        let cats = try Row.fetchAll(db, sql: "SELECT id, name FROM categories ORDER BY id")
        categoryIDs = cats.map { $0["id"] as Int64 }
        activityCategory = Schema.defaultActivities.map { a in cats.first { ($0["name"] as String) == a }.map { $0["id"] as Int64 } }
        taxKeys = (0..<4).map { DemoRandom.mix(options.seed &+ 0x7A3 &+ UInt64($0) &* 0x9E37_79B9) }

        insClient = try DemoInsert(db, """
            INSERT INTO clients(id, name, tax_id, kpp, legal_address, actual_address, phone, fax, email,
              bank_details, region, direction, activity, sales_type, outlets, mall_outlets, source, curator,
              founded, agreement_signed, contract_signed, corporate_card, manual_block, financial_condition,
              reliability, notes, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        insContact = try DemoInsert(db, """
            INSERT INTO contacts(id, client_id, name, position, work_phone, home_phone, email, birthday, decision_maker)
            VALUES (?,?,?,?,?,?,?,?,?)
            """)
        insInteraction = try DemoInsert(db, "INSERT INTO interactions(id, client_id, date, channel, result) VALUES (?,?,?,?,?)")
        insContract = try DemoInsert(db, "INSERT INTO contracts(id, client_id, number, signed, executed, terms) VALUES (?,?,?,?,?,?)")
        insConflict = try DemoInsert(db, "INSERT INTO conflicts(id, client_id, date, description, resolution) VALUES (?,?,?,?,?)")
        insOrder = try DemoInsert(db, """
            INSERT INTO orders(id, number, client_id, outlet, order_date, due_date, gross_minor, discount_minor, net_minor, status)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """)
        insLine = try DemoInsert(db, "INSERT INTO order_lines(id, order_id, category_id, gross_minor) VALUES (?,?,?,?)")
        insPayment = try DemoInsert(db, "INSERT INTO payments(id, order_id, number, date, amount_minor) VALUES (?,?,?,?,?)")
        summary = DemoSummary(firstDate: CalendarDate(dayNumber: start), lastDate: CalendarDate(dayNumber: end))
        orderBuffer.reserveCapacity(256)
    }

    /// Binds `day` as ISO text.
    func bindDate(_ ins: DemoInsert, _ day: Int) {
        let i = day - base
        if i >= 0 && i < isoCache.count {
            isoBytes.withUnsafeBytes { ins.text(bytes: $0.baseAddress! + 10 * i, count: 10) }
        } else {
            ins.text(Generator.isoText(CalendarDate(dayNumber: day)))
        }
    }

    func iso(_ day: Int) -> String {
        let i = day - base
        return i >= 0 && i < isoCache.count ? isoCache[i] : Generator.isoText(CalendarDate(dayNumber: day))
    }

    /// A unique 10-digit ИНН-like tax id with a valid check digit. The client index goes
    /// through a seeded permutation of 0..<9·10^8 (a 4-round Feistel network on 30 bits,
    /// cycle-walked back into range), so ids are unique and neighbours look unrelated.
    func taxID(index: Int) -> String {
        var x = UInt64(index)
        repeat {
            var left = x >> 15, right = x & 0x7FFF
            for key in taxKeys {
                (left, right) = (right, left ^ (DemoRandom.mix(right ^ key) & 0x7FFF))
            }
            x = (left << 15) | right
        } while x >= 900_000_000
        let body = 100_000_000 + x
        let digits = Array(String(body)).map { Int($0.asciiValue! - 48) }
        let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
        let check = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
        return String(body) + String(check)
    }

    static func padded(_ prefix: String, _ n: Int64, width: Int) -> String {
        let s = String(n)
        return s.count >= width ? prefix + s : prefix + String(repeating: "0", count: width - s.count) + s
    }

    func timestamp(_ day: Int, _ r: inout DemoRandom) -> String {
        let h = r.int(9...18), m = r.int(0...59), s = r.int(0...59)
        return Generator.isoText(CalendarDate(dayNumber: day)) + " " + Generator.twoDigits(h) + ":" + Generator.twoDigits(m) + ":" + Generator.twoDigits(s)
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `CalendarDate.iso` without `String(format:)`, which is slow at this volume.
    static func isoText(_ d: CalendarDate) -> String {
        padded("", Int64(d.year), width: 4) + "-" + twoDigits(d.month) + "-" + twoDigits(d.day)
    }

    static func isoText(_ day: Int) -> String { isoText(CalendarDate(dayNumber: day)) }

    mutating func client(index: Int) throws {
        var r = DemoRandom(seed: options.seed, stream: UInt64(index))
        let id = Int64(index + 1)
        let plan = DemoPlanner.plan(&r, start: start, end: end)
        let months = monthCache, monthBase = base
        DemoPlanner.orders(&r, plan: plan, end: end, categories: categoryIDs,
                           mainCategory: activityCategory[plan.activity], monthOf: { day in
            let i = day - monthBase
            return i >= 0 && i < months.count ? Int(months[i]) : CalendarDate(dayNumber: day).month
        }, into: &orderBuffer)

        // Dossier.
        let company = DemoNames.companyName(&r, salesType: plan.salesType)
        let region = DemoNames.regions[r.weighted(DemoNames.regionWeights)]
        let city = region.cities[r.weighted([4, 2, 2, 2])]   // the regional capital first
        let tax = taxID(index: index)
        let kpp: String? = company.style == .soleTrader ? nil : String(tax.prefix(4)) + "01001"
        let legal = DemoNames.address(&r, city: city)
        let actual = r.chance(0.7) ? legal : DemoNames.address(&r, city: city)
        let phone = DemoNames.phone(&r, code: city.code)
        let fax: String? = r.chance(0.15) ? DemoNames.phone(&r, code: city.code) : nil
        let domain = company.slug + (company.style == .english ? ".com" : ".ru")
        let email: String? = r.chance(0.85) ? r.pick(["info", "zakaz", "office", "sales"]) + "@" + domain : nil
        var bank: String? = nil
        if r.chance(0.8) {
            let account = Generator.padded("40702810", Int64(r.int(0...999_999_999_999)), width: 12)
            bank = "р/с \(account) в \(r.pick(["ПАО Сбербанк", "Банк ВТБ (ПАО)", "АО «Альфа-Банк»", "АО «Тинькофф Банк»", "ПАО «Промсвязьбанк»"])), БИК 04\(Generator.padded("", Int64(r.int(0...9_999_999)), width: 7))"
        }
        let direction: String
        switch plan.salesType {
        case 0: direction = r.chance(0.85) ? "wholesale" : "corporate"
        case 1: direction = ["retail", "retail", "retail", "online", "horeca"][r.int(0...4)]
        default: direction = ["retail", "retail", "horeca", "corporate", "online"][r.int(0...4)]
        }
        let source = ["internet", "referral", "exhibition", "press", "cold call"][r.weighted([30, 20, 18, 12, 20])]
        let curator = r.pick(DemoNames.curators)

        // Dates of the relationship: agreement and contract before the first deal.
        var agreement: Int? = nil, contract: Int? = nil
        if plan.intent == .potential {
            if r.chance(0.4) { agreement = end - r.int(0...120) }
        } else {
            let established = plan.first <= start + 20
            agreement = plan.first - (established ? r.int(0...(365 * 6)) : r.int(0...60))
            contract = min(plan.first, agreement! + r.int(0...14))
        }
        let created = (agreement ?? end - r.int(0...300)) - r.int(0...30)
        let foundedFloor = min(CalendarDate(year: 1991, month: 1, day: 1)!.dayNumber, created - 180)
        let founded = max(foundedFloor, created - r.int(180...9000))
        let lastActivity = orderBuffer.last.map { max($0.date, created) } ?? created
        let cardChance = plan.tierBP == 500 ? 0.3 : plan.tierBP == 300 ? 0.15 : 0.05
        let card = r.chance(cardChance) ? 1 : 0
        let block: String? = plan.payProfile == 3 && r.chance(0.1) ? "просроченная дебиторская задолженность" : nil
        let condition: String? = r.chance(0.8) ? ["strong", "stable", "stable", "weak"][r.int(0...3)] : nil
        let reliability: String? = r.chance(0.8) ? ["high", "high", "medium", "low"][min(3, plan.payProfile + r.int(0...1))] : nil
        let notes: String? = r.chance(0.05) ? r.pick(["Доставка только до 12:00", "Звонить после обеда", "Просят счёт заранее",
                                                       "Prefers e-mail", "Склад во дворе, въезд с ул. Ёлочной"]) : nil
        let createdAt = timestamp(created, &r)
        let updatedAt = lastActivity > created ? timestamp(lastActivity, &r) : createdAt

        let c = insClient
        c.int(id); c.text(company.name); c.text(tax); c.text(kpp); c.text(legal); c.text(actual); c.text(phone)
        c.text(fax); c.text(email); c.text(bank); c.text(region.name); c.text(direction)
        c.text(Schema.defaultActivities[plan.activity]); c.text(DemoPlanner.salesTypes[plan.salesType])
        c.int(plan.outlets); c.int(plan.mallOutlets); c.text(source); c.text(curator)
        c.text(Generator.isoText(founded))
        c.text(agreement.map { Generator.isoText($0) }); c.text(contract.map { Generator.isoText($0) })
        c.int(card); c.text(block); c.text(condition); c.text(reliability); c.text(notes); c.text(createdAt); c.text(updatedAt)
        try c.run()
        summary.clients += 1

        try contacts(&r, clientID: id, company: company, code: city.code, domain: domain)

        if let contract {
            contractID += 1
            let c = CalendarDate(dayNumber: contract)
            let executed: String? = plan.intent == .lost ? iso(plan.last + 30) : nil
            let k = insContract
            k.int(contractID); k.int(id); k.text("Д-\(c.year)/\(Generator.padded("", id, width: 5))"); k.text(Generator.isoText(c))
            k.text(executed); k.text("Отсрочка платежа \(plan.deferralDays) дн.")
            try k.run()
            summary.contracts += 1
        }
        let interactionCount = r.weighted([25, 40, 25, 10])
        if interactionCount > 0 {
            let from = max(start, created), to = max(from, end)
            var dates = (0..<interactionCount).map { _ in r.int(from...to) }
            dates.sort()
            for d in dates {
                interactionID += 1
                let channel = ["call", "call", "meeting", "e-mail", "exhibition"][r.int(0...4)]
                let result = r.pick(["Договорились о поставке", "Перезвонить в понедельник", "Отправлен прайс-лист",
                                     "Недоволен сроками доставки", "Обсудили скидку на объём", "Sent the price list",
                                     "Agreed on a trial order", "Поздравили с днём рождения", "Нет ответа"])
                let x = insInteraction
                x.int(interactionID); x.int(id); bindDate(x, d); x.text(channel); x.text(result)
                try x.run()
                summary.interactions += 1
            }
        }
        if plan.intent != .potential && r.chance(plan.payProfile == 3 ? 0.3 : 0.01) {
            conflictID += 1
            let d = r.int(plan.first...max(plan.first, min(end, plan.last)))
            let (what, resolution): (String, String?) = plan.payProfile == 3
                ? ("Задержка оплаты поставки", r.chance(0.5) ? "Согласован график погашения" : nil)
                : ("Пересорт в поставке", "Товар заменён")
            let x = insConflict
            x.int(conflictID); x.int(id); bindDate(x, d); x.text(what); x.text(resolution)
            try x.run()
            summary.conflicts += 1
        }

        try writeOrders(&r, clientID: id, plan: plan)
    }

    mutating func contacts(_ r: inout DemoRandom, clientID: Int64, company: DemoNames.Company, code: String, domain: String) throws {
        let english = company.style == .english
        let count = 1 + r.weighted([50, 35, 15])
        for k in 0..<count {
            contactID += 1
            let isEnglish = english ? r.chance(0.7) : r.chance(0.03)
            var person = DemoNames.person(&r, english: isEnglish)
            var position: String? = r.chance(0.95)
                ? (k == 0 ? r.pick(isEnglish ? DemoNames.enPositionsLead : DemoNames.ruPositionsLead)
                          : r.pick(isEnglish ? DemoNames.enPositions : DemoNames.ruPositions))
                : nil
            if k == 0, let owner = company.owner {   // a sole trader deals in person
                person = owner
                position = "Индивидуальный предприниматель"
            }
            let work: String? = r.chance(0.9) ? DemoNames.phone(&r, code: code) : nil
            let home: String? = r.chance(0.3) ? DemoNames.mobile(&r) : nil
            var email: String? = nil
            if r.chance(0.75) {
                let host = r.chance(0.6) ? domain : r.pick(["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru"])
                email = person.local + "@" + host
            }
            var birthday: String? = nil
            if r.chance(0.7) {
                let kind = r.int(0...99)
                if kind < 3 {          // born on 29 February of a leap year
                    birthday = Generator.isoText(CalendarDate(year: 1956 + 4 * r.int(0...11), month: 2, day: 29)!)
                } else if kind < 11 {  // around the turn of the year (Dec 25 .. Jan 7)
                    let year = r.int(1955...2000)
                    let jan1 = CalendarDate(year: year, month: 1, day: 1)!.dayNumber
                    birthday = Generator.isoText(jan1 + r.int(-7...6))
                } else {
                    let jan1 = CalendarDate(year: r.int(1955...2000), month: 1, day: 1)!.dayNumber
                    birthday = Generator.isoText(jan1 + r.int(0...364))
                }
            }
            let decides = k == 0 || r.chance(0.15) ? 1 : 0
            let c = insContact
            c.int(contactID); c.int(clientID); c.text(person.name); c.text(position); c.text(work); c.text(home)
            c.text(email); c.text(birthday); c.int(decides)
            try c.run()
            summary.contacts += 1
        }
    }

    mutating func writeOrders(_ r: inout DemoRandom, clientID: Int64, plan: DemoClientPlan) throws {
        for o in orderBuffer {
            orderID += 1
            let ins = insOrder
            ins.int(orderID); ins.numbered(Generator.orderPrefix, orderID, width: 7); ins.int(clientID); ins.int(o.outlet)
            bindDate(ins, o.date); bindDate(ins, o.due); ins.int(o.gross); ins.int(o.discount); ins.int(o.net)
            ins.text(DemoPlanner.statusNames[o.status])
            try ins.run()
            summary.orders += 1

            for line in o.lines {
                lineID += 1
                insLine.int(lineID); insLine.int(orderID); insLine.int(line.category); insLine.int(line.gross)
                try insLine.run()
                summary.orderLines += 1
            }

            // Payments: shipped orders only (returned goods are not paid; cancelled orders never shipped).
            guard o.status == 0, !o.unpaid else { continue }
            let window = o.due - o.date
            let payDay = o.lateBy > 0 ? o.due + o.lateBy : o.date + r.int((window / 3)...window)
            if payDay > end { continue }   // not paid yet as of the end date
            if payDay - o.date >= 2 && r.chance(0.12) {
                let part = o.net * Int64(r.int(30...70)) / 100
                let earlier = o.date + r.int(0...(payDay - o.date - 1))
                try payment(orderID: orderID, day: earlier, amount: part)
                try payment(orderID: orderID, day: payDay, amount: o.net - part)
            } else {
                try payment(orderID: orderID, day: payDay, amount: o.net)
            }
        }
    }

    mutating func payment(orderID: Int64, day: Int, amount: Int64) throws {
        paymentID += 1
        let p = insPayment
        p.int(paymentID); p.int(orderID); p.numbered(Generator.paymentPrefix, paymentID, width: 7); bindDate(p, day); p.int(amount)
        try p.run()
        summary.payments += 1
    }
}
