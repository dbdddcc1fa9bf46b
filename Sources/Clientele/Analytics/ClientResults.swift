import Foundation
import ClienteleCore

/// The clients of a store in ascending id order, read once per evaluation: every
/// per-client result of that evaluation is an array in this order (shared, not copied, by
/// the results of all its policies), so a result costs a few bytes per client rather than
/// a dictionary entry.
struct ClientList: Sendable {
    let positions: ClientPositions
    var ids: [Int64] { positions.ids }

    init(_ positions: ClientPositions) { self.positions = positions }

    /// No clients (the results of an evaluation not made yet).
    static let none = ClientList(ClientPositions([]))

    /// The store's client ids in ascending order. Read without ORDER BY, so SQLite takes
    /// them from its narrowest index rather than the table's wide rows (on the M store
    /// 2 ms of its CPU instead of about 10), then sorted here when they are not in order.
    static func read(_ tx: any StoreTransaction) throws -> ClientList {
        var ids: [Int64] = []
        try tx.scan("SELECT id FROM clients", .none) { ids.append($0.int64(0)) }
        if zip(ids, ids.dropFirst()).contains(where: { $0 >= $1 }) { ids.sort() }
        return ClientList(ClientPositions(ids))
    }

    var count: Int { ids.count }

    func position(of id: Int64) -> Int? { positions[id].map(Int.init) }
}

/// Totals by client: the clients with shipped orders in the period, by position in a
/// `ClientList` (zero totals for the others).
///
/// Memory: the gross, cost of goods and gross of no known cost of every client are the same
/// under every policy of an evaluation but where a volume assumption scaled them, so they
/// are held once (`Shared`, one object for all the evaluation's results) with, per policy,
/// the discount and its part of no known cost by client and the differences of the few
/// clients an assumption scaled: 16 bytes a client and policy plus 24 a client, where a
/// `PolicyTotals` a client and policy took 48 (a 10-value sweep on M: 20 MB instead of 53).
struct ClientTotals: Equatable, Sendable {
    /// Gross, cost of goods and gross of no known cost by client position.
    final class Shared: @unchecked Sendable {
        var gross: [Int64], cost: [Int64], uncostedGross: [Int64]
        init(count: Int) {
            gross = Array(repeating: 0, count: count); cost = gross; uncostedGross = gross
        }
    }

    private(set) var clients = ClientList.none
    private(set) var present: [Bool] = []
    private var shared = Shared(count: 0)
    private var discount: [Int64] = []
    private var uncostedDiscount: [Int64] = []
    /// Added to the shared amounts (gross, cost, uncosted gross) of these client positions.
    private var adjusted: [Int32: PolicyTotals] = [:]
    var ids: [Int64] { clients.ids }

    init() {}

    init(clients: ClientList, totals: [PolicyTotals], present: [Bool]) {
        precondition(clients.count == totals.count && clients.count == present.count)
        self.clients = clients; self.present = present
        shared = Shared(count: totals.count)
        shared.gross = totals.map(\.gross); shared.cost = totals.map(\.cost); shared.uncostedGross = totals.map(\.uncostedGross)
        discount = totals.map(\.discount); uncostedDiscount = totals.map(\.uncostedDiscount)
    }

    /// One policy's totals over `shared` (PolicySums).
    init(clients: ClientList, shared: Shared, discount: [Int64], uncostedDiscount: [Int64], adjusted: [Int32: PolicyTotals], present: [Bool]) {
        precondition(clients.count == present.count && shared.gross.count == present.count && discount.count == present.count)
        self.clients = clients; self.shared = shared; self.discount = discount; self.uncostedDiscount = uncostedDiscount
        self.adjusted = adjusted; self.present = present
    }

    /// The totals at client position `i` (zero when it had no shipped order in the period).
    func totals(at i: Int) -> PolicyTotals {
        var t = PolicyTotals(gross: shared.gross[i], discount: discount[i], cost: shared.cost[i],
                             uncostedGross: shared.uncostedGross[i], uncostedDiscount: uncostedDiscount[i])
        if !adjusted.isEmpty, let a = adjusted[Int32(i)] {
            t.gross = t.gross &+ a.gross; t.cost = t.cost &+ a.cost; t.uncostedGross = t.uncostedGross &+ a.uncostedGross
        }
        return t
    }

    /// The discount at client position `i`.
    func discount(at i: Int) -> Int64 { discount[i] }

    /// The totals of client `id`, nil when it had no shipped order in the period.
    subscript(_ id: Int64) -> PolicyTotals? {
        guard let i = clients.position(of: id), present[i] else { return nil }
        return totals(at: i)
    }

    /// Every client's totals, by position.
    var totals: [PolicyTotals] { present.indices.map { totals(at: $0) } }

    /// Positions of the clients that have totals.
    var positions: [Int] { present.indices.filter { present[$0] } }

    var count: Int { present.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// As a dictionary (for tests and small stores).
    var dictionary: [Int64: PolicyTotals] {
        Dictionary(uniqueKeysWithValues: positions.map { (ids[$0], totals(at: $0)) })
    }

    static func == (a: ClientTotals, b: ClientTotals) -> Bool {
        a.ids == b.ids && a.present == b.present && a.present.indices.allSatisfy { a.totals(at: $0) == b.totals(at: $0) }
    }
}

/// A label by client (the ABC class), by position in a `ClientList`: one byte a client.
/// Code 0 is no label; code i is `labels[i - 1]`, numbered in order of first appearance.
struct ClientLabels: Equatable, Sendable {
    private(set) var clients = ClientList.none
    private(set) var codes: [UInt8] = []
    private(set) var labels: [String] = []
    var ids: [Int64] { clients.ids }

    init() {}

    init(clients: ClientList) {
        self.clients = clients
        codes = Array(repeating: 0, count: clients.count)
    }

    mutating func set(_ label: String?, at position: Int) throws {
        guard let label else { codes[position] = 0; return }
        if let i = labels.firstIndex(of: label) { codes[position] = UInt8(i + 1); return }
        guard labels.count < Int(UInt8.max) else { throw RuntimeError.message("more than \(UInt8.max) different classes") }
        labels.append(label)
        codes[position] = UInt8(labels.count)
    }

    func label(at position: Int) -> String? {
        let c = codes[position]
        return c == 0 ? nil : labels[Int(c) - 1]
    }

    subscript(_ id: Int64) -> String? {
        clients.position(of: id).flatMap { label(at: $0) }
    }

    /// How many clients have `label`.
    func count(of label: String) -> Int {
        guard let i = labels.firstIndex(of: label) else { return 0 }
        let code = UInt8(i + 1)
        return codes.reduce(0) { $0 + ($1 == code ? 1 : 0) }
    }

    /// As a dictionary (for tests and small stores).
    var dictionary: [Int64: String] {
        var out: [Int64: String] = [:]
        for i in ids.indices { if let l = label(at: i) { out[ids[i]] = l } }
        return out
    }

    /// Equal when every client has the same label (whatever the codes).
    static func == (a: ClientLabels, b: ClientLabels) -> Bool {
        a.ids == b.ids && a.ids.indices.allSatisfy { a.label(at: $0) == b.label(at: $0) }
    }
}
