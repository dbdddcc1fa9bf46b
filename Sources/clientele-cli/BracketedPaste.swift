import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bracketed paste: while the line editor reads, the terminal is asked (`ESC[?2004h`) to
/// wrap pasted text in `ESC[200~` … `ESC[201~`, so a paste is one input rather than keys.
/// libedit has no support of its own: the start sequence is bound to a function that
/// reads the rest of the paste straight from the terminal, up to the end sequence
/// (libedit reads keys a byte at a time, so nothing of the paste is in its buffer yet).
/// A terminal that does not know the request ignores it, and then nothing here happens.
enum BracketedPaste {
    static let start = "\u{1B}[200~"
    static let end = Array("\u{1B}[201~".utf8)
    /// A paste longer than this is refused (`.read FILE` takes a script of any size).
    static let limit = 4 << 20
    /// A terminal that starts a paste and never ends it: the paste ends after this long
    /// without a byte.
    static let silenceMilliseconds: Int32 = 2000

    /// What the paste left for the REPL: the whole input (typed text around the paste
    /// included), or nil when the last input was not a paste with line breaks.
    static var pasted: Pasted?

    struct Pasted { var text: String; var beforeCursor: String; var tooLong: Bool }

    /// The binding: libedit's readline layer calls a bound function by the last key of
    /// its sequence (`~`), so `~` is bound back to inserting itself.
    static func bind() {
        _ = rl_add_defun("clientele-paste", lineEditorPaste, Int32(UInt8(ascii: "~")))
        _ = rl_parse_and_bind("bind ~ ed-insert")
        _ = rl_parse_and_bind("bind \"\\e[200~\" clientele-paste")
    }

    /// Asks the terminal for bracketed paste, or stops asking; only when the editor draws
    /// on a terminal.
    static func enable(_ on: Bool) {
        guard Terminal.isTerminal(STDIN_FILENO), Terminal.isTerminal(STDOUT_FILENO) else { return }
        RawOutput.write(on ? "\u{1B}[?2004h" : "\u{1B}[?2004l", to: STDOUT_FILENO)
    }

    /// The bytes up to the end sequence (which is not part of them); line breaks as `\n`.
    static func readToEnd() -> (text: String, tooLong: Bool) {
        var bytes: [UInt8] = []
        var tooLong = false
        var matched = 0
        var byte: UInt8 = 0
        while true {
            var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, silenceMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0, read(STDIN_FILENO, &byte, 1) == 1 else { break }
            if byte == end[matched] {
                matched += 1
                if matched == end.count { break }
                continue
            }
            if matched > 0 {
                // A partial end sequence that was not one after all is text.
                let partial = end[..<matched]
                matched = byte == end[0] ? 1 : 0
                if bytes.count < limit { bytes += partial } else { tooLong = true }
                if matched == 1 { continue }
            }
            if bytes.count < limit { bytes.append(byte) } else { tooLong = true }
        }
        // Terminals send Enter in a paste as CR; CRLF and CR are line breaks.
        var text = String(decoding: bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return (text, tooLong)
    }

    /// After readline() returned for a paste with line breaks: the screen still shows
    /// the line as it was before the paste; it is drawn again with all of the input under
    /// the prompt, so that the screen shows what runs.
    static func finish(_ pasted: Pasted, prompt: String) -> LineEditor.Input {
        moveToPromptStart(prompt: prompt, beforeCursor: pasted.beforeCursor)
        if pasted.tooLong {
            Diagnostics.write("\u{1B}[J")
            Diagnostics.line("error: the paste is longer than \(limit >> 20) MiB, so it was not taken; save it in a file and run it with .read FILE")
            return .line("")
        }
        var text = pasted.text
        while text.hasSuffix("\n") { text.removeLast() }
        RawOutput.write("\u{1B}[J" + prompt + text + "\n", to: STDOUT_FILENO)
        return text.contains("\n") ? .paste(text) : .line(text)
    }

    /// Moves the cursor from where the editor left it to the start of the prompt.
    static func moveToPromptStart(prompt: String, beforeCursor: String) {
        let columns = Terminal.size(STDOUT_FILENO)?.columns ?? 80
        let rows = (displayWidth(prompt) + displayWidth(beforeCursor)) / max(1, columns)
        RawOutput.write("\r" + (rows > 0 ? "\u{1B}[\(rows)A" : ""), to: STDOUT_FILENO)
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, u in
            switch u.value {
            case 0..<0x20, 0x7F..<0xA0, 0x300...0x36F, 0x200B...0x200F: return width
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD: return width + 2
            default: return width + 1
            }
        }
    }
}

/// The function bound to `ESC[200~`. One line goes into the line being edited, at the
/// cursor, and editing goes on; text with line breaks ends the input (rl_done).
private func lineEditorPaste(_ count: Int32, _ key: Int32) -> Int32 {
    let (text, tooLong) = BracketedPaste.readToEnd()
    let (before, after) = LineEditor.buffer()
    if !tooLong && !text.contains("\n") {
        _ = rl_insert_text(text)
        // libedit does not redraw after a bound function: the line is drawn again from
        // the prompt's start (rl_forced_update_display draws it from there).
        BracketedPaste.moveToPromptStart(prompt: LineEditor.current?.prompt ?? "", beforeCursor: before)
        RawOutput.write("\u{1B}[J", to: STDOUT_FILENO)
        rl_forced_update_display()
        return 0
    }
    BracketedPaste.pasted = BracketedPaste.Pasted(text: before + text + after, beforeCursor: before, tooLong: tooLong)
    rl_done = 1
    return 0
}
