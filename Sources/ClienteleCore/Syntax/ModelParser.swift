/// Syntax of the customer-base commands (docs/analytics.md):
///
///     cohorts by first order month [over PERIOD]
///     fit clv [over PERIOD]

package enum ModelCommandSyntax: Hashable, Sendable {
    /// `cohorts by first order month over 2025`: the retention matrix.
    case cohorts(period: Expr?, span: SourceSpan)
    /// `fit clv over last 24 months`: the BG/NBD and Gamma–Gamma parameters.
    case fitCLV(period: Expr?, span: SourceSpan)

    package var span: SourceSpan {
        switch self {
        case .cohorts(_, let s), .fitCLV(_, let s): return s
        }
    }
}

extension Parser {
    /// `cohorts by …` or `fit clv …` (a `let` name spelled so still works as a source with `|`).
    package func startsModelCommand(_ word: String) -> Bool {
        guard case .identifier(let next) = peekKind(1) else { return false }
        switch word {
        case "cohorts": return next.lowercased() == "by"
        case "fit": return next.lowercased() == "clv"
        default: return false
        }
    }

    package mutating func modelStatement(_ word: String) throws -> StatementSyntax {
        let start = advance().span
        var end = start
        if word == "cohorts" {
            let example = "write: cohorts by first order month [over 2024-01-01..2025-12-31]"
            end = try expectWord("by", "after 'cohorts' (cohorts by first order month)").span
            for w in ["first", "order", "month"] {
                guard isWord(w) else {
                    if w == "month", isWord("quarter") || isWord("week") || isWord("year") {
                        throw fail("cohorts are by first order month only", help: example)
                    }
                    throw fail("expected '\(w)' in cohorts by first order month, found \(describe(current))", help: example)
                }
                end = advance().span
            }
        } else {
            end = advance().span   // clv
        }
        var period: Expr?
        if isWord("over") {
            _ = advance()
            let p = try expression()
            period = p
            end = p.span
        }
        guard atStatementEnd else {
            let example = word == "cohorts" ? "cohorts by first order month over 2024-01-01..2025-12-31" : "fit clv over last 24 months"
            throw fail("unexpected \(describe(current)) after \(word == "cohorts" ? "cohorts" : "fit clv")", help: "write: " + example)
        }
        let span = start.through(end)
        return .model(word == "cohorts" ? .cohorts(period: period, span: span) : .fitCLV(period: period, span: span))
    }
}
