import Foundation
import ClienteleCore

/// Context-aware completion for interactive hosts (the REPL's Tab key).
///
/// ```swift
/// engine.completions(for: "clients | where reg", cursor: 19)   // ["region"]
/// engine.completions(for: "clients | ", cursor: 10)            // the stage keywords
/// ```
/// The word under completion is the run of letters, digits and `_` just before the cursor;
/// candidates are whole words that start with it (ignoring case), sorted.
extension Engine {
    /// What may come at `cursor` in `text`: keywords, object and field names, lets, parameters.
    ///
    /// ```swift
    /// let words = engine.completions(for: "clients | where reg", cursor: 19)   // names starting with "reg"
    /// ```
    public func completions(for text: String, cursor: Int) -> [String] {
        let before = String(text.prefix(max(0, cursor)))
        let wordChars = before.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let word = String(wordChars.reversed())
        let head = String(before.dropLast(word.count))
        var completer = Completer(engine: self, head: head)
        let candidates = completer.candidates()
        let lowered = word.lowercased()
        let matching = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        return Array(Set(matching)).sorted()
    }
}

/// Works out what can come at the end of `head` (the text before the word being typed).
struct Completer {
    let engine: Engine
    let head: String
    let tokens: [Token]

    static let commandKeywords = ["let", "set", "reset", "add", "update", "delete", "describe", "help",
                                  "explain", "import", "export", "include", "grant", "revoke"]
    static let expressionKeywords = ["and", "or", "not", "in", "within", "true", "false", "null"]

    init(engine: Engine, head: String) {
        self.engine = engine
        self.head = head
        var all = Lexer.tokenize(head).tokens
        all.removeLast()   // eof
        tokens = all
    }

    var catalog: Catalog { engine.catalog }

    mutating func candidates() -> [String] {
        if head.last == "$" { return engine.session.parameters.keys.sorted() }
        if insideString || head.last == "#" || insideComment { return [] }
        let statement = currentStatement()
        if let words = periodWords(statement) { return words }
        guard let first = statement.first else { return statementStarts }
        let rest = Array(statement.dropFirst())
        switch first.text.lowercased() {
        case "set":
            if rest.count == 1, rest[0].text.lowercased() == "stored" { return storeSettingNames }
            return rest.isEmpty ? settingNames + ["stored"] : []
        case "reset":
            if rest.count == 1, rest[0].text.lowercased() == "stored" { return storeSettingNames }
            return rest.isEmpty ? storeSettingNames + ["stored"] : []
        case "segment":
            // `segment clients by KEY[, KEY] [per PART]`: the classifications, then the partitions.
            guard let last = rest.last else { return ["clients"] }
            let word = last.text.lowercased()
            if word == "per" { return SegmentChoices.partitionColumns.keys.sorted() }
            if word == "by" || (last.kind.symbol == "," && rest.contains { $0.text.lowercased() == "by" }) {
                // The classifications (labels, yes/no, the risk group and RFM) and the partitions, not every text.
                let keys = Set(SegmentChoices.partitionColumns.values).union(["risk", "rfm", "rfm_segment"])
                return (catalog.object("clients")?.fields ?? []).filter { [.label, .boolean].contains($0.type) || keys.contains($0.name) }.map(\.name)
            }
            if rest.contains(where: { $0.text.lowercased() == "by" }) { return ["per", "over"] }
            return pipelineCandidates(rest) + (rest.count >= 1 ? ["by"] : [])
        case "describe":
            return rest.isEmpty ? catalog.objectNames : []
        case "help":
            return rest.isEmpty ? HelpText.topicNames + BuiltinFunction.all.map(\.name) + catalog.hostFunctions.map(\.name)
                + Checker.windowFunctionNames : []
        case "include":
            return []
        case "add":
            guard let objectToken = rest.first else { return catalog.objects.filter(\.mutable).map(\.name) }
            guard let object = catalog.object(objectToken.text) else { return [] }
            let last = rest.last!
            // `override "reason"` lets a refused shipment through (orders and their lines).
            let override = ["orders", "order_lines"].contains(object.name) && rest.count > 1 ? ["override"] : []
            if last.kind.symbol == "," || rest.count == 1 { return object.fields.filter(\.writable).map(\.name) + override }
            return []
        case "check":
            return rest.isEmpty ? ["duplicates", "sales", "shipment"] : rest.count == 1 && rest[0].text.lowercased() == "sales" ? ["types"] : []
        case "import":
            // Only what an import can fill.
            if let last = rest.last, case .identifier(let w) = last.kind, w.lowercased() == "into" { return ImportTarget.allCases.map(\.rawValue) }
            return []
        case "let":
            guard let eq = rest.firstIndex(where: { $0.kind.symbol == "=" }) else { return [] }
            return pipelineCandidates(Array(rest[(eq + 1)...]))
        case "update":
            if let setIndex = topLevelIndex(of: "set", in: rest) {
                let last = rest.last!
                guard setIndex == rest.count - 1 || last.kind.symbol == "," else {
                    return expressionCandidates(pipelineScope(Array(rest[..<setIndex])))
                }
                let scope = pipelineScope(Array(rest[..<setIndex]))
                guard case .object(let o, _) = scope else { return [] }
                return o.fields.filter(\.writable).map(\.name)
            }
            return pipelineCandidates(rest) + (rest.count > 1 ? ["set"] : [])
        case "delete":
            let body = rest.first.map { $0.text.lowercased() == "all" } == true ? Array(rest.dropFirst()) : rest
            return pipelineCandidates(body) + (rest.isEmpty ? ["all"] : [])
        case "explain":
            return pipelineCandidates(rest)
        case "export":
            if topLevelIndex(of: "to", in: rest) != nil { return ["separator", "decimal", "comma", "bom", "replace", "keep", "formulas"] }
            return pipelineCandidates(rest) + (rest.count > 1 ? ["to"] : [])
        default:
            return pipelineCandidates(statement)
        }
    }

