import Foundation
import ClienteleCore

/// The lines of an orders file with a category column (issue 18 part 2): each row is one
/// order line; rows with the same order number and client are one order, whose amounts are
/// the sums of its lines'. Without a number column each row is an order of one line.
///
/// A line's category is found by name, folded like client names (case and ё/е ignored); an
/// unknown one is an error of the row unless the import says `create categories`, which
/// creates it with the schema's defaults (margin 0%, goods class B), said in the summary.
struct OrderLines {
    /// What the file's first line of an order left for the lines after it.
    struct FileOrder {
        /// The order's id (nil in a dry run, or when the first line was not written).
        var id: Int64?
        var date: CalendarDate?
        var line: Int
        var valid: Bool
        /// Whether the first line updated a stored order (its lines count as updated too).
        var updated = false
    }

    private struct Key: Hashable {
        var client: Int64
        var number: String
    }

    let column: Int
    private var categories: [String: Int64] = [:]
    /// Created (or, in a dry run, to be created) categories: their names as first written.
    private(set) var created: [String] = []
    private var toCreate: Set<String> = []
    private var orders: [Key: FileOrder] = [:]
    private(set) var linesWritten = 0
    private(set) var ordersWithLines = 0
    private var insertLine = LazyStatement("INSERT INTO order_lines(order_id, category_id, gross_minor) VALUES (?, ?, ?)")
    private var addToOrder = LazyStatement("""
        UPDATE orders SET gross_minor = gross_minor + ?, discount_minor = discount_minor + ?, net_minor = net_minor + ?
        WHERE id = ?
        """)
    private var dropLines = LazyStatement("DELETE FROM order_lines WHERE order_id = ?")

    init(column: Int, db: any ImportConnection) throws {
        self.column = column
        try db.query("SELECT id, name FROM categories", []) { row in
            categories[ClientDirectory.fold(row[1].string ?? "")] = row[0].int64 ?? 0
        }
    }

    /// The file's earlier line of this order, if any.
    func order(client: Int64, number: String) -> FileOrder? { orders[Key(client: client, number: number)] }

    mutating func remember(client: Int64, number: String, _ order: FileOrder) {
        orders[Key(client: client, number: number)] = order
    }

    /// The line's category id; nil for an error of the row (said in `check`), or in a dry
    /// run for a category `create categories` would create.
    mutating func category(_ check: inout RowCheck, create: Bool, write: Bool, db: any ImportConnection) throws -> Int64? {
        guard let name = check.raw(column)?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            check.fail(column, "required, but empty: each line of an order needs its category")
            return nil
        }
        let folded = ClientDirectory.fold(name)
        if let id = categories[folded] { return id }
        guard create else {
            check.fail(column, "unknown category \"\(name)\": add create categories to the import to create it, or import the categories first")
            return nil
        }
        if !toCreate.contains(folded) { toCreate.insert(folded); created.append(name) }
        guard write else { return nil }
        try db.execute("INSERT INTO categories(name) VALUES (?)", [.text(name)])
        let id = db.lastInsertedRowID
        categories[folded] = id
        return id
    }

    /// Writes a line of order `order` (its first: `first`, whose stored lines an upsert replaces).
    mutating func write(order: Int64, category: Int64, gross: Int64, first: Bool, replacing: Bool, db: any ImportConnection) throws {
        if first {
            ordersWithLines += 1
            if replacing { try dropLines.execute(db, [order]) }
        }
        try insertLine.execute(db, [order, category, gross])
        linesWritten += 1
    }

    /// Adds a later line's amounts to its order.
    mutating func add(gross: Int64, discount: Int64, net: Int64, to order: Int64, db: any ImportConnection) throws {
        try addToOrder.execute(db, [gross, discount, net, order])
    }

    /// Counts a line of a dry run.
    mutating func count(first: Bool) {
        if first { ordersWithLines += 1 }
        linesWritten += 1
    }

    func notes(dryRun: Bool) -> [String] {
        var out: [String] = []
        if linesWritten > 0 {
            out.append("order lines: \(linesWritten) line\(linesWritten == 1 ? "" : "s") \(dryRun ? "would be written to" : "written to") \(ordersWithLines) order\(ordersWithLines == 1 ? "" : "s") (each order's amounts are its lines' sums)")
        }
        if !created.isEmpty {
            out.append("categories \(dryRun ? "to create" : "created"): " + created.joined(separator: ", ")
                       + " (margin 0%: set their margins with import … into categories or update categories)")
        }
        return out
    }
}
