/// Turns source text into tokens. Hand-written: the language is small and the lexer
/// must know dates (`2025-03-31`), periods (`2025-Q1`, `2025-03`) and percents (`5%`).
package struct Lexer {
    private let chars: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private(set) var diagnostics: [Diagnostic] = []
    /// Bracket depth: newlines inside brackets do not end a statement.
    private var depth = 0

    package init(_ source: String) { chars = Array(source) }

    package static func tokenize(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .eof { break }
        }
        return (tokens, lexer.diagnostics)
    }

    private func peek(_ k: Int = 0) -> Character? { index + k < chars.count ? chars[index + k] : nil }

    private mutating func advance() -> Character {
        let c = chars[index]
        index += 1
        if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += 1 }
        return c
    }

    private func span(from start: (Int, Int, Int)) -> SourceSpan {
        SourceSpan(line: start.0, column: start.1, length: max(1, index - start.2), offset: start.2)
    }

    private func text(from offset: Int) -> String { String(chars[offset..<index]) }

    /// The next token, skipping characters that are not part of the language (reported).
    /// A loop, not recursion: a megabyte of stray characters must not overflow the stack.
    package mutating func next() -> Token {
        while true {
            if let t = scan() { return t }
        }
    }

    private static let symbolCharacters: Set<Character> = ["|", ",", "(", ")", "[", "]", "{", "}", ":", "=", "<", ">", "~",
                                                           "+", "-", "*", "/", ".", ";", "!"]

    /// Whether `c` can start a token or separate tokens.
    private static func isKnown(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c.isWhitespace || c == "\"" || c == "«" || c == "“" || c == "$"
            || c == "#" || c == "&" || c.isNewline || symbolCharacters.contains(c)
    }

    private mutating func scan() -> Token? {
        skipSpaceAndComments()
        let start = (line, column, index)
        guard let c = peek() else {
            return Token(kind: .eof, span: SourceSpan(line: line, column: column, length: 1, offset: index), text: "")
        }
        if c == "\n" || c == "\r\n" || c == "\r" {
            _ = advance()
            if c == "\r" { line += 1; column = 1 }
            // Inside brackets newlines were already skipped, so this one ends a statement.
            return Token(kind: .newline, span: span(from: start), text: "\n")
        }
        if c.isNumber && c.isASCII { return number(start) }
        if c == "\"" || c == "«" || c == "“" { return string(start, open: c) }
        if c == "$" {
            _ = advance()
            var name = ""
            while let d = peek(), d.isLetter || d.isNumber || d == "_" { name.append(advance()) }
            if name.isEmpty { error("'$' must be followed by a parameter name, e.g. $month", span(from: start)) }
            return Token(kind: .parameter(name), span: span(from: start), text: text(from: start.2))
        }
        if c.isLetter || c == "_" {
            var name = ""
            while let d = peek(), d.isLetter || d.isNumber || d == "_" { name.append(advance()) }
            return Token(kind: .identifier(name), span: span(from: start), text: name)
        }
        // Symbols, longest first.
        let two = peek(1).map { String(c) + String($0) } ?? ""
        for s in ["==", "!=", "<=", ">=", "~=", "!~", ".."] where two == s {
            _ = advance(); _ = advance()
            return Token(kind: .symbol(s), span: span(from: start), text: s)
        }
        let singles: Set<Character> = ["|", ",", "(", ")", "[", "]", "{", "}", ":", "=", "<", ">", "~", "+", "-", "*", "/", ".", ";"]
        if singles.contains(c) {
            _ = advance()
            if "([{".contains(c) { depth += 1 }
            if ")]}".contains(c) { depth = max(0, depth - 1) }
            return Token(kind: .symbol(String(c)), span: span(from: start), text: String(c))
        }
        _ = advance()
        if c == "&" {
            if peek() == "&" { _ = advance() }
            error("unexpected '\(text(from: start.2))': combine conditions with 'and'", span(from: start))
            return nil
        }
        // A run of stray characters is one error, not one per character.
        var count = 1
        while let d = peek(), !Lexer.isKnown(d) { _ = advance(); count += 1 }
        let shown = c.unicodeScalars.first.map { $0.value < 32 || $0.value == 0x7f ? String(format: "U+%04X", $0.value) : String(c) } ?? "?"
        error(count == 1 ? "unexpected character '\(shown)'" : "unexpected characters, starting with '\(shown)' (\(count) in a row)",
              span(from: start))
        return nil
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\u{00A0}" || c == "\u{FEFF}" { _ = advance(); continue }
            if c == "#" {
                while let d = peek(), d != "\n", d != "\r\n", d != "\r" { _ = advance() }
                continue
            }
            if depth > 0, c == "\n" || c == "\r\n" || c == "\r" {
                _ = advance()
                if c == "\r" { line += 1; column = 1 }
                continue
            }
            break
        }
    }

    private mutating func digits() -> String {
        var s = ""
        while let d = peek(), d.isASCII, d.isNumber { s.append(advance()) }
        return s
    }

    private mutating func number(_ start: (Int, Int, Int)) -> Token {
        let whole = digits()
        // Dates and periods: 2025-03-31, 2025-03, 2025-Q1 (no spaces inside).
        if whole.count == 4, peek() == "-", let n1 = peek(1) {
            if n1 == "Q" || n1 == "q", let q = peek(2), q.isASCII, q.isNumber, !(peek(3).map { $0.isNumber || $0.isLetter } ?? false) {
                _ = advance(); _ = advance(); _ = advance()
                let quarter = Int(String(q))!
                return Token(kind: .quarterPeriod(year: Int(whole)!, quarter: quarter), span: span(from: start), text: text(from: start.2))
            }
            if n1.isASCII, n1.isNumber, peek(2)?.isNumber == true, !(peek(3)?.isNumber ?? false) {
                _ = advance()
                let mm = digits()
                if peek() == "-", let d1 = peek(1), d1.isASCII, d1.isNumber {
                    _ = advance()
                    let dd = digits()
                    let t = text(from: start.2)
                    if dd.count != 2 {
                        error("'\(t)' is not a date: write dates as YYYY-MM-DD", span(from: start))
                        // A valid stand-in, so that the checker does not report the same date again.
                        return Token(kind: .date("2000-01-01"), span: span(from: start), text: t)
                    }
                    return Token(kind: .date(t), span: span(from: start), text: t)
                }
                let month = Int(mm)!
                return Token(kind: .monthPeriod(year: Int(whole)!, month: month), span: span(from: start), text: text(from: start.2))
            }
        }
        var isDecimal = false
        var literal = whole
        if peek() == ".", let n = peek(1), n.isASCII, n.isNumber {
            _ = advance()
            literal += "." + digits()
            isDecimal = true
        }
        if peek() == "%" {
            _ = advance()
            let t = text(from: start.2)
            guard let bp = DecimalText.parseScaled(literal, scale: 2) else {
                error("'\(t)' is not a percent: at most two decimals, e.g. 2.5%", span(from: start))
                return Token(kind: .percent(0), span: span(from: start), text: t)
            }
            return Token(kind: .percent(bp), span: span(from: start), text: t)
        }
        if let d = peek(), d.isLetter || d == "_" {
            // "12abc": a number glued to a name is a typo, not two tokens.
            var tail = ""
            while let x = peek(), x.isLetter || x.isNumber || x == "_" { tail.append(advance()) }
            error("'\(literal + tail)' is not a number; put a space between a number and a word", span(from: start))
            return Token(kind: .integer(0), span: span(from: start), text: text(from: start.2))
        }
        if isDecimal { return Token(kind: .decimal(literal), span: span(from: start), text: literal) }
        guard let v = Int64(whole) else {
            error("'\(whole)' is too large a number (the largest is \(Int64.max))", span(from: start))
            return Token(kind: .integer(0), span: span(from: start), text: whole)
        }
        return Token(kind: .integer(v), span: span(from: start), text: whole)
    }

    private mutating func string(_ start: (Int, Int, Int), open: Character) -> Token {
        _ = advance()
        let close: Character = open == "«" ? "»" : (open == "“" ? "”" : "\"")
        var value = ""
        while let c = peek() {
            if c == close { _ = advance(); return Token(kind: .string(value), span: span(from: start), text: text(from: start.2)) }
            if c == "\n" || c == "\r\n" { break }
            if c == "\\" {
                _ = advance()
                guard let e = peek() else { break }
                _ = advance()
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                default:
                    error("unknown escape '\\\(e)' in a string: use \\\", \\\\, \\n or \\t", SourceSpan(line: line, column: column - 2, length: 2, offset: index - 2))
                }
                continue
            }
            value.append(advance())
        }
        error("this string is not closed: add \(close) before the end of the line", SourceSpan(line: start.0, column: start.1, length: 1, offset: start.2))
        return Token(kind: .string(value), span: span(from: start), text: text(from: start.2))
    }

    private mutating func error(_ message: String, _ span: SourceSpan) {
        diagnostics.append(Diagnostic(message: message, span: span))
    }
}
