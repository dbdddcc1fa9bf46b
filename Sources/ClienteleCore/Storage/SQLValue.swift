/// A value as a store holds it: what the engine binds into statements and reads back from
/// rows, without the types of any storage library. Money, percent and decimal travel as
/// integers (minor units, basis points, hundredths), dates as ISO text, booleans as 0/1.
package enum SQLValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The store's representation of an engine value (see the type comment).
    package init(_ v: Value) {
        switch v {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .decimal(let d): self = .integer(Checker.scaled(d, 100))
        case .money(let m): self = .integer(m.minorUnits)
        case .percent(let p): self = .integer(p.basisPoints)
        case .date(let d): self = .text(d.iso)
        case .text(let s): self = .text(s)
        case .boolean(let b): self = .integer(b ? 1 : 0)
        }
    }

    package var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The integer held, also from text that spells one (as SQLite's affinity would give).
    package var int64: Int64? {
        switch self {
        case .integer(let i): return i
        case .real(let d): return Int64(exactly: d)
        case .text(let s): return Int64(s)
        case .null, .blob: return nil
        }
    }

    package var string: String? {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .null, .blob: return nil
        }
    }

    /// As SQL literal text, for `explain`'s parameter list (never spliced into a statement).
    package var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .text(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let b): return "X'" + b.map { String($0, radix: 16).uppercased().leftPadded(to: 2) }.joined() + "'"
        }
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}

/// Values bound to a statement: by name (`:p1`) or by position (`?`, `$1`), as the
/// dialect writes its placeholders.
package enum SQLArguments: Sendable, Equatable {
    case named([String: SQLValue])
    case positional([SQLValue])

    package static let none = SQLArguments.positional([])
}
