/// A line of SQL typed by habit (`SELECT * FROM clients`): instead of the parser's
/// confusion at the `*`, one diagnostic says this is not SQL and shows the pipeline that
/// asks the same, for the simple shapes (`SELECT cols FROM obj WHERE … ORDER BY … LIMIT n`).
///
/// ```swift
/// SQLHint.pipeline(for: "SELECT name FROM clients WHERE region = 'North' LIMIT 5")
/// // "clients | where region == \"North\" | select name | take 5"
/// ```
package enum SQLHint {
    /// The diagnostics of the lines that start with SELECT (in any case) and have a FROM.
    package static func diagnostics(_ source: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var offset = 0
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            defer { offset += line.count + 1 }
            let leading = line.prefix { $0 == " " || $0 == "\t" }.count
            let text = String(line.dropFirst(leading))
            guard let pipeline = pipeline(for: text) else { continue }
            out.append(Diagnostic(message: "this is SQL; Clientele asks in pipelines: an object, then stages joined with |",
                                  span: SourceSpan(line: index + 1, column: leading + 1, length: 6, offset: offset + leading),
                                  help: "the same question: \(pipeline)   (see: help)"))
        }
        return out
    }

    private static let clauses = ["from", "where", "group by", "order by", "limit"]

    /// The pipeline for a simple SELECT, or nil when the line is not one.
    package static func pipeline(for line: String) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.last?.hasSuffix(";") == true { words[words.count - 1] = String(words[words.count - 1].dropLast()) }
        guard words.first?.lowercased() == "select" else { return nil }
        var parts: [String: [String]] = ["select": []]
        var current = "select"
        var i = 1
        while i < words.count {
            let w = words[i].lowercased()
            let pair = i + 1 < words.count ? w + " " + words[i + 1].lowercased() : w
            if clauses.contains(pair) { current = pair; i += 2; parts[current] = []; continue }
            if clauses.contains(w) { current = w; i += 1; parts[current] = []; continue }
            parts[current, default: []].append(words[i])
            i += 1
        }
        guard let object = parts["from"]?.first?.lowercased(), parts["from"]?.count == 1 else { return nil }
        var stages = [object]
        if let condition = parts["where"], !condition.isEmpty { stages.append("where " + translated(condition)) }
        let columns = (parts["select"] ?? []).joined(separator: " ")
        if let group = parts["group by"], !group.isEmpty {
            stages.append("group " + group.joined(separator: " ") + " (agg …)")
        } else if columns.lowercased().replacingSpaces == "count(*)" {
            stages.append("count")
        } else if columns != "*" && !columns.isEmpty {
            stages.append("select " + columns)
        }
        if let order = parts["order by"], !order.isEmpty { stages.append("sort " + order.joined(separator: " ").lowercasedKeywords) }
        if let limit = parts["limit"], limit.count == 1 { stages.append("take " + limit[0]) }
        return stages.joined(separator: " | ")
    }

    /// SQL's `=`, `<>`, `'text'`, AND/OR/NOT as the language writes them.
    private static func translated(_ words: [String]) -> String {
        words.map { word -> String in
            switch word.lowercased() {
            case "and", "or", "not": return word.lowercased()
            case "=": return "=="
            case "<>": return "!="
            default:
                var w = word
                if w.first == "'" { w = "\"" + w.dropFirst() }
                if w.last == "'" { w = w.dropLast() + "\"" }
                return w
            }
        }.joined(separator: " ")
    }
}

private extension String {
    var replacingSpaces: String { String(filter { $0 != " " }) }
    var lowercasedKeywords: String {
        split(separator: " ").map { ["asc", "desc"].contains($0.lowercased()) ? $0.lowercased() : String($0) }
            .joined(separator: " ")
    }
}
