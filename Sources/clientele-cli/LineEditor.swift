import CEditLine
import Foundation

/// Line editing on libedit, through its readline-compatible interface (the native
/// `el_set` / `history` calls are C varargs, which Swift cannot call).
///
/// - History: one entry per whole statement (multi-line ones keep their newlines),
///   saved after every statement so a crash loses nothing.
/// - Ctrl-R: libedit's `em-inc-search-prev`.
/// - Ctrl-C: the terminal's `isig` is off while editing, so Ctrl-C arrives as a key bound
///   to "cancel this input"; while a query runs the terminal is back in normal mode and
///   Ctrl-C is a signal that interrupts the query.
/// - Tab: `completer` with the whole statement so far and the cursor.
final class LineEditor {
    enum Input: Equatable { case line(String), cancelled, end }

    let historyPath: String
    /// Lines already entered for the statement being typed, for completion context.
    var pendingText = ""
    var completer: ((String, Int) -> [String])?

    /// The editor the C callbacks talk to (libedit's readline layer has one global state).
    fileprivate static var current: LineEditor?
    fileprivate static var cancelRequested = false

    init(historyPath: String) {
        self.historyPath = historyPath
        LineEditor.useUTF8Locale()
        rl_readline_name = UnsafePointer(strdup("clientele"))
        rl_catch_signals = 0
        _ = rl_initialize()
        using_history()
        stifle_history(2000)
        _ = read_history(historyPath)
        // Everything that is not part of a name ends the word Tab completes.
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"\\'`@$><=;|&{}()[],.~!+-*/:#%"))
        rl_attempted_completion_function = lineEditorComplete
        _ = rl_add_defun("clientele-cancel", lineEditorCancel, 3)   // Ctrl-C
        _ = rl_parse_and_bind("bind ^R em-inc-search-prev")
        // readline() resets the tty modes on every call, so `isig` is turned off again in
        // the hook it calls just before editing starts.
        rl_pre_input_hook = lineEditorBeforeInput
        LineEditor.current = self
    }

    /// libedit decodes keys and history by the C locale: without a UTF-8 one, Cyrillic
    /// input and the word-break table fail. Only LC_CTYPE is touched (numbers stay "C").
    static func useUTF8Locale() {
        let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    func read(prompt: String) -> Input {
        LineEditor.cancelRequested = false
        guard let raw = readline(prompt) else {
            if LineEditor.cancelRequested {
                Diagnostics.write("^C\n")
                return .cancelled
            }
            return .end
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    /// Adds a whole statement to the history and saves the file.
    func remember(_ entry: String) {
        _ = add_history(entry)
        _ = write_history(historyPath)
    }

    fileprivate func complete(word: String) -> [String] {
        guard let completer, let buffer = rl_line_buffer else { return [] }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                              count: strlen(buffer)))
        let point = min(max(0, Int(rl_point)), bytes.count)
        let beforeCursor = String(decoding: bytes[..<point], as: UTF8.self)
        let line = String(decoding: bytes, as: UTF8.self)
        let text = pendingText + line
        return completer(text, pendingText.count + beforeCursor.count)
    }
}

/// Tab: libedit wants [common prefix, match, match..., NULL], malloc'ed.
private func lineEditorComplete(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    guard let editor = LineEditor.current else { return nil }
    let word = text.map { String(cString: $0) } ?? ""
    let matches = editor.complete(word: word)
    guard !matches.isEmpty else { return nil }
    let common = matches.count == 1 ? matches[0] : commonPrefix(matches)
    let entries = [common] + (matches.count == 1 ? [] : matches)
    let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: entries.count + 1)
    for (i, e) in entries.enumerated() { array[i] = strdup(e) }
    array[entries.count] = nil
    // libedit frees the array with free(); allocate(capacity:) is malloc-backed on Linux.
    return array
}

private func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map(Array.init) else { return "" }
    for w in words.dropFirst() {
        let chars = Array(w)
        var n = 0
        while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
        prefix = Array(prefix[..<n])
    }
    return String(prefix)
}

private func lineEditorBeforeInput() -> Int32 {
    _ = rl_parse_and_bind("setty -d -isig")
    return 0
}

/// Ctrl-C while editing: end readline() with nothing, flagged as a cancel.
private func lineEditorCancel(_ count: Int32, _ key: Int32) -> Int32 {
    LineEditor.cancelRequested = true
    rl_done = 1
    return 0
}
