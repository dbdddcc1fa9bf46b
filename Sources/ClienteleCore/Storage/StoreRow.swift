/// The kind of value in one cell of a row being read (`StoreRow.kind`).
package enum SQLValueKind: Sendable, Equatable {
    case null, integer, real, text, blob
}

/// One row of a query as the backend holds it, read cell by cell without making values:
/// what the passes over millions of rows (grouping in memory, policy sums) read, where an
/// `[SQLValue]` per row would cost more than the query. Valid only inside the `scan` call
/// that handed it over.
package protocol StoreRow {
    func kind(_ column: Int) -> SQLValueKind
    /// The cell as an integer (a real is truncated, text parsed as the backend does).
    func int64(_ column: Int) -> Int64
    func double(_ column: Int) -> Double
    /// The bytes of a text (UTF-8) or blob cell, lent for the length of `body`.
    func withBytes<T>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T
    /// The cell as a value (allocates for text and blobs: for the rows of a new group).
    func value(_ column: Int) -> SQLValue
}

/// A row already read as values (the `scan` of a backend without a faster one).
package struct ArrayRow: StoreRow {
    package let cells: [SQLValue]
    package init(cells: [SQLValue]) { self.cells = cells }

    package func kind(_ column: Int) -> SQLValueKind {
        switch cells[column] {
        case .null: return .null
        case .integer: return .integer
        case .real: return .real
        case .text: return .text
        case .blob: return .blob
        }
    }

    package func int64(_ column: Int) -> Int64 {
        switch cells[column] {
        case .integer(let i): return i
        case .real(let d): return d >= Double(Int64.min) && d < Double(Int64.max) ? Int64(d) : 0
        case .text(let s): return Int64(s) ?? 0
        case .null, .blob: return 0
        }
    }

    package func double(_ column: Int) -> Double {
        switch cells[column] {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .text(let s): return Double(s) ?? 0
        case .null, .blob: return 0
        }
    }

    package func withBytes<T>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        switch cells[column] {
        case .text(let s): return try Array(s.utf8).withUnsafeBytes(body)
        case .blob(let b): return try b.withUnsafeBytes(body)
        default: return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    package func value(_ column: Int) -> SQLValue { cells[column] }
}

/// A function computed in Swift that a statement may call by `name` (a host function):
/// arguments and result in the store's encoding (`SQLValue(Value)`).
package struct StoreFunction: Sendable {
    package var name: String
    package var argumentCount: Int
    /// Throws `StoreError` for a failure the statement reports with its message.
    package var body: @Sendable ([SQLValue]) throws -> SQLValue

    package init(name: String, argumentCount: Int, body: @escaping @Sendable ([SQLValue]) throws -> SQLValue) {
        self.name = name; self.argumentCount = argumentCount; self.body = body
    }
}

extension PrintedSQL {
    /// The values to bind to this text: in order for a dialect that numbers its
    /// placeholders, by name for one that names them.
    package func arguments(in dialect: any SQLDialect) -> SQLArguments {
        if dialect.bindsByPosition { return .positional(parameters.map(\.value)) }
        return .named(Dictionary(parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }
}
