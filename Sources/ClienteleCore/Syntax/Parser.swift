/// Recursive-descent parser for scripts. On an error it records a diagnostic, skips to
/// the end of the statement and goes on, so that one run reports every error.
package struct Parser {
    package var tokens: [Token]
    package var pos = 0
    package var diagnostics: [Diagnostic] = []
    /// Expression nesting, bounded so that hostile input cannot overflow the stack.
    package var depth = 0
    package static let maxDepth = 200

    package struct Bail: Error {}

    package init(tokens: [Token]) { self.tokens = tokens }

    package static func parse(_ source: String) -> (Script, [Diagnostic]) {
        let (tokens, lexErrors) = Lexer.tokenize(source)
        var parser = Parser(tokens: tokens)
        let script = parser.parseScript()
        let all = (lexErrors + parser.diagnostics).sorted { ($0.span.line, $0.span.column) < ($1.span.line, $1.span.column) }
        return (script, all)
    }

    // MARK: Token helpers

    package var current: Token { tokens[pos] }
    package var kind: TokenKind { tokens[pos].kind }

    package func peekKind(_ k: Int) -> TokenKind { pos + k < tokens.count ? tokens[pos + k].kind : .eof }

    package mutating func advance() -> Token {
        let t = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    package func isSymbol(_ s: String) -> Bool { kind.symbol == s }
    package func isWord(_ w: String) -> Bool {
        if case .identifier(let name) = kind { return name.lowercased() == w }
        return false
    }
    /// `override` then a string, `k` tokens ahead (`add orders …, override "reason"`).
    package func overrideFollows(_ k: Int) -> Bool {
        if case .identifier(let w) = peekKind(k), w.lowercased() == "override", case .string = peekKind(k + 1) { return true }
        return false
    }
    package var atStatementEnd: Bool {
        switch kind {
        case .newline, .eof: return true
        case .symbol(";"): return true
        default: return false
        }
    }

    /// Skips newlines when the next line continues a pipeline (starts with `|`).
    package mutating func skipContinuationNewlines() {
        var k = 0
        while case .newline = peekKind(k) { k += 1 }
        if k > 0, peekKind(k).symbol == "|" { pos += k }
    }

    package mutating func skipNewlines() { while case .newline = kind { _ = advance() } }

    package mutating func fail(_ message: String, at span: SourceSpan? = nil, help: String? = nil) -> Bail {
        diagnostics.append(Diagnostic(message: message, span: span ?? current.span, help: help))
        return Bail()
    }

    package func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "the end of input"
        case .newline: return "the end of the line"
        case .string: return "a string"
        default: return "'\(t.text)'"
        }
    }

    package mutating func expectSymbol(_ s: String, _ context: String) throws -> Token {
        if isSymbol(s) { return advance() }
        throw fail("expected '\(s)' \(context), found \(describe(current))")
    }

    package mutating func expectWord(_ w: String, _ context: String) throws -> Token {
        if isWord(w) { return advance() }
        throw fail("expected '\(w)' \(context), found \(describe(current))")
    }

    package mutating func identifier(_ what: String) throws -> Name {
        if case .identifier(let n) = kind {
            let t = advance()
            return Name(text: n, span: t.span)
        }
        throw fail("expected \(what), found \(describe(current))")
    }

    package mutating func stringLiteral(_ what: String) throws -> (String, SourceSpan) {
        if case .string(let s) = kind { let t = advance(); return (s, t.span) }
        throw fail("expected \(what) in quotes, found \(describe(current))")
    }

    /// A dotted name: `abc.a_min`.
    package mutating func dottedName(_ what: String) throws -> Name {
        var name = try identifier(what)
        while isSymbol("."), case .identifier = peekKind(1) {
            _ = advance()
            let part = try identifier(what)
            name = Name(text: name.text + "." + part.text, span: name.span.through(part.span))
        }
        return name
    }

    // MARK: Script and statements

    package mutating func parseScript() -> Script {
        var statements: [StatementSyntax] = []
        while true {
            while case .newline = kind { _ = advance() }
            while isSymbol(";") { _ = advance(); skipNewlines() }
            if case .eof = kind { break }
            do {
                let s = try statement()
                if !atStatementEnd {
                    throw fail("unexpected \(describe(current)) after the statement",
                               help: "put one statement per line, or separate statements with ';'")
                }
                statements.append(s)
            } catch {
                recover()
            }
        }
        return Script(statements: statements)
    }

    /// Skips to the next statement boundary outside brackets.
    package mutating func recover() {
        var level = 0
        while true {
            switch kind {
            case .eof: return
            case .newline where level <= 0:
                // A following line starting with `|` belongs to the broken statement.
                skipContinuationNewlines()
                if case .newline = kind { return }
                _ = advance()
                continue
            case .symbol(";") where level <= 0: return
            case .symbol("("), .symbol("["), .symbol("{"): level += 1
            case .symbol(")"), .symbol("]"), .symbol("}"): level -= 1
            default: break
            }
            _ = advance()
        }
    }

    /// Commands that cannot be what a `let` binds, when followed by more than a `|`.
    package static let commandWords: Set<String> = ["add", "update", "delete", "import", "export", "set", "reset", "let",
                                            "describe", "help", "explain", "include", "rule", "scenario", "drop",
                                            "enable", "disable", "compare", "apply", "sweep", "solve", "segment", "movement", "check", "cohorts", "fit",
                                            "grant", "revoke"]

    /// A let binds a name to a query: say so when what follows `=` is a value or a command.
    package mutating func refuseLetOfANonQuery() throws {
        let example = "e.g. let north = clients | where region == \"North\""
        guard case .identifier(let word) = kind else {
            throw fail("a let binds a name to a query, but this is \(describe(current))", help: example)
        }
        let next = peekKind(1)
        let endsHere: Bool
        switch next {
        case .newline, .eof: endsHere = true
        default: endsHere = next.symbol == "|" || next.symbol == ";"
        }
        if next.symbol == "(" {
            throw fail("a let binds a name to a query, not to a value such as \(word)(...)",
                       help: "a let holds rows, e.g. let big = clients | where turnover > 1000; then: big | count")
        }
        if Parser.commandWords.contains(word.lowercased()) && !endsHere {
            throw fail("a let binds a name to a query, not to the command '\(word)'",
                       help: "run the command on its own; " + example)
        }
    }

    package mutating func statement() throws -> StatementSyntax {
        let start = current.span
        guard case .identifier(let word) = kind else {
            throw fail("expected a query or a command, found \(describe(current))",
                       help: "a query starts with an object, e.g. clients | where region == \"North\"")
        }
        if let policy = try policyStatement() { return policy }
        if let access = try accessStatement(word.lowercased()) { return access }
        switch word.lowercased() {
        case "let":
            _ = advance()
            let name = try identifier("a name after 'let'")
            _ = try expectSymbol("=", "after the name in 'let'")
            try refuseLetOfANonQuery()
            let p = try pipeline()
            return .letBinding(name, p, start.through(p.span))
        case "set":
            _ = advance()
            // `set stored KEY = VALUE` changes the store, for everyone; `set KEY = VALUE` this
            // session only (issue 22).
            var stored = false
            if isWord("stored"), case .identifier = peekKind(1) { _ = advance(); stored = true }
            let key = try dottedName("a setting name after 'set'")
            _ = try expectSymbol("=", "after the setting name")
            let value = try expression()
            return stored ? .setStored(key, value, start.through(value.span)) : .set(key, value, start.through(value.span))
        case "reset":
            _ = advance()
            // `reset stored [KEY]` restores the store's defaults; `reset [KEY]` drops the session's values.
            var stored = false
            if isWord("stored") { stored = true; _ = advance() }
            let key = atStatementEnd ? nil : try dottedName("a setting name after 'reset'")
            let span = key.map { start.through($0.span) } ?? start
            return stored ? .resetStored(key, span) : .reset(key, span)
        case "add":
            _ = advance()
            let object = try identifier("an object after 'add' (clients, orders, payments, contacts, categories)")
            var assignments: [Assignment] = []
            repeat {
                if isSymbol(",") { _ = advance() }
                let field = try identifier("a field name")
                _ = try expectSymbol(":", "after '\(field.text)' (write field: value)")
                assignments.append(Assignment(field: field, value: try expression()))
            } while isSymbol(",") && !overrideFollows(1)
            // `override "reason"` (after a comma or not): lets a shipment through the rules
            // that refuse it, and is recorded on the order.
            var override: String?
            var end = assignments.last!.value.span
            if isSymbol(","), overrideFollows(1) { _ = advance() }
            if isWord("override") {
                _ = advance()
                let (reason, span) = try stringLiteral("the reason after 'override' (override \"approved by the head\")")
                if reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw fail("an override needs a reason", at: span, help: "override \"approved by the head\"")
                }
                override = reason
                end = span
            }
            return .add(object, assignments, override: override, start.through(end))
        case "update":
            _ = advance()
            let p = try pipeline()
            _ = try expectWord("set", "after the rows to update (update clients | where ... set field = value)")
            var assignments: [Assignment] = []
            repeat {
                if isSymbol(",") { _ = advance() }
                let field = try identifier("a field name")
                _ = try expectSymbol("=", "after '\(field.text)' (write set field = value)")
                assignments.append(Assignment(field: field, value: try expression()))
            } while isSymbol(",")
            return .update(p, assignments, start.through(assignments.last!.value.span))
        case "delete":
            _ = advance()
            var all = false
            if isWord("all") { _ = advance(); all = true }
            let p = try pipeline()
            return .delete(p, all: all, start.through(p.span))
        case "describe":
            _ = advance()
            let object = atStatementEnd ? nil : try identifier("an object name")
            return .describe(object, object.map { start.through($0.span) } ?? start)
        case "help":
            _ = advance()
            var topic: String?
            if !atStatementEnd {
                let t = advance()
                topic = t.text
            }
            return .help(topic, start)
        case "explain":
            _ = advance()
            let p = try pipeline()
            return .explain(p, start.through(p.span))
        case "include":
            _ = advance()
            let (path, span) = try stringLiteral("a file name after 'include'")
            return .include(path, start.through(span))
        case "import":
            return try importStatement()
        case "export":
            return try exportStatement()
        case let w where startsAnalyticsCommand(w):
            return try analyticsStatement(w)
        case let w where startsModelCommand(w):
            return try modelStatement(w)
        default:
            return .query(try pipeline())
        }
    }

    package mutating func importStatement() throws -> StatementSyntax {
        let start = advance().span
        let (path, _) = try stringLiteral("a file name after 'import'")
        _ = try expectWord("into", "after the file name (import \"file.csv\" into orders)")
        let target = try identifier("an object after 'into'")
        var end = target.span
        var clauses: [ImportClause] = []
        while !atStatementEnd {
            let t = current
            if isWord("map") {
                _ = advance()
                repeat {
                    if isSymbol(",") { _ = advance() }
                    let (column, _) = try stringLiteral("a column header after 'map'")
                    _ = try expectWord("to", "after the column header (map \"Сумма\" to gross)")
                    let field = try identifier("a field name after 'to'")
                    clauses.append(.map(column: column, field: field))
                    end = field.span
                } while isSymbol(",")
                continue
            }
            if isWord("append") { clauses.append(.append) }
            else if isWord("dry") { _ = advance(); _ = try expectWord("run", "after 'dry'"); clauses.append(.dryRun); end = tokens[pos - 1].span; continue }
            else if isWord("keep") { _ = advance(); _ = try expectWord("going", "after 'keep'"); clauses.append(.keepGoing); end = tokens[pos - 1].span; continue }
            else if isWord("separator") { _ = advance(); let (s, sp) = try stringLiteral("the separator"); clauses.append(.separator(s)); end = sp; continue }
            else if isWord("encoding") { _ = advance(); let (s, sp) = try stringLiteral("the encoding"); clauses.append(.encoding(s)); end = sp; continue }
            else if isWord("decimal") { _ = advance(); _ = try expectWord("comma", "after 'decimal'"); clauses.append(.decimalComma); end = tokens[pos - 1].span; continue }
            else if isWord("create") { _ = advance(); _ = try expectWord("categories", "after 'create' (create categories)"); clauses.append(.createCategories); end = tokens[pos - 1].span; continue }
            else if isWord("sheet") { _ = advance(); let (s, sp) = try stringLiteral("the sheet's name (sheet \"Лист2\")"); clauses.append(.sheet(s)); end = sp; continue }
            else if isWord("header") {
                _ = advance()
                _ = try expectWord("row", "after 'header' (header row 3)")
                guard case .integer(let n) = current.kind, n >= 1, n <= 1_048_576 else {
                    throw fail("expected the header's row number after 'header row', e.g. header row 3")
                }
                clauses.append(.headerRow(Int(n)))
                end = advance().span
                continue
            }
            else {
                throw fail("unknown import option \(describe(t))",
                           help: "options are: map \"Column\" to field, append, dry run, keep going, separator \";\", encoding \"windows-1251\", decimal comma, sheet \"Name\", header row N, create categories")
            }
            end = advance().span
        }
        return .importFile(path: path, target: target, options: clauses, start.through(end))
    }

    /// Commands whose result `export` writes like a pipeline's.
    package static let exportableCommands = ["segment", "movement", "compare", "sweep", "solve", "cohorts", "fit"]

    package mutating func exportStatement() throws -> StatementSyntax {
        let start = advance().span
        var command: StatementSyntax?
        var pipelineSyntax: Pipeline?
        if case .identifier(let word) = kind, Parser.exportableCommands.contains(word.lowercased()) {
            // The command ends at the last `to "file"` of the statement (a movement has a
            // `to` of its own): parse it alone, then go on from there.
            func endsStatement(_ k: TokenKind) -> Bool {
                switch k {
                case .newline, .eof, .symbol(";"): return true
                default: return false
                }
            }
            var end = pos, depth = 0
            while end < tokens.count - 1 && (depth > 0 || !endsStatement(tokens[end].kind)) {
                if case .symbol(let s) = tokens[end].kind {
                    if s == "{" || s == "(" { depth += 1 } else if s == "}" || s == ")" { depth = max(0, depth - 1) }
                }
                end += 1
            }
            var split = end
            var i = end - 1
            while i > pos {
                if case .identifier(let w) = tokens[i].kind, w.lowercased() == "to", case .string = tokens[i + 1].kind { split = i; break }
                i -= 1
            }
            guard split < end else {
                throw fail("expected 'to \"file\"' after the \(word) command (export \(word) ... to \"file.csv\")")
            }
            var sub = Parser(tokens: Array(tokens[0..<split]) + [Token(kind: .eof, span: tokens[split].span, text: "")])
            sub.pos = pos
            command = try sub.statement()
            if !sub.atStatementEnd {
                throw sub.fail("unexpected \(sub.describe(sub.current)) in the \(word) command before 'to'")
            }
            pos = split
        } else {
            pipelineSyntax = try pipeline()
        }
        _ = try expectWord("to", "after the pipeline (export clients | ... to \"file.csv\")")
        let (path, pathSpan) = try stringLiteral("a file name after 'to'")
        var end = pathSpan
        var clauses: [ExportClause] = []
        while !atStatementEnd {
            if isWord("separator") { _ = advance(); let (s, sp) = try stringLiteral("the separator"); clauses.append(.separator(s)); end = sp; continue }
            if isWord("decimal") { _ = advance(); _ = try expectWord("comma", "after 'decimal'"); clauses.append(.decimalComma); end = tokens[pos - 1].span; continue }
            if isWord("bom") { end = advance().span; clauses.append(.bom); continue }
            if isWord("replace") { end = advance().span; clauses.append(.replace); continue }
            if isWord("keep") { _ = advance(); _ = try expectWord("formulas", "after 'keep' (keep formulas)"); clauses.append(.keepFormulas); end = tokens[pos - 1].span; continue }
            throw fail("unknown export option \(describe(current))", help: "options are: separator \";\", decimal comma, bom, replace, keep formulas")
        }
        if let command { return .exportResult(command, path: path, options: clauses, start.through(end)) }
        return .export(pipelineSyntax!, path: path, options: clauses, start.through(end))
    }
}
