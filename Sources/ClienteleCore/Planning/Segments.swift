/// SQL for the relative and threshold segmentations of clients over a period: ABC (by
/// thresholds or by cumulative share), importance (cumulative share, optionally within
/// each region or direction) and RFM scores. Every threshold comes from the stored
/// settings and is bound as a parameter. Definitions and boundary conventions:
/// docs/segmentation.md.
package struct Segments {
    package let measures: ClientMeasures
    package init(measures: ClientMeasures) { self.measures = measures }
    package var context: SQLContext { measures.context }
    package var settings: StoreSettings { context.settings }

    /// The classes of a segmentation in display order, when they form a closed list.
    /// Segments that are null exactly when the client has no row in their per-client table
    /// (no positive turnover, no shipped order in the period): `s != null` keeps only
    /// clients with such a row.
    package static func nullOnlyWithoutRow(_ s: ClientSegment) -> Bool {
        switch s {
        case .importance, .rfm, .rfmR, .rfmF, .rfmM, .rfmSegment: return true
        default: return false
        }
    }

    package static func knownClasses(_ s: ClientSegment) -> [Value]? {
        switch s {
        case .abc: return ["A", "B", "C"].map { .text($0) }
        case .importance: return ["key", "medium", "small"].map { .text($0) }
        case .risk: return (0...3).map { .integer($0) }
        case .rfmR, .rfmF, .rfmM: return (1...5).map { .integer($0) }
        case .status: return ["potential", "new", "active", "lost"].map { .text($0) }
        case .salesType: return ["wholesaler", "retail chain", "retail point"].map { .text($0) }
        case .shipmentBlocked: return [.boolean(false), .boolean(true)]
        default: return nil
        }
    }

    package func field(_ s: ClientSegment, period: PeriodSyntax?, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        let r = measures.range(period)
        switch s {
        case .abc:
            return abc(r, client: client, key: key, in: &q)
        case .importance:
            let per = ClientPartition.importance(settings)
            let classes = [("key", settings.percent("importance.key_share")), ("medium", settings.percent("importance.medium_share"))]
            if let cached = cachedPareto(r, partition: per, classes: classes, rest: "small") {
                return measures.value(cached, "class", client: client)
            }
            let cte = importanceCTE(r)
            return .q(measures.joinCTE(cte, client: client, key: key, in: &q), "class")
        case .rfm, .rfmR, .rfmF, .rfmM, .rfmSegment:
            func col(_ name: String) -> SQLExpr {
                if let cached = cachedRFM(r) { return measures.value(cached, name, client: client) }
                return .q(measures.joinCTE(rfmCTE(r), client: client, key: key, in: &q), name)
            }
            switch s {
            case .rfmR: return col("r")
            case .rfmF: return col("f")
            case .rfmM: return col("m")
            case .rfmSegment: return rfmSegment(r: col("r"), f: col("f"), m: col("m"))
            default:
                if let codes = cachedRFMCode(r) { return measures.value(codes, "code", client: client) }
                let recency = SQLExpr.cast(col("r"), .text)
                let frequency = col("f")
                return .grouped(.bin(.concat, .bin(.concat, recency, frequency), col("m")))
            }
        default:
            return .null
        }
    }

    // MARK: ABC

    /// Thresholds: A above abc.a_min, B from abc.b_min up to abc.a_min (both included), C
    /// below; share: see `paretoCTE`. No class without a positive turnover. A client whose
    /// only shipped order so far (up to the period's end) is its first deal gets first_deal.class.
    package func abc(_ r: DateRange, client: String, key: String, in q: inout SelectBuilder) -> SQLExpr {
        if let cached = cachedABC(r) { return measures.value(cached, "class", client: client) }
        let turnover = measures.salesColumn(r, "turnover", client: client, key: key, in: &q)
        var firstDeal: [SQLWhen] = []
        let fdClass = settings.text("first_deal.class")
        if ["A", "B", "C"].contains(fdClass) {
            let shipped: SQLExpr
            if let cached = measures.cachedFirstDeals(r) {
                shipped = measures.value(cached, "first_deal", client: client)
            } else {
                shipped = .q(measures.joinCTE(firstDealCTE(r), client: client, key: key, in: &q), "shipped")
            }
            firstDeal = [SQLWhen(.bin(.equal, shipped, .integer(1)), context.bind(.text(fdClass)))]
        }
        let none = [SQLWhen(.bin(.or, .isNull(turnover, negated: false), .bin(.lessOrEqual, turnover, .integer(0))), .null)]
        if settings.text("abc.method") == "share" {
            let classes = [("A", settings.percent("abc.share_a")), ("B", settings.percent("abc.share_b"))]
            if let cached = cachedPareto(r, partition: nil, classes: classes, rest: "C") {
                return .caseWhen(none + firstDeal, else: measures.value(cached, "class", client: client))
            }
            let cte = paretoCTE(r, prefix: "abcshare", partition: nil,
                                classes: [("A", settings.percent("abc.share_a")), ("B", settings.percent("abc.share_b"))], rest: "C")
            let j = measures.joinCTE(cte, client: client, key: key, in: &q)
            return .caseWhen(none + firstDeal, else: .q(j, "class"))
        }
        let a = SQLWhen(.bin(.greater, turnover, context.bind(.money(settings.money("abc.a_min")))), .text("A"))
        let b = SQLWhen(.bin(.greaterOrEqual, turnover, context.bind(.money(settings.money("abc.b_min")))), .text("B"))
        return .caseWhen(none + firstDeal + [a, b], else: .text("C"))
    }

    /// The ABC class computed in Swift from the orders (facts or scan), by the same rules (one
    /// column, one function call per client row instead of one per condition). Registers
    /// what it is computed from first, as the planner reads them too.
    package func cachedABC(_ r: DateRange) -> MeasureHandle? {
        guard measures.cachedSales(r) != nil else { return nil }
        let fdClass = settings.text("first_deal.class")
        if ["A", "B", "C"].contains(fdClass) {
            guard measures.cachedFirstDeals(r) != nil else { return nil }
        }
        var share: MeasureRequest? = nil
        if settings.text("abc.method") == "share" {
            let classes = [("A", settings.percent("abc.share_a")), ("B", settings.percent("abc.share_b"))]
            guard let p = cachedPareto(r, partition: nil, classes: classes, rest: "C") else { return nil }
            share = p.request
        }
        return context.clientColumns(.abc(r, aMin: settings.money("abc.a_min").minorUnits, bMin: settings.money("abc.b_min").minorUnits,
                                          share: share, firstDealClass: fdClass))
    }

    /// Shipped orders per client up to the end of the period: 1 means the first deal.
    package func firstDealCTE(_ r: DateRange) -> String {
        context.cte(key: .firstDeal(r.end), prefix: "firstdeal") { _ in
            SQLSelect([SQLSelectItem(.column("client_id")), SQLSelectItem(.count(), as: "shipped")], from: .table("orders"),
                      where: .conjunction([.bin(.equal, .column("status"), .text("shipped")),
                                           .bin(.lessOrEqual, .column("order_date"), context.bind(r.end))]),
                      groupBy: [.column("client_id")])
        }
    }

    // MARK: Cumulative share (Pareto)

    /// Classes by cumulative share of turnover, largest first, among clients with a positive
    /// turnover (within each partition group, when given). A client belongs to the first
    /// class whose bound is above the share of sales *before* it, so the client that crosses
    /// a bound takes the upper class. Clients with equal turnover are peers: all of them
    /// count as coming first, so equal sales always give the same class.
    package func paretoCTE(_ r: DateRange, prefix: String, partition: ClientPartition?, classes: [(String, Percent)], rest: String) -> String {
        let key = CTEKey.pareto(prefix: prefix, r, partition: partition, classes: classes.map(\.0), bounds: classes.map(\.1.basisPoints))
        return context.cte(key: key, prefix: prefix) { _ in
            if context.dialect.ranksCompanyWide, classes.count == 2 {
                // The store's function ranks every client and returns the caller's (pg4-company-ranks).
                let name: String?, territorial: String
                switch partition {
                case .column(let c)?: name = c; territorial = ""
                case .directionOrTerritory(let t)?: name = ClientPartition.groupField; territorial = t.joined(separator: ",")
                case nil: name = nil; territorial = ""
                }
                let arguments: [SQLExpr] = [context.bind(r.start), context.bind(r.end),
                                            name.map { context.bind(.text($0)) } ?? .null, context.bind(.text(territorial))]
                    + classes.map { context.bind(.integer($0.1.basisPoints)) }
                    + (classes.map(\.0) + [rest]).map { context.bind(.text($0)) }
                return SQLSelect([SQLSelectItem(.column("client_id")), SQLSelectItem(.column("class"))],
                                 from: SQLFrom(.function("clientele_pareto_classes", arguments), alias: "ranks"))
            }
            let sales = measures.salesCTE(r, columns: ["turnover"])
            let part: [SQLExpr] = partition.map { [$0.key(client: "c", context: context)] } ?? []
            let turnover = SQLExpr.q("s", "turnover")
            let whens = classes.map { (label, share) in
                SQLWhen(.bin(.less, .bin(.times, .column("before"), .integer(10000)),
                             .bin(.times, context.bind(.integer(share.basisPoints)), .column("total"))), .text(label))
            }
            let running = SQLExpr.window(SQLWindow(.aggregate(.sum, turnover), partitionBy: part,
                                                   orderBy: [SQLOrdering(turnover, descending: true)], rangeUnboundedPreceding: true))
            let peers = SQLExpr.window(SQLWindow(.aggregate(.count, nil), partitionBy: part + [turnover]))
            let shares = SQLSelect([SQLSelectItem(.q("s", "client_id")),
                                    SQLSelectItem(.bin(.minus, running, .bin(.times, turnover, peers)), as: "before"),
                                    SQLSelectItem(.window(SQLWindow(.aggregate(.sum, turnover), partitionBy: part)), as: "total")],
                                   from: .table(sales, "s"),
                                   joins: [SQLJoin(.inner, .table("clients", "c"), on: .bin(.equal, .q("c", "id"), .q("s", "client_id")))],
                                   where: .bin(.greater, turnover, .integer(0)))
            let labelled = SQLSelect([SQLSelectItem(.column("client_id")), SQLSelectItem(.caseWhen(whens, else: .text(rest)), as: "class")],
                                     from: SQLFrom(.select(shares)))
            // The outer GROUP BY (one row per client already) is for SQLite's planner: without
            // it, it estimates the window query at a few rows and joins it to every client by a
            // full scan (quadratic); grouped, it knows the size and builds an index.
            return SQLSelect([SQLSelectItem(.column("client_id")), SQLSelectItem(.min(.column("class")), as: "class")],
                             from: SQLFrom(.select(labelled)), groupBy: [.column("client_id")])
        }
    }

    /// The same classes computed in Swift (ClientRankings' pareto) from the orders (facts or scan).
    package func cachedPareto(_ r: DateRange, partition: ClientPartition?, classes: [(String, Percent)], rest: String) -> MeasureHandle? {
        guard measures.cachedSales(r) != nil else { return nil }
        return context.clientColumns(.pareto(r, partition: partition, bounds: classes.map { $0.1.basisPoints },
                                             labels: classes.map(\.0) + [rest]))
    }

    /// key / medium / small, within the groups of `importance.per` (none, global: the whole base).
    package func importanceCTE(_ r: DateRange) -> String {
        let per = ClientPartition.importance(settings)
        return paretoCTE(r, prefix: "importance", partition: per,
                         classes: [("key", settings.percent("importance.key_share")),
                                   ("medium", settings.percent("importance.medium_share"))], rest: "small")
    }

    // MARK: RFM

    /// The three-digit RFM code ("111" ... "555") as one computed column, when cached.
    package func cachedRFMCode(_ r: DateRange) -> MeasureHandle? {
        guard cachedRFM(r) != nil else { return nil }
        return context.clientColumns(.rfmCode(r))
    }

    /// RFM scores computed in Swift (ClientRankings' rfm) from the orders (facts or scan).
    package func cachedRFM(_ r: DateRange) -> MeasureHandle? {
        guard measures.cachedSales(r) != nil else { return nil }
        return context.clientColumns(.rfm(r))
    }

    /// Quintile scores among the clients with shipped orders in the period: recency by the
    /// last order date, frequency by the number of orders, monetary by turnover; 1 is the
    /// lowest fifth, 5 the highest. NTILE(5) over the clients in ascending order (client id
    /// breaks ties for the tiling); then equal values share a score: the lowest score any
    /// of them received, so a score never depends on client ids.
    package func rfmCTE(_ r: DateRange) -> String {
        context.cte(key: .rfm(r), prefix: "rfm") { _ in
            if context.dialect.ranksCompanyWide {
                // The store's function scores every client and returns the caller's (pg4-company-ranks).
                return SQLSelect(["client_id", "r", "f", "m"].map { SQLSelectItem(.column($0)) },
                                 from: SQLFrom(.function("clientele_rfm_scores", [context.bind(r.start), context.bind(r.end)]), alias: "scores"))
            }
            let sales = measures.salesCTE(r, columns: ["turnover", "orders_count", "last_order"])
            let c = { (name: String) in SQLExpr.column(name) }
            let measures = [("r", "last_order"), ("f", "orders_count"), ("m", "turnover")]
            let tiles = SQLSelect([SQLSelectItem(c("client_id"))] + measures.map { SQLSelectItem(c($0.1)) }
                                  + measures.map { m in
                                      SQLSelectItem(.window(SQLWindow(.ntile(5), orderBy: [SQLOrdering(c(m.1)), SQLOrdering(c("client_id"))])),
                                                    as: "n" + m.0)
                                  }, from: .table(sales))
            let scores = SQLSelect([SQLSelectItem(c("client_id"))] + measures.map { m in
                SQLSelectItem(.window(SQLWindow(.aggregate(.min, c("n" + m.0)), partitionBy: [c(m.1)])), as: m.0)
            }, from: SQLFrom(.select(tiles)))
            // The outer GROUP BY: see `paretoCTE`.
            return SQLSelect([SQLSelectItem(c("client_id"))] + measures.map { SQLSelectItem(.min(c($0.0)), as: $0.0) },
                             from: SQLFrom(.select(scores)), groupBy: [c("client_id")])
        }
    }
}

extension Segments {
    /// rfm_segment: the first row of rfm_segments (read with the settings, bound here) whose
    /// ranges hold the client's scores, else rfm.other_segment; null without scores.
    func rfmSegment(r: SQLExpr, f: SQLExpr, m: SQLExpr) -> SQLExpr {
        let context = measures.context
        func within(_ x: SQLExpr, _ range: ClosedRange<Int64>) -> SQLExpr {
            .between(x, context.bind(.integer(range.lowerBound)), context.bind(.integer(range.upperBound)), negated: false)
        }
        let named = context.settings.rfmSegments.map { s in
            SQLWhen(.conjunction([within(r, s.r), within(f, s.f), within(m, s.m)]), context.bind(.text(s.name)))
        }
        return .caseWhen([SQLWhen(.isNull(r, negated: false), .null)] + named,
                         else: context.bind(.text(context.settings.text("rfm.other_segment"))))
    }
}
