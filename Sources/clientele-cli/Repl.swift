import Clientele
import Foundation

/// The interactive shell: prompts, multi-line statements, meta commands, history.
final class Repl {
    let shell: Shell
    let editor: LineEditor

    static let prompt = "clientele> "
    static let continuationPrompt = "   ...> "

    init(shell: Shell) {
        self.shell = shell
        let env = ProcessInfo.processInfo.environment
        let history = env["CLIENTELE_HISTORY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.clientele_history"
        editor = LineEditor(historyPath: history)
    }

    func run() {
        signal(SIGPIPE, SIG_IGN)
        Diagnostics.line(Banner.text(shell.engine))
        editor.completer = { [shell] text, cursor in shell.engine.completions(for: text, cursor: cursor) }
        editor.fileNameContext = { text, cursor in FileNameCompletion.context(text: text, cursor: cursor) }
        while true {
            let typed = held + pending
            editor.pendingText = typed.isEmpty ? "" : typed.joined(separator: "\n") + "\n"
            switch editor.read(prompt: typed.isEmpty ? Repl.prompt : Repl.continuationPrompt) {
            case .end:
                runHeld()
                Diagnostics.write("\n")
                return
            case .cancelled:
                pending = []
                held = []
            case .line(let line):
                if enter(line) == .quit { return }
            case .paste(let text):
                if enterPaste(text) == .quit { return }
            }
        }
    }

    /// Lines typed so far of a statement that goes on (`clients |`, an open bracket).
    private var pending: [String] = []
    /// The last statement run (for `.edit`, and for a next line starting with `|`).
    private var lastStatement = ""
    /// Whether a line starting with `|` may continue `lastStatement`: it was one query, it
    /// succeeded, and no other statement was entered since (meta commands may be).
    private var lastContinues = false
    /// A whole statement not run yet because more input was already waiting (a paste in a
    /// terminal without bracketed paste): it runs when the next line does not start with
    /// `|`, and continues when it does, so that a pasted example with leading-`|` lines is
    /// one statement.
    private var held: [String] = []

    private func runHeld() {
        guard !held.isEmpty else { return }
        let text = held.joined(separator: "\n")
        held = []
        runStatement(text)
    }

    private func runStatement(_ text: String) {
        editor.remember(text)
        lastStatement = text
        let ok = shell.run(text, origin: "<input>")
        lastContinues = ok && shell.engine.isContinuableQuery(text)
    }

    private static func startsWithPipe(_ line: String) -> Bool { ScriptText.trimmingSpaces(line).hasPrefix("|") }

    /// One line typed (or pasted without a line break) and Enter.
    private func enter(_ line: String) -> MetaOutcome {
        if !held.isEmpty {
            if Repl.startsWithPipe(line) {
                pending = held
                held = []
            } else {
                runHeld()
            }
        }
        if let meta = MetaCommand.parse(line), meta.name == "edit" {
            editor.remember(line)
            let draft = pending.isEmpty ? lastStatement : pending.joined(separator: "\n")
            pending = []
            guard let text = StatementEditor.edit(draft), !ScriptText.isBlankOrComment(text) else { return .ok }
            // What was saved is echoed, so that the screen shows what runs.
            Diagnostics.write(text.hasSuffix("\n") ? text : text + "\n")
            runStatement(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            return .ok
        }
        if pending.isEmpty, let meta = MetaCommand.parse(line) {
            editor.remember(line)
            return shell.runMeta(meta, origin: "<input>") == .quit ? .quit : .ok
        }
        if pending.isEmpty && line.trimmingCharacters(in: .whitespaces).isEmpty { return .ok }
        // `| count` right after `clients | where abc == "A"` ran: that statement, continued.
        if pending.isEmpty && Repl.startsWithPipe(line) && lastContinues {
            pending = ScriptText.lines(lastStatement)
        }
        lastContinues = false
        pending.append(line)
        let text = pending.joined(separator: "\n")
        guard InputCompleteness.isComplete(text) else { return .ok }
        pending = []
        if Terminal.inputWaiting() {
            held = ScriptText.lines(text)
            return .ok
        }
        runStatement(text)
        return .ok
    }

    /// A paste with line breaks (bracketed paste), with what was typed around it: with the
    /// lines typed before it, one script, checked whole and all-or-nothing, its meta
    /// commands run in order, as `.read` runs a file. While a statement is still open at
    /// its end, the shell waits for the rest.
    private func enterPaste(_ text: String) -> MetaOutcome {
        if !held.isEmpty {
            if Repl.startsWithPipe(text) { pending = held; held = [] } else { runHeld() }
        }
        if pending.isEmpty && Repl.startsWithPipe(text) && lastContinues {
            pending = ScriptText.lines(lastStatement)
        }
        lastContinues = false
        let lines = pending + ScriptText.lines(text)
        let script = lines.joined(separator: "\n")
        guard InputCompleteness.isComplete(script) else {
            pending = lines
            return .ok
        }
        pending = []
        guard lines.contains(where: { !ScriptText.isBlankOrComment($0) }) else { return .ok }
        editor.remember(script)
        lastStatement = script
        let outcome = shell.runMixed(script, origin: "<paste>")
        lastContinues = outcome == .ok && shell.engine.isContinuableQuery(script)
        return outcome
    }
}

/// Whether typed text is a whole statement or the user is still writing it: it continues
/// while the last line ends in `|` or a bracket is open. Strings cannot span lines in the
/// language, so an open quote does not continue (the checker reports it at once).
enum InputCompleteness {
    static func isComplete(_ text: String) -> Bool {
        var depth = 0
        var lastSignificant: Character?
        for line in ScriptText.lines(text) {
            var open: Character?
            var escaped = false
            for c in line {
                if let o = open {
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == (o == "«" ? "»" : (o == "“" ? "”" : "\"")) { open = nil }
                    lastSignificant = c
                    continue
                }
                if c == "#" { break }
                if c == "\"" || c == "«" || c == "“" { open = c }
                if "([{".contains(c) { depth += 1 }
                if ")]}".contains(c) { depth -= 1 }
                if !c.isWhitespace { lastSignificant = c }
            }
        }
        return depth <= 0 && lastSignificant != "|"
    }
}
