/// The built-in scalar functions: one table that the checker (arity and types), completion,
/// `help functions` and the SQL compiler (by `ID`) all read.

/// What a function's type rule says about the arguments it was given.
package enum FunctionTyping: Sendable, Equatable {
    /// The result type, with the labels it carries (a label field's values).
    case result(ValueType, labels: [String] = [])
    /// The argument at this index cannot be used; the sentence says why.
    case badArgument(Int, String)
    /// The result is the first argument's type, and every later argument must become it
    /// (coalesce): the checker coerces them, or reports the mismatch.
    case sameAsFirst
}

package struct BuiltinFunction: Sendable {
    /// The function's identity for the compilers: each SQL dialect says how it spells it.
    package enum ID: String, Sendable, CaseIterable {
        case lower, upper, length, year, month, day, abs, coalesce, today
        /// Date buckets (TimeBuckets.swift): the month, week, quarter or year a date is in.
        case monthOf = "month_of", weekOf = "week_of", quarterOf = "quarter_of", yearOf = "year_of"
    }

    package let id: ID
    package var name: String { id.rawValue }
    /// The number of arguments; `variadic` (coalesce): two or more.
    package let arity: Int
    package static let variadic = -1
    /// How a call looks, for help: `lower(text)`.
    package let usage: String
    package let summary: String
    package let example: String
    package let typeRule: @Sendable (_ arguments: [TypedExpr]) -> FunctionTyping
    /// The function computed in Swift, on values as the engine holds them; nil where it
    /// needs the session (today).
    package let evaluate: (@Sendable ([Value]) throws -> Value)?

    package static func named(_ name: String) -> BuiltinFunction? {
        ID(rawValue: name.lowercased()).map(function)
    }

    package static let all: [BuiltinFunction] = ID.allCases.map(function)

    /// Aggregates are checked apart (they take `where` and `distinct`, and a relation),
    /// but they are function names all the same: for suggestions, completion and help.
    package static let aggregateNames = ["count", "sum", "avg", "min", "max", "share"]
    package static let aggregateHelp = """
        Aggregates: count() count(x) count(distinct x) sum avg min max share(aggregate)
        Over related lists: count(orders) count(orders where net > 100) sum(orders.net)
        """

    package static func function(_ id: ID) -> BuiltinFunction {
        switch id {
        case .lower:
            return BuiltinFunction(id: id, arity: 1, usage: "lower(text)", summary: "the text in lower case",
                                   example: "clients | where lower(name) == \"acme\"",
                                   typeRule: { needs(text: $0, id) ?? .result(.text) },
                                   evaluate: { text($0[0]) { .text($0.lowercased()) } })
        case .upper:
            return BuiltinFunction(id: id, arity: 1, usage: "upper(text)", summary: "the text in upper case",
                                   example: "clients | select name = upper(name)",
                                   typeRule: { needs(text: $0, id) ?? .result(.text) },
                                   evaluate: { text($0[0]) { .text($0.uppercased()) } })
        case .length:
            return BuiltinFunction(id: id, arity: 1, usage: "length(text)", summary: "the number of characters",
                                   example: "clients | where length(name) > 30",
                                   typeRule: { needs(text: $0, id) ?? .result(.integer) },
                                   // SQLite counts code points, not grapheme clusters.
                                   evaluate: { text($0[0]) { .integer(Int64($0.unicodeScalars.count)) } })
        case .year, .month, .day:
            return BuiltinFunction(id: id, arity: 1, usage: "\(id.rawValue)(date)", summary: "the \(id.rawValue) of a date, a whole number",
                                   example: "orders | where \(id.rawValue)(order_date) == \(id == .year ? "2025" : "3")",
                                   typeRule: { $0[0].type == .date ? .result(.integer) : .badArgument(0, "\(id.rawValue) needs a date") },
                                   evaluate: { args in
                                       guard case .date(let d) = args[0] else { return .null }
                                       return .integer(Int64(id == .year ? d.year : id == .month ? d.month : d.day))
                                   })
        case .abs:
            return BuiltinFunction(id: id, arity: 1, usage: "abs(number)", summary: "the number without its sign",
                                   example: "payments | select amount = abs(amount)",
                                   typeRule: { $0[0].type.isNumeric ? .result($0[0].type) : .badArgument(0, "abs needs a number") },
                                   evaluate: { try absolute($0[0]) })
        case .coalesce:
            return BuiltinFunction(id: id, arity: variadic, usage: "coalesce(x, y, ...)", summary: "the first of its arguments that is not null",
                                   example: "clients | select name, region = coalesce(region, curator, \"none\")",
                                   typeRule: { _ in .sameAsFirst },
                                   evaluate: { $0.first { !$0.isNull } ?? .null })
        case .monthOf, .weekOf, .quarterOf, .yearOf:
            return TimeBuckets.function(id)
        case .today:
            return BuiltinFunction(id: id, arity: 0, usage: "today()", summary: "the session's date (see: set today)",
                                   example: "orders | where due_date < today()",
                                   typeRule: { _ in .result(.date) },
                                   evaluate: nil)
        }
    }

    private static func needs(text arguments: [TypedExpr], _ id: ID) -> FunctionTyping? {
        [.text, .label].contains(arguments[0].type) ? nil : .badArgument(0, "\(id.rawValue) needs a text")
    }

    private static func text(_ v: Value, _ f: (String) -> Value) -> Value {
        if case .text(let s) = v { return f(s) }
        return .null
    }

    /// As SQLite's abs(): the most negative whole number has no positive counterpart.
    private static func absolute(_ v: Value) throws -> Value {
        func magnitude(_ i: Int64) throws -> Int64 {
            guard i != .min else { throw FunctionError(message: "integer overflow") }
            return Swift.abs(i)
        }
        switch v {
        case .integer(let i): return .integer(try magnitude(i))
        case .decimal(let d): return .decimal(d < 0 ? -d : d)
        case .money(let m): return .money(Money(minorUnits: try magnitude(m.minorUnits)))
        case .percent(let p): return .percent(Percent(basisPoints: try magnitude(p.basisPoints)))
        default: return v
        }
    }
}

/// A function that cannot compute its result from the values it was given.
package struct FunctionError: Error, CustomStringConvertible {
    package let message: String
    package var description: String { message }
}
