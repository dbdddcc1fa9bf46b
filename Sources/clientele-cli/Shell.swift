import Foundation
import Clientele

/// The program's state between statements: the engine, where results go and how they
/// look. The REPL, `-c`, stdin and `run` all go through it.
final class Shell {
    let engine: Engine
    let sink: ResultDestination
    var format: OutputFormat
    /// --width: fixes the width of tables and charts whatever the terminal says.
    var forcedWidth: Int?
    /// `.maxrows N`; nil means the default (40 rows on a terminal in the REPL, else all).
    var maxRows: Int?
    /// False with --no-color or NO_COLOR; colour also needs a terminal.
    var colorAllowed: Bool
    var interactive: Bool
    var timer = false
    /// The last script's results that showed something, for `.last` and `.excel` (REPL).
    var lastResult: LastResult?
    /// `.headers on|off`: the header line of csv, list, tabs and html.
    var headers = true
    /// Drops messages ("period = 2025") while an init file runs.
    var quiet = false
    /// `--format xlsx -o FILE`: results go to a workbook instead of the sink.
    var workbook: WorkbookOutput?
    /// `--format html`: each script's results go to one HTML report instead of the sink.
    var report: ReportOutput?
    /// The store's currency, read before a script that writes a workbook runs.
    fileprivate(set) var workbookCurrency = ""
    /// Set while the engine runs, so that Ctrl-C interrupts the query instead of the program.
    private(set) var isRunning = false

    init(engine: Engine, sink: ResultDestination, format: OutputFormat, forcedWidth: Int?, colorAllowed: Bool, interactive: Bool) {
        self.engine = engine
        self.sink = sink
        self.format = format
        self.forcedWidth = forcedWidth
        self.colorAllowed = colorAllowed
        self.interactive = interactive
    }

    var renderOptions: RenderOptions {
        let onTerminal = sink.isTerminal
        let width = forcedWidth ?? (onTerminal ? Terminal.size()?.columns : nil)
        var rows: Int?
        if format == .table || format == .line {
            if let maxRows { rows = maxRows == 0 ? nil : maxRows } else if interactive && onTerminal { rows = 40 }
        }
        var options = RenderOptions(format: format, width: width, maxRows: rows, color: colorAllowed && onTerminal,
                                    currency: engine.currency)
        options.headers = headers
        return options
    }

    /// Runs language text as one checked, all-or-nothing script. Diagnostics go to stderr.
    /// Results come from the engine row by row and are held back until the script has
    /// succeeded (a rolled-back script shows only its error), up to 1 MiB of text; past
    /// that they stream, so memory stays bounded however many rows a query returns.
    @discardableResult
    func run(_ source: String, origin: String) -> Bool {
        let started = Date()
        isRunning = true
        defer { isRunning = false }
        let usePager = interactive && sink.isTerminal
        let output = ShellOutput(shell: self, options: renderOptions, buffered: usePager)
        var ok = false
        var reported = ""
        if let workbook {
            workbook.begin()
            workbookCurrency = engine.currency
        }
        report?.begin(origin: origin, currency: engine.currency)
        do {
            try engine.run(source, origin: origin, into: output)
            ok = true
            if let failure = workbook?.commit() ?? report?.commit() {
                Diagnostics.line("error: \(failure)")
                ok = false
            }
        } catch ClienteleError.check(let failure) {
            Diagnostics.write(failure.text)
        } catch let failure as ClienteleError {
            // Rolled back: what it printed so far (unless already streamed) is not shown.
            output.discard()
            reported = failure.message
            Diagnostics.write(failure.text)
        } catch {
            Diagnostics.line("error: \(error)")
        }
        if !ok { workbook?.discard(); report?.discard() }
        isRunning = false
        if ok {
            if let result = output.lastResult { lastResult = result }
            output.flush(pager: usePager)
            if timer { Diagnostics.line(String(format: "Run Time: %.3f s", Date().timeIntervalSince(started))) }
        }
        sink.finishResult()
        // A failed write of the results fails the statement, however late it is noticed.
        if let failure = sink.takeFailure() {
            if failure != reported { Diagnostics.line("error: \(failure)") }
            ok = false
        }
        return ok
    }

    /// A batch script (a file for `run`, the `-c` text, stdin): meta commands may open it,
    /// then the rest is checked as a whole and runs in one transaction.
    func runBatch(_ text: String, origin: String) -> Bool {
        var lines = ScriptText.lines(ScriptText.withoutShebang(text))
        var seenStatement = false
        for (index, line) in lines.enumerated() {
            if let meta = MetaCommand.parse(line) {
                if seenStatement {
                    Diagnostics.write(ScriptText.lateMetaCommand(meta, line: index + 1, source: text, origin: origin))
                    return false
                }
                if runMeta(meta, origin: origin) != .ok { return false }
                lines[index] = ""
            } else if !ScriptText.isBlankOrComment(line) {
                seenStatement = true
            }
        }
        return run(lines.joined(separator: "\n"), origin: origin)
    }

    /// An init file or `.read FILE`: statements and meta commands in order; each run of
    /// statements between meta commands is one script. Stops at the first failure.
    func runMixed(_ text: String, origin: String) -> MetaOutcome {
        let lines = ScriptText.lines(ScriptText.withoutShebang(text))
        var chunkStart = 0
        var chunk: [String] = []
        func flush() -> Bool {
            defer { chunk = [] }
            guard chunk.contains(where: { !ScriptText.isBlankOrComment($0) }) else { return true }
            // Blank lines in front keep the line numbers of the file in diagnostics.
            return run(String(repeating: "\n", count: chunkStart) + chunk.joined(separator: "\n"), origin: origin)
        }
        for (index, line) in lines.enumerated() {
            if let meta = MetaCommand.parse(line) {
                guard flush() else { return .failed }
                let outcome = runMeta(meta, origin: origin)
                if outcome != .ok { return outcome }
                chunkStart = index + 1
            } else {
                if chunk.isEmpty { chunkStart = index }
                chunk.append(line)
            }
        }
        return flush() ? .ok : .failed
    }
}

/// Line-level facts about script text that do not need the language's lexer.
enum ScriptText {
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
    }

    /// `#!/usr/bin/env -S clientele run` on the first line: blanked, keeping line numbers.
    static func withoutShebang(_ text: String) -> String {
        guard text.hasPrefix("#!") else { return text }
        guard let newline = text.firstIndex(of: "\n") else { return "" }
        return String(text[newline...])
    }

    static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = trimmingSpaces(line)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// `line.trimmingCharacters(in: .whitespaces)` without Foundation's CharacterSet, whose
    /// set-up is a measurable part of start-up: the same characters as CoreFoundation's
    /// whitespace set (tab, the Unicode space separators and U+200B).
    static func trimmingSpaces(_ line: String) -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            switch u.value {
            case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
            default: return false
            }
        }
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    static func lateMetaCommand(_ meta: MetaCommand, line: Int, source: String, origin: String) -> String {
        let text = lines(source)[line - 1]
        let column = (text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? 0) + 1
        let diagnostic = Diagnostic(message: "meta command '.\(meta.name)' after a statement",
                                    span: SourceSpan(line: line, column: column, length: meta.name.count + 1, offset: 0),
                                    help: "in a script, meta commands go at the top, before the first statement; or use flags such as --format")
        return diagnostic.rendered(source: source, origin: origin) + "nothing was run.\n"
    }
}

/// Results could not be written (the message names the file and the reason).
struct OutputWriteFailure: Error, CustomStringConvertible {
    var description: String
}