    /// Inside a metric's parentheses (`turnover(`): the words a period starts with, then
    /// what follows `last N` / `this` / `previous`. Nil elsewhere.
    func periodWords(_ statement: [Token]) -> [String]? {
        guard let open = statement.lastIndex(where: { $0.kind.symbol == "(" }), open > 0,
              !statement[(open + 1)...].contains(where: { $0.kind.symbol == ")" }),
              let field = catalog.object("clients")?.field(statement[open - 1].text), field.takesPeriod else { return nil }
        let inside = statement[(open + 1)...].map { $0.text.lowercased() }
        let year = engine.session.today.year
        switch inside.count {
        case 0: return ["last", "this", "previous", "all"] + [year, year - 1].map(String.init)
        case 1 where inside[0] == "this" || inside[0] == "previous": return ["month", "quarter", "year", "week"]
        case 2 where inside[0] == "last": return ["days", "weeks", "months", "quarters", "years"]
        default: return []
        }
    }

    var statementStarts: [String] { Completer.commandKeywords + catalog.objectNames + engine.session.letNames }

    var storeSettingNames: [String] {
        ((try? engine.backend.readTransaction { try $0.loadSettings() })?.values.keys).map(Array.init) ?? []
    }
    var settingNames: [String] { Checker.sessionSettings + storeSettingNames }

    /// Whether the head ends inside an unclosed string on its last line.
    var insideString: Bool {
        let line = head.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        var open: Character?
        for c in line {
            if let o = open {
                let close: Character = o == "«" ? "»" : (o == "“" ? "”" : "\"")
                if c == close { open = nil }
            } else if c == "\"" || c == "«" || c == "“" {
                open = c
            } else if c == "#" {
                return false
            }
        }
        return open != nil
    }

