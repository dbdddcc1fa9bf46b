import Foundation
import ClienteleCore

/// The columns of a table and where each name is, shared by all its rows.
final class RowLayout: Sendable {
    let columns: [ClienteleCore.Column]
    /// The first column of each name (a table's names are unique; if not, the first wins).
    let index: [String: Int]

    init(columns: [ClienteleCore.Column]) {
        self.columns = columns
        var index: [String: Int] = [:]
        for (i, c) in columns.enumerated() where index[c.name] == nil { index[c.name] = i }
        self.index = index
    }
}

/// One row of a result, readable by column name.
///
/// ```swift
/// let row = try engine.rows("clients | where id == 1 | select name, turnover")[0]
/// row["name"]        // .text("ООО Ромашка")
/// row["turnover"]    // .money(Money(minorUnits: 1250000))
/// ```
public struct ResultRow: Sendable, CustomStringConvertible {
    let layout: RowLayout
    /// The values in column order.
    ///
    /// ```swift
    /// let first = row.values[0]
    /// ```
    public let values: [Value]

    init(layout: RowLayout, values: [Value]) { self.layout = layout; self.values = values }

    /// The result's columns (names and types), in order.
    ///
    /// ```swift
    /// let names = row.columns.map(\.name)
    /// ```
    public var columns: [ClienteleCore.Column] { layout.columns }

    /// The value of the column `name`, or nil when the result has no such column.
    ///
    /// ```swift
    /// if case .money(let m)? = row["revenue"] { total = total + m }
    /// ```
    public subscript(name: String) -> Value? {
        layout.index[name].map { values[$0] }
    }

    /// The row as a value of the host's type, its properties read from the columns of the
    /// same names (see `ResultRows.decode(as:)` for the types each column decodes to).
    ///
    /// ```swift
    /// struct Client: Decodable { var name: String; var turnover: Money }
    /// let client = try row.decode(as: Client.self)
    /// ```
    /// Throws `ClienteleError.decoding`, naming the column, when a value does not fit.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        do {
            return try T(from: RowDecoder(row: self))
        } catch let e as ClienteleError {
            throw e
        } catch {
            throw ClienteleError.decoding(.init(message: "\(error)"))
        }
    }

    /// "name=ООО Ромашка, turnover=12500.00".
    public var description: String {
        zip(layout.columns, values).map { "\($0.name)=\($1.plain)" }.joined(separator: ", ")
    }
}

/// The rows of a table output, by position and by column name.
///
/// ```swift
/// let rows = try engine.rows("clients | select name, region, turnover")
/// for row in rows where row["region"] == .text("North") { print(row["name"]!) }
/// let clients = try rows.decode(as: Client.self)
/// ```
public struct ResultRows: RandomAccessCollection, Sendable {
    let layout: RowLayout
    /// The table the rows come from.
    ///
    /// ```swift
    /// print(Renderer().render(.table(rows.table)))
    /// ```
    public let table: ClienteleCore.Table

    /// The rows of `table`.
    ///
    /// ```swift
    /// if case .table(let t) = outputs.last { let rows = ResultRows(t) }
    /// ```
    public init(_ table: ClienteleCore.Table) {
        self.table = table
        self.layout = RowLayout(columns: table.columns)
    }

    /// The columns (names and types), in order.
    ///
    /// ```swift
    /// rows.columns.first?.type   // .text
    /// ```
    public var columns: [ClienteleCore.Column] { table.columns }
    /// The first row's index, 0.
    public var startIndex: Int { 0 }
    /// One past the last row's index.
    public var endIndex: Int { table.rows.count }
    /// The row at `position`.
    ///
    /// ```swift
    /// let first = rows[0]["name"]
    /// ```
    public subscript(position: Int) -> ResultRow { ResultRow(layout: layout, values: table.rows[position]) }

    /// Every row as a value of the host's type, properties read from the columns of the
    /// same names. Money decodes to `Money` or `Decimal` (never `Double`: amounts stay
    /// exact); dates to `CalendarDate`, or `Date` (midnight UTC of that day); text and
    /// labels to `String` (or a `String` enum); integers to `Int`, `Int64`... (or
    /// `Decimal`, `Double`); decimals to `Decimal` or `Double`; percents to `Percent`;
    /// booleans to `Bool`; an empty value to an optional property.
    ///
    /// ```swift
    /// struct Sales: Decodable { var region: String; var revenue: Money; var since: Date? }
    /// let sales = try rows.decode(as: Sales.self)
    /// ```
    /// Throws `ClienteleError.decoding`, naming the row and the column, when one does not fit.
    public func decode<T: Decodable>(as type: T.Type) throws -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for i in indices {
            do {
                result.append(try self[i].decode(as: T.self))
            } catch ClienteleError.decoding(let d) {
                throw ClienteleError.decoding(.init(message: "row \(i + 1): \(d.message)"))
            }
        }
        return result
    }
}
