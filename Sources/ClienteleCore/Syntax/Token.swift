/// A position range in source text. Lines and columns are 1-based; columns count
/// characters (grapheme clusters), which is what a caret under the line must match.
///
/// ```swift
/// for d in engine.check(script) { editor.mark(line: d.span.line, column: d.span.column, length: d.span.length) }
/// ```
public struct SourceSpan: Hashable, Sendable {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in characters.
    public var column: Int
    /// How many characters the span covers.
    public var length: Int
    /// Character offset of the start in the whole source, for slicing.
    public var offset: Int
    /// A span, for a host that reports its own problems the same way.
    ///
    /// ```swift
    /// SourceSpan(line: 2, column: 5, length: 3, offset: 20)
    /// ```
    public init(line: Int, column: Int, length: Int, offset: Int) {
        self.line = line; self.column = column; self.length = length; self.offset = offset
    }
    /// The span from the start of `self` to the end of `other` (same line), or `self` extended.
    package func through(_ other: SourceSpan) -> SourceSpan {
        if other.line == line {
            return SourceSpan(line: line, column: column, length: max(length, other.column + other.length - column), offset: offset)
        }
        return self
    }
}

package enum TokenKind: Equatable, Sendable {
    case identifier(String)
    case string(String)
    /// Integer literal; `text` keeps the digits for exact conversion.
    case integer(Int64)
    /// A decimal literal kept as text ("12.50") so money stays exact.
    case decimal(String)
    /// `5%`, `2.5%` in basis points.
    case percent(Int64)
    /// `2025-03-31`, validated by the lexer for shape only; the checker validates the calendar.
    case date(String)
    /// `2025-03` (a month) or `2025-Q1` (a quarter).
    case monthPeriod(year: Int, month: Int)
    case quarterPeriod(year: Int, quarter: Int)
    /// `$name`: a script parameter.
    case parameter(String)
    case symbol(String)      // | , ( ) [ ] { } : = == != < <= > >= ~ ~= !~ + - * / . .. ;
    case newline
    case eof

    package var symbol: String? { if case .symbol(let s) = self { return s } else { return nil } }
}

package struct Token: Equatable, Sendable {
    package var kind: TokenKind
    package var span: SourceSpan
    /// The exact source text of the token.
    package var text: String
}
