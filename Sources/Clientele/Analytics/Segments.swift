import ClienteleCore

/// SQL for the relative and threshold segmentations of clients over a period: ABC (by
/// thresholds or by cumulative share), importance (cumulative share, optionally within
/// each region or direction) and RFM scores. Every threshold comes from the stored
/// settings and is bound as a parameter. Definitions and boundary conventions:
/// docs/segmentation.md.
struct Segments {
    let measures: ClientMeasures
    var context: SQLContext { measures.context }
    var settings: StoreSettings { context.settings }

    /// The classes of a segmentation in display order, when they form a closed list.
    /// Segments that are null exactly when the client has no row in their per-client table
    /// (no positive turnover, no shipped order in the period): `s != null` keeps only
    /// clients with such a row.
    static func nullOnlyWithoutRow(_ s: ClientSegment) -> Bool {
        switch s {
        case .importance, .rfm, .rfmR, .rfmF, .rfmM: return true
        default: return false
        }
    }

    static func knownClasses(_ s: ClientSegment) -> [Value]? {
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

    func field(_ s: ClientSegment, period: PeriodSyntax?, client: String, key: String, in q: inout SelectBuilder) -> String {
        let r = measures.range(period)
        switch s {
        case .abc:
            return abc(r, client: client, key: key, in: &q)
        case .importance:
            let per = SegmentChoices.partitionColumns[settings.text("importance.per")]
            let classes = [("key", settings.percent("importance.key_share")), ("medium", settings.percent("importance.medium_share"))]
            if let cached = cachedPareto(r, partition: per, classes: classes, rest: "small") {
                return measures.value(cached, "class", client: client)
            }
            let cte = importanceCTE(r)
            return "\(measures.joinCTE(cte, client: client, key: key, in: &q)).class"
        case .rfm, .rfmR, .rfmF, .rfmM:
            func col(_ name: String) -> String {
                if let cached = cachedRFM(r) { return measures.value(cached, name, client: client) }
                return "\(measures.joinCTE(rfmCTE(r), client: client, key: key, in: &q)).\(name)"
            }
            switch s {
            case .rfmR: return col("r")
            case .rfmF: return col("f")
            case .rfmM: return col("m")
            default:
                if let codes = cachedRFMCode(r) { return measures.value(codes, "code", client: client) }
                return "(CAST(\(col("r")) AS TEXT) || \(col("f")) || \(col("m")))"
            }
        default:
            return "NULL"
        }
    }

    // MARK: ABC

    /// Thresholds: A above abc.a_min, B from abc.b_min up to abc.a_min (both included), C
    /// below; share: see `paretoCTE`. No class without a positive turnover. A client whose
    /// only shipped order so far (up to the period's end) is its first deal gets first_deal.class.
    func abc(_ r: DateRange, client: String, key: String, in q: inout SelectBuilder) -> String {
        if let cached = cachedABC(r) { return measures.value(cached, "class", client: client) }
        let turnover = measures.salesColumn(r, "turnover", client: client, key: key, in: &q)
        var firstDeal = ""
        let fdClass = settings.text("first_deal.class")
        if ["A", "B", "C"].contains(fdClass) {
            let shipped: String
            if let cached = measures.cachedFirstDeals(r) {
                shipped = measures.value(cached, "first_deal", client: client)
            } else {
                shipped = "\(measures.joinCTE(firstDealCTE(r), client: client, key: key, in: &q)).shipped"
            }
            firstDeal = "WHEN \(shipped) = 1 THEN \(context.bind(.text(fdClass))) "
        }
        let none = "WHEN \(turnover) IS NULL OR \(turnover) <= 0 THEN NULL "
        if settings.text("abc.method") == "share" {
            let classes = [("A", settings.percent("abc.share_a")), ("B", settings.percent("abc.share_b"))]
            if let cached = cachedPareto(r, partition: nil, classes: classes, rest: "C") {
                return "CASE \(none)\(firstDeal)ELSE \(measures.value(cached, "class", client: client)) END"
            }
            let cte = paretoCTE(r, prefix: "abcshare", partition: nil,
                                classes: [("A", settings.percent("abc.share_a")), ("B", settings.percent("abc.share_b"))], rest: "C")
            let j = measures.joinCTE(cte, client: client, key: key, in: &q)
            return "CASE \(none)\(firstDeal)ELSE \(j).class END"
        }
        return """
        CASE \(none)\(firstDeal)\
        WHEN \(turnover) > \(context.bind(.money(settings.money("abc.a_min")))) THEN 'A' \
        WHEN \(turnover) >= \(context.bind(.money(settings.money("abc.b_min")))) THEN 'B' ELSE 'C' END
        """
    }

    /// The ABC class computed in Swift from the orders (facts or scan), by the same rules (one
    /// column, one function call per client row instead of one per condition). Registers
    /// what it is computed from first, as the planner reads them too.
    func cachedABC(_ r: DateRange) -> MeasureHandle? {
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
    func firstDealCTE(_ r: DateRange) -> String {
        context.cte(key: "firstdeal \(r.end)", prefix: "firstdeal") { _ in
            "SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= \(context.bind(r.end)) GROUP BY client_id"
        }
    }

    // MARK: Cumulative share (Pareto)

    /// Classes by cumulative share of turnover, largest first, among clients with a positive
    /// turnover (within each partition group, when given). A client belongs to the first
    /// class whose bound is above the share of sales *before* it, so the client that crosses
    /// a bound takes the upper class. Clients with equal turnover are peers: all of them
    /// count as coming first, so equal sales always give the same class.
    func paretoCTE(_ r: DateRange, prefix: String, partition: String?, classes: [(String, Percent)], rest: String) -> String {
        let key = "\(prefix) \(r) per \(partition ?? "-") " + classes.map { "\($0.0)=\($0.1.basisPoints)" }.joined(separator: ",")
        return context.cte(key: key, prefix: prefix) { _ in
            let sales = measures.salesCTE(r, columns: ["turnover"])
            let part = partition.map { "PARTITION BY c.\($0) " } ?? ""
            let peers = "PARTITION BY " + (partition.map { "c.\($0), " } ?? "") + "s.turnover"
            var cases = "CASE "
            for (label, share) in classes {
                cases += "WHEN before * 10000 < \(context.bind(.integer(share.basisPoints))) * total THEN '\(label)' "
            }
            cases += "ELSE '\(rest)' END"
            // The outer GROUP BY (one row per client already) is for SQLite's planner: without
            // it, it estimates the window query at a few rows and joins it to every client by a
            // full scan (quadratic); grouped, it knows the size and builds an index.
            return """
            SELECT client_id, MIN(class) AS class FROM (\
            SELECT client_id, \(cases) AS class FROM (\
            SELECT s.client_id, SUM(s.turnover) OVER (\(part)ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) \
            - s.turnover * COUNT(*) OVER (\(peers)) AS before, SUM(s.turnover) OVER (\(part)) AS total \
            FROM \(sales) AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0)) GROUP BY client_id
            """
        }
    }

    /// The same classes computed in Swift (ClientRankings' pareto) from the orders (facts or scan).
    func cachedPareto(_ r: DateRange, partition: String?, classes: [(String, Percent)], rest: String) -> MeasureHandle? {
        guard measures.cachedSales(r) != nil else { return nil }
        return context.clientColumns(.pareto(r, partition: partition, bounds: classes.map { $0.1.basisPoints },
                                             labels: classes.map(\.0) + [rest]))
    }

    /// key / medium / small, within the groups of `importance.per` (none: the whole base).
    func importanceCTE(_ r: DateRange) -> String {
        let per = SegmentChoices.partitionColumns[settings.text("importance.per")]
        return paretoCTE(r, prefix: "importance", partition: per,
                         classes: [("key", settings.percent("importance.key_share")),
                                   ("medium", settings.percent("importance.medium_share"))], rest: "small")
    }

    // MARK: RFM

    /// The three-digit RFM code ("111" ... "555") as one computed column, when cached.
    func cachedRFMCode(_ r: DateRange) -> MeasureHandle? {
        guard cachedRFM(r) != nil else { return nil }
        return context.clientColumns(.rfmCode(r))
    }

    /// RFM scores computed in Swift (ClientRankings' rfm) from the orders (facts or scan).
    func cachedRFM(_ r: DateRange) -> MeasureHandle? {
        guard measures.cachedSales(r) != nil else { return nil }
        return context.clientColumns(.rfm(r))
    }

    /// Quintile scores among the clients with shipped orders in the period: recency by the
    /// last order date, frequency by the number of orders, monetary by turnover; 1 is the
    /// lowest fifth, 5 the highest. NTILE(5) over the clients in ascending order (client id
    /// breaks ties for the tiling); then equal values share a score: the lowest score any
    /// of them received, so a score never depends on client ids.
    func rfmCTE(_ r: DateRange) -> String {
        context.cte(key: "rfm \(r)", prefix: "rfm") { _ in
            let sales = measures.salesCTE(r, columns: ["turnover", "orders_count", "last_order"])
            // The outer GROUP BY: see `paretoCTE`.
            return """
            SELECT client_id, MIN(r) AS r, MIN(f) AS f, MIN(m) AS m FROM (\
            SELECT client_id, MIN(nr) OVER (PARTITION BY last_order) AS r, \
            MIN(nf) OVER (PARTITION BY orders_count) AS f, MIN(nm) OVER (PARTITION BY turnover) AS m FROM (\
            SELECT client_id, last_order, orders_count, turnover, \
            NTILE(5) OVER (ORDER BY last_order, client_id) AS nr, \
            NTILE(5) OVER (ORDER BY orders_count, client_id) AS nf, \
            NTILE(5) OVER (ORDER BY turnover, client_id) AS nm FROM \(sales))) GROUP BY client_id
            """
        }
    }
}
