import Foundation
import ClienteleCore

/// Where in a statement a runtime failure happened, for its caret: the engine knows which
/// statement failed, and this narrows it to the part the message is about.
///
/// - A message that quotes a string of the statement (`'clients.csv' already exists`,
///   `cannot read 'data/c.csv': no such file`, `'¦' cannot be a separator`): that string.
/// - Division by zero: the division, when the statement has one (or the stretch of one
///   line from the first to the last, when it has several); a number that became too
///   large: the one `+`, `-` or `*` of the statement, when there is only one.
/// - Otherwise the whole statement, as before.
enum FailurePlace {
    /// Nodes deeper than this are not searched (a 10,000-term sum keeps the statement's caret).
    static let depthLimit = 200

    static func narrow(_ statement: SourceSpan, message: String, source: String, statements: [SourceSpan]) -> SourceSpan {
        guard statement.offset >= 0, statement.offset < source.count else { return statement }
        let end = statements.map(\.offset).filter { $0 > statement.offset }.min() ?? source.count
        let range = statement.offset..<end
        if let quoted = quotedString(message: message, source: source, in: range) { return quoted }
        let operators: Set<String>
        if message == "division by zero" {
            operators = ["/"]
        } else if message.hasPrefix("a number became too large") {
            operators = ["+", "-", "*"]
        } else {
            return statement
        }
        var found: [SourceSpan] = []
        let (script, _) = Parser.parse(source)
        for s in script.statements { collect(s, operators: operators, in: range, into: &found, depth: 0) }
        found.sort { $0.offset < $1.offset }
        guard let first = found.first else { return statement }
        if found.count == 1 { return first }
        guard operators == ["/"], found.allSatisfy({ $0.line == first.line }) else { return statement }
        let stop = found.map { $0.column + $0.length }.max()!
        return SourceSpan(line: first.line, column: first.column, length: stop - first.column, offset: first.offset)
    }

    /// The first string literal of the statement that the message quotes ('…'), also as
    /// the end of a longer path the message names.
    static func quotedString(message: String, source: String, in range: Range<Int>) -> SourceSpan? {
        guard message.contains("'") else { return nil }
        for token in Lexer.tokenize(source).tokens where range.contains(token.span.offset) {
            guard case .string(let value) = token.kind, !value.isEmpty else { continue }
            if message.contains("'\(value)'") || message.contains("/\(value)'") { return token.span }
        }
        return nil
    }

    private static func collect(_ value: Any, operators: Set<String>, in range: Range<Int>, into found: inout [SourceSpan], depth: Int) {
        guard depth < depthLimit else { return }
        if let e = value as? Expr, case .binary(let op, _, _, let span) = e, operators.contains(op), range.contains(span.offset) {
            found.append(span)
        }
        for child in Mirror(reflecting: value).children {
            collect(child.value, operators: operators, in: range, into: &found, depth: depth + 1)
        }
    }
}
