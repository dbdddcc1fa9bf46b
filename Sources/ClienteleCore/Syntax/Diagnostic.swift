/// A problem found in source text, with where and why, and a suggestion when one helps.
///
/// Rendered like:
/// ```
/// error: unknown field 'regoin' on clients
///  --> report.clq:2:17
///   |
/// 2 | clients | where regoin == "North"
///   |                 ^^^^^^
///   = help: did you mean 'region'?
/// ```
///
/// ```swift
/// for d in engine.check("clients | where regoin == 1") { print(d) }   // 1:17: unknown field...
/// ```
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, one sentence: "unknown field 'regoin' on clients".
    public var message: String
    /// Where in the script.
    public var span: SourceSpan
    /// A suggestion, when one helps: "did you mean 'region'?".
    public var help: String?

    /// A diagnostic, for a host that reports its own problems the same way.
    ///
    /// ```swift
    /// Diagnostic(message: "no such report", span: SourceSpan(line: 1, column: 1, length: 6, offset: 0))
    /// ```
    public init(message: String, span: SourceSpan, help: String? = nil) {
        self.message = message; self.span = span; self.help = help
    }

    /// "line:column: message", for logs.
    public var description: String { "\(span.line):\(span.column): \(message)" }

    /// The full report with the source line and a caret under the span.
    ///
    /// ```swift
    /// print(d.rendered(source: script, origin: "report.clq"), terminator: "")
    /// ```
    public func rendered(source: String, origin: String) -> String {
        // "\r\n" is one Character in Swift: split on every line ending the lexer counts.
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let lineText = span.line - 1 < lines.count ? String(lines[span.line - 1]).replacingOccurrences(of: "\r", with: "") : ""
        let number = String(span.line)
        let gutter = String(repeating: " ", count: number.count)
        // Messages quote user text (names, values, the origin's file name): never raw controls.
        var out = "error: \(MessageText.escaped(message))\n"
        out += "\(gutter)--> \(MessageText.escaped(origin)):\(span.line):\(span.column)\n"
        // Very long lines (a 10 MB one-liner) are shown as a window around the span.
        var shown = lineText
        var caretColumn = span.column
        let lineChars = Array(lineText)
        if lineChars.count > 200 {
            let from = min(lineChars.count, max(0, span.column - 1 - 60))
            let to = min(lineChars.count, from + 140)
            shown = (from > 0 ? "…" : "") + String(lineChars[from..<to]) + (to < lineChars.count ? "…" : "")
            caretColumn = span.column - from + (from > 0 ? 1 : 0)
        }
        shown = String(shown.map { $0 == "\t" ? " " : ($0.unicodeScalars.contains(where: MessageText.needsEscape) ? "�" : $0) })
        out += "\(gutter) |\n"
        out += "\(number) | \(shown)\n"
        let carets = String(repeating: "^", count: max(1, min(span.length, max(1, Array(shown).count - caretColumn + 1))))
        out += "\(gutter) | " + String(repeating: " ", count: max(0, caretColumn - 1)) + carets + "\n"
        if let help { out += "\(gutter) = help: \(MessageText.escaped(help))\n" }
        return out
    }
}

/// One or more diagnostics from checking a script: nothing in it was run.
package struct CheckFailure: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    package var source: String
    package var origin: String
    package var description: String { rendered() }
    package static let maxShown = 20
    package func rendered() -> String {
        // Hostile input can produce thousands of errors: show the first ones and count the rest.
        let shown = diagnostics.prefix(CheckFailure.maxShown)
        var out = shown.map { $0.rendered(source: source, origin: origin) }.joined(separator: "\n")
        if diagnostics.count > shown.count { out += "\n(\(diagnostics.count - shown.count) more errors not shown)\n" }
        if diagnostics.count > 1 { out += "\n\(diagnostics.count) errors; nothing was run.\n" }
        return out
    }

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(diagnostics: [Diagnostic], source: String, origin: String) {
        self.diagnostics = diagnostics
        self.source = source
        self.origin = origin
    }
}

package enum Suggestions {
    /// The closest candidate by edit distance (case-insensitive), when close enough to help.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (name, d) = best else { return nil }
        let limit = max(1, min(3, w.count / 3 + 1))
        return d <= limit ? name : nil
    }

    package static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    package static func didYouMean(_ word: String, _ candidates: [String]) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }
}
