import Foundation
import ClienteleCore
import PostgresNIO

/// `SQLValue`s to and from postgres-nio's wire values.
enum PostgresValues {
    struct NamedParameters: Error, CustomStringConvertible {
        var description: String { "the PostgreSQL store binds parameters by position ($1, $2...), not by name" }
    }

    /// Integers go as `bigint`, reals as `double precision`, blobs as `bytea`; text goes
    /// untyped (in text format, with no type), so the server reads it as whatever the
    /// statement compares it with: a date parameter is ISO text that becomes a `date`.
    static func bindings(_ arguments: SQLArguments) throws -> PostgresBindings {
        guard case .positional(let values) = arguments else {
            if case .named(let v) = arguments, v.isEmpty { return PostgresBindings() }
            throw NamedParameters()
        }
        var b = PostgresBindings(capacity: values.count)
        for v in values {
            switch v {
            case .null: b.appendNull()
            case .integer(let i): b.append(i)
            case .real(let d): b.append(d)
            case .text(let s): b.append(UntypedText(s))
            case .blob(let bytes): b.append(ByteBuffer(bytes: bytes))
            }
        }
        return b
    }

    /// A statement written with SQLite's anonymous placeholders (`WHERE key = ?`, the engine's
    /// own short statements: settings, rules, scenarios) with PostgreSQL's numbered ones, `?`
    /// by `?` in order: `$1`, `$2`... A `?` inside a string literal, a quoted name or a comment
    /// is left alone; statements printed for PostgreSQL (`$n` already) come back unchanged.
    ///
    ///     PostgresValues.numberedPlaceholders("UPDATE settings SET value = ? WHERE key = ?")
    ///     // "UPDATE settings SET value = $1 WHERE key = $2"
    static func numberedPlaceholders(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        var n = 0
        var quote: Character? = nil
        var lineComment = false
        var previous: Character = " "
        for ch in sql {
            if lineComment {
                if ch == "\n" { lineComment = false }
            } else if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "'" || ch == "\"" {
                quote = ch
            } else if ch == "-" && previous == "-" {
                lineComment = true
            } else if ch == "?" {
                n += 1
                out += "$\(n)"
                previous = ch
                continue
            }
            out.append(ch)
            previous = ch
        }
        return out
    }

    /// 2000-01-01, the day binary `date` values count from.
    private static let dateEpoch = CalendarDate(year: 2000, month: 1, day: 1)

    /// A cell as the engine reads it: integers and booleans (0/1) as integers, `numeric`
    /// (what `SUM` of `bigint` gives) as an integer when it is whole, dates as ISO text.
    static func sqlValue(_ cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        if cell.format == .text {
            return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            let text = "\(try cell.decode(Decimal.self))"
            if let i = Int64(text) { return .integer(i) }
            return .real(Double(text) ?? .nan)
        case .date:
            guard let days = bytes.readInteger(as: Int32.self), let epoch = dateEpoch,
                  let date = epoch.adding(days: Int(days)) else {
                throw StoreError(.other, "a date outside the calendar a store holds (0001-01-01 to 9999-12-31)")
            }
            return .text(date.iso)
        case .bytea: return .blob(Array(bytes.readableBytesView))
        default: return .text(try cell.decode(String.self))
        }
    }
}

/// Text bound with no type (OID 0) in text format: the server infers its type.
struct UntypedText: PostgresNonThrowingEncodable {
    var text: String
    init(_ text: String) { self.text = text }
    static var psqlType: PostgresDataType { PostgresDataType(0) }
    static var psqlFormat: PostgresFormat { .text }
    func encode<E: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        byteBuffer.writeString(text)
    }
}
