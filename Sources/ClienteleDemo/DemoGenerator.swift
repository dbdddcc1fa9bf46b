import ClienteleCore

/// The generating half of the demo data: one client after another, with explicit ids in id
/// order, handed to a `DemoRowSink` as values. Deterministic: the same options and reference
/// data give the same rows in the same order (each client draws from its own `DemoRandom`
/// stream, and the draws happen in a fixed order, so this code's order of calls is part of
/// the data: `DemoBaselineTests` pins the resulting store).
///
/// ```swift
/// var gen = DemoGenerator(options: options, reference: reference, start: first, end: end, sink: writer)
/// for i in 0..<options.clients { try gen.client(index: i) }
/// print(gen.summary.orders)
/// ```
package struct DemoGenerator<Sink: DemoRowSink> {
    let options: DemoOptions
    let start: Int, end: Int
    /// Day-number-indexed month of the days near the period.
    let base: Int
    let monthCache: [UInt8]
    let categoryIDs: [Int64]
    let activities: [String]
    /// Category id per default activity, when a category of that name exists.
    let activityCategory: [Int64?]
    /// Round keys of the tax-id permutation.
    let taxKeys: [UInt64]

    package var sink: Sink
    package private(set) var summary: DemoSummary
    var orderBuffer: [DemoOrder] = []
    var contactID: Int64 = 0, interactionID: Int64 = 0, contractID: Int64 = 0, conflictID: Int64 = 0
    var orderID: Int64 = 0, lineID: Int64 = 0, paymentID: Int64 = 0

    package init(options: DemoOptions, reference: DemoReference, start: Int, end: Int, sink: Sink) {
        self.options = options
        self.start = start
        self.end = end
        self.sink = sink
        base = start - 1
        monthCache = DemoDates.nearPeriod(start: start, end: end).map { UInt8(CalendarDate(dayNumber: $0).month) }
        categoryIDs = reference.categories.map(\.id)
        activities = reference.activities
        activityCategory = reference.activities.map { a in reference.categories.first { $0.name == a }.map(\.id) }
        taxKeys = (0..<4).map { DemoRandom.mix(options.seed &+ 0x7A3 &+ UInt64($0) &* 0x9E37_79B9) }
        summary = DemoSummary(firstDate: CalendarDate(dayNumber: start), lastDate: CalendarDate(dayNumber: end))
        orderBuffer.reserveCapacity(256)
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
        let digits = String(body).utf8.map { Int($0) - 48 }
        let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
        let check = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
        return String(body) + String(check)
    }

    func timestamp(_ day: Int, _ r: inout DemoRandom) -> String {
        let h = r.int(9...18), m = r.int(0...59), s = r.int(0...59)
        return DemoDates.isoText(day) + " " + DemoDates.twoDigits(h) + ":" + DemoDates.twoDigits(m) + ":" + DemoDates.twoDigits(s)
    }

    package mutating func client(index: Int) throws {
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
            let account = DemoDates.padded("40702810", Int64(r.int(0...999_999_999_999)), width: 12)
            bank = "р/с \(account) в \(r.pick(["ПАО Сбербанк", "Банк ВТБ (ПАО)", "АО «Альфа-Банк»", "АО «Тинькофф Банк»", "ПАО «Промсвязьбанк»"])), БИК 04\(DemoDates.padded("", Int64(r.int(0...9_999_999)), width: 7))"
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
            let agreed = plan.first - (established ? r.int(0...(365 * 6)) : r.int(0...60))
            agreement = agreed
            contract = min(plan.first, agreed + r.int(0...14))
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

        try sink.client(DemoClientRow(
            id: id, name: company.name, taxID: tax, kpp: kpp, legalAddress: legal, actualAddress: actual, phone: phone,
            fax: fax, email: email, bankDetails: bank, region: region.name, direction: direction,
            activity: activities[plan.activity], salesType: DemoPlanner.salesTypes[plan.salesType],
            outlets: plan.outlets, mallOutlets: plan.mallOutlets, source: source, curator: curator,
            foundedDay: founded, agreementDay: agreement, contractDay: contract,
            corporateCard: card, manualBlock: block, financialCondition: condition, reliability: reliability,
            notes: notes, createdAt: createdAt, updatedAt: updatedAt))
        summary.clients += 1

        try contacts(&r, clientID: id, company: company, code: city.code, domain: domain)

        if let contract {
            contractID += 1
            let year = CalendarDate(dayNumber: contract).year
            try sink.contract(DemoContractRow(
                id: contractID, clientID: id, number: "Д-\(year)/\(DemoDates.padded("", id, width: 5))",
                signedDay: contract, executedDay: plan.intent == .lost ? plan.last + 30 : nil,
                terms: "Отсрочка платежа \(plan.deferralDays) дн."))
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
                try sink.interaction(DemoInteractionRow(id: interactionID, clientID: id, day: d, channel: channel, result: result))
                summary.interactions += 1
            }
        }
        if plan.intent != .potential && r.chance(plan.payProfile == 3 ? 0.3 : 0.01) {
            conflictID += 1
            let d = r.int(plan.first...max(plan.first, min(end, plan.last)))
            let (what, resolution): (String, String?) = plan.payProfile == 3
                ? ("Задержка оплаты поставки", r.chance(0.5) ? "Согласован график погашения" : nil)
                : ("Пересорт в поставке", "Товар заменён")
            try sink.conflict(DemoConflictRow(id: conflictID, clientID: id, day: d, description: what, resolution: resolution))
            summary.conflicts += 1
        }

        try orders(&r, clientID: id, plan: plan)
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
            var birthday: Int? = nil
            if r.chance(0.7) {
                let kind = r.int(0...99)
                if kind < 3 {          // born on 29 February of a leap year
                    birthday = CalendarDate(year: 1956 + 4 * r.int(0...11), month: 2, day: 29)?.dayNumber
                } else if kind < 11 {  // around the turn of the year (Dec 25 .. Jan 7)
                    let year = r.int(1955...2000)
                    birthday = CalendarDate(year: year, month: 1, day: 1).map { $0.dayNumber + r.int(-7...6) }
                } else {
                    birthday = CalendarDate(year: r.int(1955...2000), month: 1, day: 1).map { $0.dayNumber + r.int(0...364) }
                }
            }
            let decides = k == 0 || r.chance(0.15) ? 1 : 0
            try sink.contact(DemoContactRow(
                id: contactID, clientID: clientID, name: person.name, position: position, workPhone: work,
                homePhone: home, email: email, birthdayDay: birthday, decisionMaker: decides))
            summary.contacts += 1
        }
    }

    mutating func orders(_ r: inout DemoRandom, clientID: Int64, plan: DemoClientPlan) throws {
        for o in orderBuffer {
            orderID += 1
            try sink.order(DemoOrderRow(
                id: orderID, clientID: clientID, outlet: o.outlet, day: o.date, dueDay: o.due,
                grossMinor: o.gross, discountMinor: o.discount, netMinor: o.net, status: DemoPlanner.statusNames[o.status]))
            summary.orders += 1

            for line in o.lines {
                lineID += 1
                try sink.orderLine(DemoOrderLineRow(id: lineID, orderID: orderID, categoryID: line.category, grossMinor: line.gross))
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
        try sink.payment(DemoPaymentRow(id: paymentID, orderID: orderID, day: day, amountMinor: amount))
        summary.payments += 1
    }
}
