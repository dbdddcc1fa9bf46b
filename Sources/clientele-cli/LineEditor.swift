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
/// - Tab: `completer` with the whole statement so far and the cursor; in a file name
///   (`fileNameContext` says where), the paths of FileNameCompletion.
/// - Pasting: bracketed paste (BracketedPaste.swift). A paste of one line goes into the
///   line being edited; a paste with line breaks ends the input as `.paste` (all of it,
///   with what was typed around it), which the REPL runs as one script.
final class LineEditor {
    enum Input: Equatable { case line(String), paste(String), cancelled, end }

    let historyPath: String
    /// Lines already entered for the statement being typed, for completion context.
    var pendingText = ""
    var completer: ((String, Int) -> [String])?
    /// Whether the cursor (in the whole statement so far) is in a file name, and whether
    /// that name is in quotes (FileNameCompletion).
    var fileNameContext: ((String, Int) -> FileNameCompletion.Context?)?
    /// The prompt of the line being edited (a paste redraws it).
    fileprivate(set) var prompt = ""

    /// The editor the C callbacks talk to (libedit's readline layer has one global state).
    static var current: LineEditor?
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
        rl_basic_word_break_characters = UnsafePointer(codeWordBreaks)
        rl_attempted_completion_function = lineEditorComplete
        _ = rl_add_defun("clientele-cancel", lineEditorCancel, 3)   // Ctrl-C
        BracketedPaste.bind()
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
        BracketedPaste.pasted = nil
        self.prompt = prompt
        // On only while editing: a pager or an editor started later gets the terminal as usual.
        BracketedPaste.enable(true)
        let raw = readline(prompt)
        BracketedPaste.enable(false)
        if let pasted = BracketedPaste.pasted {
            if let raw { free(raw) }
            BracketedPaste.pasted = nil
            return BracketedPaste.finish(pasted, prompt: prompt)
        }
        guard let raw else {
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

    /// The line being edited, split at the cursor.
    static func buffer() -> (beforeCursor: String, afterCursor: String) {
        guard let buffer = rl_line_buffer else { return ("", "") }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                              count: strlen(buffer)))
        let point = min(max(0, Int(rl_point)), bytes.count)
        return (String(decoding: bytes[..<point], as: UTF8.self), String(decoding: bytes[point...], as: UTF8.self))
    }

    fileprivate func complete(word: String) -> [String] {
        let (before, after) = LineEditor.buffer()
        let text = pendingText + before + after
        let cursor = pendingText.count + before.count
        // What follows a whole match (a space; a folder's nothing; a quoted file's closing
        // quote) is part of the match: libedit appends its own character only on the first
        // Tab of an input.
        rl_completion_append_character = 0
        if let context = fileNameContext?(text, cursor) {
            var matches = FileNameCompletion.candidates(context)
            if matches.count == 1 && !matches[0].hasSuffix("/") { matches[0] += context.quoted ? "\"" : " " }
            // libedit replaces only its own word, the part of the path after the last
            // `/`, `.`, `-` or space: each match from there on.
            let dropped = max(0, context.typed.unicodeScalars.count - word.unicodeScalars.count)
            return matches.map { String(String.UnicodeScalarView($0.unicodeScalars.dropFirst(dropped))) }
        }
        guard let completer else { return [] }
        let matches = completer(text, cursor)
        // In the middle of a line, the space already after the cursor will do.
        return matches.count == 1 && !(after.first?.isWhitespace ?? false) ? [matches[0] + " "] : matches
    }
}

private let codeWordBreaks = UnsafeMutablePointer(strdup(" \t\n\"\\'`@$><=;|&{}()[],.~!+-*/:#%")!)

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