    var insideComment: Bool {
        let line = head.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        guard let hash = line.firstIndex(of: "#") else { return false }
        return line[..<hash].filter { $0 == "\"" }.count % 2 == 0
    }

    /// The tokens of the statement the cursor is in: after the last `;` or the last newline
    /// that ends a statement (one not next to a `|`).
    func currentStatement() -> [Token] {
        var start = 0
        for (i, t) in tokens.enumerated() {
            if t.kind.symbol == ";" { start = i + 1; continue }
            guard case .newline = t.kind else { continue }
            let previous = tokens[..<i].last { if case .newline = $0.kind { return false } else { return true } }
            let next = tokens[(i + 1)...].first { if case .newline = $0.kind { return false } else { return true } }
            if previous?.kind.symbol == "|" || next?.kind.symbol == "|" { continue }
            start = i + 1
        }
        return tokens[start...].filter { if case .newline = $0.kind { return false } else { return true } }
    }

    func topLevelIndex(of word: String, in list: [Token]) -> Int? {
        var depth = 0
        for (i, t) in list.enumerated() {
            switch t.kind.symbol {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default:
                if depth == 0, case .identifier(let w) = t.kind, w.lowercased() == word { return i }
            }
        }
        return nil
    }

    /// Splits a pipeline's tokens at top-level `|`.
    func segments(_ list: [Token]) -> [[Token]] {
        var out: [[Token]] = [[]]
        var depth = 0
        for t in list {
            switch t.kind.symbol {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "|" where depth == 0:
                out.append([])
                continue
            default: break
            }
            out[out.count - 1].append(t)
        }
        return out
    }

    mutating func pipelineCandidates(_ list: [Token]) -> [String] {
        let parts = segments(list)
        if parts.count == 1 {
            return parts[0].isEmpty ? catalog.objectNames + engine.session.letNames : []
        }
        let stage = parts.last!
        guard let keyword = stage.first else { return Parser.stageKeywords }
        let earlier = Array(list[..<(list.count - stage.count - 1)])
        let scope = pipelineScope(earlier)
        switch keyword.text.lowercased() {
        case "take", "limit", "skip", "offset", "distinct", "count":
            return []
        case "chart":
            return stage.count == 1 ? ["line"] : []
        case "sort":
            return endsWithOperand(stage) ? ["asc", "desc"] : operatorFollowers(stage, scope)
        case "group":
            if endsWithOperand(stage) { return topLevelIndex(of: "agg", in: stage) == nil ? ["agg"] : [] }
            return operatorFollowers(stage, scope)
        case "where", "filter":
            return endsWithOperand(stage) ? ["and", "or", "not", "in", "within"] : operatorFollowers(stage, scope)
        case "pivot":
            // The key to spread across: a column of the grouped rows.
            if stage.count == 2 { return ["spark"] }
            guard stage.count == 1, case .columns(let columns) = scope else { return [] }
            return columns.map(\.name)
        case "spark":
            // The key the series runs over: a column of the grouped rows.
            guard stage.count == 1, case .columns(let columns) = scope else { return [] }
            return columns.map(\.name)
        default:
            return endsWithOperand(stage) ? [] : operatorFollowers(stage, scope)
        }
    }

    /// Whether the stage (past its keyword) ends in a complete value, so that a name
    /// cannot come next, only an operator or a keyword such as `desc`.
    func endsWithOperand(_ stage: [Token]) -> Bool {
        guard stage.count > 1, let last = stage.last else { return false }
        switch last.kind {
        case .identifier(let w):
            return !(Completer.expressionKeywords + ["agg", "desc", "asc"]).contains(w.lowercased())
                || ["true", "false", "null"].contains(w.lowercased())
        case .string, .integer, .decimal, .percent, .date, .monthPeriod, .quarterPeriod, .parameter:
            return true
        case .symbol(let s):
            return s == ")" || s == "]"
        default:
            return false
        }
    }

