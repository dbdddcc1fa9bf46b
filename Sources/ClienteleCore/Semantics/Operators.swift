/// The operators of the typed IR. The syntax tree keeps the symbols the user wrote; the
/// checker turns them into these, so nothing after it compares operator strings.

package enum UnaryOperator: Sendable, Equatable {
    case not
    case negate
}

package enum ArithmeticOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

package enum ComparisonOperator: String, Sendable, Equatable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// Text comparisons that ignore case: `~` contains, `!~` does not contain, `~=` equals.
package enum TextMatchOperator: String, Sendable, Equatable {
    case contains = "~", notContains = "!~", equalsIgnoringCase = "~="
}

package enum LogicalOperator: String, Sendable, Equatable {
    case and, or
}

package enum BinaryOperator: Sendable, Equatable {
    case arithmetic(ArithmeticOperator)
    case comparison(ComparisonOperator)
    case textMatch(TextMatchOperator)
    case logical(LogicalOperator)
    /// A date plus a number of days (`order_date + 30 days`, `- 2 weeks` is -14): the
    /// right side is the signed day count.
    case addDays

    /// The operator a source symbol names (`+days` has none: the checker makes it).
    package init?(symbol: String) {
        if let a = ArithmeticOperator(rawValue: symbol) { self = .arithmetic(a) }
        else if let c = ComparisonOperator(rawValue: symbol) { self = .comparison(c) }
        else if let t = TextMatchOperator(rawValue: symbol) { self = .textMatch(t) }
        else if let l = LogicalOperator(rawValue: symbol) { self = .logical(l) }
        else { return nil }
    }

    /// How the user writes it, for messages.
    package var symbol: String {
        switch self {
        case .arithmetic(let a): return a.rawValue
        case .comparison(let c): return c.rawValue
        case .textMatch(let t): return t.rawValue
        case .logical(let l): return l.rawValue
        case .addDays: return "+"
        }
    }
}
