import Foundation

/// The per-client columns computed for the statements running on one store, by id, where
/// SQL finds them (`clientele_columns(id)`, `CLIENTELE_COLUMN(id, …)`: FactsTable). Owned by
/// the store (through its FactsCache), so two stores never see each other's columns, and
/// an entry lives as long as the statement that registered it: a `Lease`, held by the
/// statement's planning context, removes its entries when the statement ends.
final class ColumnsRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Int64: ClientColumns] = [:]

    /// Entries held now (tests check that a finished statement leaves none).
    var count: Int { lock.withLock { entries.count } }

    func columns(id: Int64) -> ClientColumns? { lock.withLock { entries[id] } }

    /// A lease for one statement's columns.
    func lease() -> Lease { Lease(self) }

    fileprivate func add(_ columns: ClientColumns, as id: Int64) { lock.withLock { entries[id] = columns } }
    fileprivate func remove(_ ids: [Int64]) { lock.withLock { for id in ids { entries[id] = nil } } }

    /// Makes columns reachable from SQL until the lease ends.
    final class Lease {
        private let registry: ColumnsRegistry
        private var ids: [Int64] = []

        fileprivate init(_ registry: ColumnsRegistry) { self.registry = registry }

        /// Makes `columns` reachable from SQL under `id` (the id the planner bound).
        func publish(_ columns: ClientColumns, as id: Int64) {
            ids.append(id)
            registry.add(columns, as: id)
        }

        deinit { registry.remove(ids) }
    }
}
