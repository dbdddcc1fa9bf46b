/// Syntax of the segmentation commands (docs/segmentation.md):
///
///     segment clients [| where ...] by KEY [, KEY2] [per FIELD] [over PERIOD]
///     movement FIELD from PERIOD to PERIOD [| stages over the clients, with columns from and to]
///     check shipment client: "Name" or id, amount: 150

/// `segment clients by abc, risk`.
package struct SegmentSyntax: Hashable, Sendable {
    /// The clients to segment: an object (or `let` name) with `where` stages only.
    package var source: Pipeline
    /// One key (distribution) or two (cross-tab).
    package var keys: [Expr]
    /// `per region`: importance computed within each group, rows per group.
    package var per: Name?
    /// `over 2025`: the period of turnover and of the segments (default: the session period).
    package var period: Expr?
    package var span: SourceSpan
    /// Stages after `|`: the segment's groups as rows (keys, clients, turnover, share) that
    /// the stages continue.
    package var stages: [Stage] = []
}

/// `movement abc from 2024 to 2025`.
package struct MovementSyntax: Hashable, Sendable {
    package var field: Name
    package var from: Expr
    package var to: Expr
    /// Stages after `|`: the movement becomes a list of clients (with columns `from` and `to`).
    package var stages: [Stage]
    package var span: SourceSpan
}

extension Parser {
    /// Whether the statement starting here is one of the analytics commands. A `let` name
    /// spelled like a command still works as a source when `|` follows it.
    package func startsAnalyticsCommand(_ word: String) -> Bool {
        guard ["segment", "movement", "check"].contains(word) else { return false }
        if case .identifier = peekKind(1) { return true }
        return false
    }

    package mutating func analyticsStatement(_ word: String) throws -> StatementSyntax {
        switch word {
        case "segment": return .segment(try segmentCommand())
        case "movement": return .movement(try movementCommand())
        default: return try checkShipmentCommand()
        }
    }

    package mutating func segmentCommand() throws -> SegmentSyntax {
        let start = advance().span
        let source = try pipeline()
        _ = try expectWord("by", "after the clients to segment (segment clients by abc)")
        var keys: [Expr] = []
        repeat {
            if isSymbol(",") { _ = advance() }
            keys.append(try expression())
        } while isSymbol(",")
        var end = keys.last!.span
        var per: Name?
        var period: Expr?
        while !atStatementEnd && !isSymbol("|") {
            if isWord("per"), per == nil {
                _ = advance()
                let name = try identifier("a field after 'per' (region, direction, ...)")
                per = name
                end = name.span
            } else if isWord("over"), period == nil {
                _ = advance()
                let p = try expression()
                period = p
                end = p.span
            } else {
                throw fail("unexpected \(describe(current)) in segment",
                           help: "write: segment clients by abc [, risk] [per region] [over 2025] [| stage ...]")
            }
        }
        let (stages, last) = try self.stages(after: end)
        return SegmentSyntax(source: source, keys: keys, per: per, period: period, span: start.through(last), stages: stages)
    }

    package mutating func movementCommand() throws -> MovementSyntax {
        let start = advance().span
        let field = try identifier("a segmentation after 'movement' (abc, risk, importance, ...)")
        _ = try expectWord("from", "after '\(field.text)' (movement abc from 2024 to 2025)")
        let from = try expression()
        _ = try expectWord("to", "after the first period (movement abc from 2024 to 2025)")
        let to = try expression()
        let (stages, end) = try stages(after: to.span)
        return MovementSyntax(field: field, from: from, to: to, stages: stages, span: start.through(end))
    }

    /// `check duplicates` and `check sales types`: the client checks of docs/segmentation.md
    /// ("Checks"), each a query over clients' check fields.
    package static let clientChecks: [String: String] = [
        "duplicates": "clients | where duplicate_of != null | sort duplicate_of, id | select duplicate_of, id, name, tax_id, curator, duplicate_reason",
        "sales": "clients | where sales_type_conflict != null | sort id | select id, name, sales_type, outlets, sales_type_conflict",
    ]

    package mutating func checkShipmentCommand() throws -> StatementSyntax {
        if case .identifier(let w) = peekKind(1), let text = Parser.clientChecks[w.lowercased()] {
            let start = advance().span
            var end = advance().span
            if w.lowercased() == "sales" { end = try expectWord("types", "after 'check sales' (check sales types)").span }
            // The fixed query, its tokens placed on the command so that nothing points elsewhere.
            let span = start.through(end)
            let tokens = Lexer.tokenize(text).tokens.map { Token(kind: $0.kind, span: span, text: $0.text) }
            var sub = Parser(tokens: tokens)
            let pipeline = try sub.pipeline()
            return .query(pipeline)
        }
        let start = advance().span
        _ = try expectWord("shipment", "after 'check' (check shipment client: \"Name\", amount: 150, check duplicates, check sales types)")
        var assignments: [Assignment] = []
        repeat {
            if isSymbol(",") { _ = advance() }
            let field = try identifier("client: or amount:")
            _ = try expectSymbol(":", "after '\(field.text)' (write client: \"Name\", amount: 150)")
            assignments.append(Assignment(field: field, value: try expression()))
        } while isSymbol(",")
        return .checkShipment(assignments, start.through(assignments.last!.value.span))
    }
}
