import Foundation
import Clientele

/// The program's state between statements: the engine, where results go and how they
/// look. The REPL, `-c`, stdin and `run` all go through it.
final class Shell {
    let engine: Engine
    let sink: OutputSink
    var format: OutputFormat
    /// --width: fixes the width of tables and charts whatever the terminal says.
    var forcedWidth: Int?
    /// `.maxrows N`; nil means the default (40 rows on a terminal in the REPL, else all).
    var maxRows: Int?
    /// False with --no-color or NO_COLOR; colour also needs a terminal.
    var colorAllowed: Bool
    var interactive: Bool
    var timer = false
    /// Drops messages ("period = 2025") while an init file runs.
    var quiet = false
    /// Set while the engine runs, so that Ctrl-C interrupts the query instead of the program.
    private(set) var isRunning = false

    init(engine: Engine, sink: OutputSink, format: OutputFormat, forcedWidth: Int?, colorAllowed: Bool, interactive: Bool) {
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
        if format == .table {
            if let maxRows { rows = maxRows == 0 ? nil : maxRows } else if interactive && onTerminal { rows = 40 }
        }
        return RenderOptions(format: format, width: width, maxRows: rows, color: colorAllowed && onTerminal)
    }

    /// Runs language text as one checked, all-or-nothing script. Diagnostics go to stderr.
    @discardableResult
    func run(_ source: String, origin: String) -> Bool {
        let started = Date()
        isRunning = true
        defer { isRunning = false }
        do {
            let outputs = try engine.run(source, origin: origin)
            isRunning = false
            show(outputs)
            if timer { Diagnostics.line(String(format: "Run Time: %.3f s", Date().timeIntervalSince(started))) }
            return true
        } catch let failure as CheckFailure {
            Diagnostics.write(failure.rendered())
        } catch let failure as ExecutionFailure {
            Diagnostics.write(failure.rendered())
        } catch {
            Diagnostics.line("error: \(error)")
        }
        return false
    }

    /// Renders results to the sink. Messages ("1 client added") stay beside tables, but
    /// go to stderr with the data formats so that CSV and JSON output stays pure data.
    func show(_ outputs: [Output]) {
        let renderer = Renderer(options: renderOptions)
        var text = ""
        for output in outputs {
            if case .message(let m) = output {
                if quiet { continue }
                if format != .table { Diagnostics.line(m); continue }
            }
            text += renderer.render(output)
        }
        guard !text.isEmpty else { return }
        if interactive, sink.isTerminal, let size = Terminal.size(), Pager.show(text, screenRows: size.rows) {
            // shown in the pager
        } else {
            sink.write(text)
        }
        sink.finishResult()
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
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
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
