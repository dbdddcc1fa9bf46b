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
        var pending: [String] = []
        var lastStatement = ""
        while true {
            editor.pendingText = pending.isEmpty ? "" : pending.joined(separator: "\n") + "\n"
            switch editor.read(prompt: pending.isEmpty ? Repl.prompt : Repl.continuationPrompt) {
            case .end:
                Diagnostics.write("\n")
                return
            case .cancelled:
                pending = []
            case .line(let line):
                if let meta = MetaCommand.parse(line), meta.name == "edit" {
                    editor.remember(line)
                    let draft = pending.isEmpty ? lastStatement : pending.joined(separator: "\n")
                    pending = []
                    guard let text = StatementEditor.edit(draft), !ScriptText.isBlankOrComment(text) else { continue }
                    // What was saved is echoed, so that the screen shows what runs.
                    Diagnostics.write(text.hasSuffix("\n") ? text : text + "\n")
                    let statement = text.hasSuffix("\n") ? String(text.dropLast()) : text
                    editor.remember(statement)
                    lastStatement = statement
                    shell.run(statement, origin: "<input>")
                    continue
                }
                if pending.isEmpty, let meta = MetaCommand.parse(line) {
                    editor.remember(line)
                    if shell.runMeta(meta, origin: "<input>") == .quit { return }
                    continue
                }
                if pending.isEmpty && line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                pending.append(line)
                let text = pending.joined(separator: "\n")
                guard InputCompleteness.isComplete(text) else { continue }
                pending = []
                editor.remember(text)
                lastStatement = text
                shell.run(text, origin: "<input>")
            }
        }
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