    /// Inside an expression: fields after `.` resolve through relations; otherwise the
    /// names in scope, functions and expression keywords.
    func operatorFollowers(_ stage: [Token], _ scope: Checker.Scope) -> [String] {
        if stage.last?.kind.symbol == "." {
            var names: [String] = []
            var i = stage.count - 1
            while i >= 1, stage[i].kind.symbol == ".", case .identifier(let n) = stage[i - 1].kind {
                names.insert(n, at: 0)
                i -= 2
            }
            guard case .object(var object, _) = scope else { return [] }
            for n in names {
                if let f = object.field(n), case .relation(let target, _) = f.kind, let next = catalog.object(target) {
                    object = next
                } else if let many = object.relation(named: n), let next = catalog.object(many.object) {
                    object = next
                } else {
                    return []
                }
            }
            return object.fields.map(\.name)
        }
        return expressionCandidates(scope)
    }

    func expressionCandidates(_ scope: Checker.Scope) -> [String] {
        let functions = catalog.functionNames
        switch scope {
        case .object(let object, let derived):
            return object.fields.map(\.name) + object.toMany.map(\.name) + derived.map(\.0)
                + functions + Completer.expressionKeywords
        case .columns(let columns):
            return columns.map(\.name) + functions + Completer.expressionKeywords
        }
    }

    /// What flows out of the pipeline made of `list`: the object's fields (with columns
    /// derived so far) or the columns made by select / group / agg. Stages that do not
    /// check are dropped from the end until the rest does.
    func pipelineScope(_ list: [Token]) -> Checker.Scope {
        let parts = segments(list)
        guard let sourceToken = parts.first?.first else { return .columns([]) }
        let settings = (try? engine.backend.readTransaction { try $0.loadSettings() })?.types ?? [:]
        let source = sourceText(list)
        var stageCount = parts.count - 1
        while stageCount >= 0 {
            let text = Completer.prefix(of: source, stages: stageCount)
            let (script, diagnostics) = Parser.parse(text)
            if diagnostics.isEmpty, case .query(let pipeline)? = script.statements.first {
                var checker = Checker(catalog: catalog, storeSettings: settings, lets: engine.session.lets,
                                      params: engine.session.parameters, readOnly: false)
                if let checked = try? checker.checkPipeline(pipeline) {
                    if checked.isObjectScoped {
                        return .object(checked.object, derived: derivedColumns(checked))
                    }
                    return .columns(checked.columns)
                }
            }
            stageCount -= 1
        }
        if let object = catalog.object(sourceToken.text) { return .object(object, derived: []) }
        return .columns([])
    }

    /// Columns `derive` added while the rows are still whole objects.
    func derivedColumns(_ p: CheckedPipeline) -> [(String, TypedExpr)] {
        let own = Set(p.object.fields.map(\.name))
        let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        return p.columns.filter { !own.contains($0.name) }
            .map { ($0.name, TypedExpr(node: .literal(.null), type: $0.type, span: zero, labels: $0.labels)) }
    }

    /// The source text of a run of tokens (from the first token's offset to the last's end).
    func sourceText(_ list: [Token]) -> String {
        guard let first = list.first, let last = list.last else { return "" }
        let chars = Array(head)
        let end = min(chars.count, last.span.offset + last.span.length)
        return String(chars[first.span.offset..<end])
    }

    /// The pipeline text cut before its `(stages + 1)`-th top-level `|`.
    static func prefix(of source: String, stages: Int) -> String {
        var depth = 0, seen = 0
        var out = ""
        var open: Character?
        for c in source {
            if let o = open {
                if c == (o == "«" ? "»" : (o == "“" ? "”" : "\"")) { open = nil }
            } else if c == "\"" || c == "«" || c == "“" {
                open = c
            } else if "([{".contains(c) {
                depth += 1
            } else if ")]}".contains(c) {
                depth -= 1
            } else if c == "|", depth == 0 {
                seen += 1
                if seen > stages { break }
            }
            out.append(c)
        }
        return out
    }
}
