import Foundation

/// Tab in a file name: after `import "`, `include "`, `export … to "` and the meta
/// commands that take a file (`.read`, `.output`, `.once`). Relative paths are read from
/// the current folder, absolute ones from `/`; folders end in `/` (and go on), files in
/// quotes get their closing quote. Names starting with `.` only when the typed part does.
enum FileNameCompletion {
    struct Context: Equatable {
        /// The path typed so far (without its opening quote).
        var typed: String
        var quoted: Bool
    }

    static let metaCommands: Set<String> = ["read", "output", "once"]

    /// The file-name context at `cursor` in `text` (the statement typed so far), or nil.
    static func context(text: String, cursor: Int) -> Context? {
        let before = String(text.prefix(max(0, cursor)))
        let line = before.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let trimmed = ScriptText.trimmingSpaces(line)
        // `.read FILE`, `.output FILE`, `.once FILE`, unquoted or quoted.
        if trimmed.hasPrefix("."), let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            let name = trimmed.dropFirst().prefix { $0 != " " && $0 != "\t" }.lowercased()
            guard metaCommands.contains(name) else { return nil }
            let argument = String(ScriptText.trimmingSpaces(String(trimmed[space...])))
            if argument.hasPrefix("\"") { return Context(typed: String(argument.dropFirst()), quoted: true) }
            guard !argument.contains(" ") else { return nil }
            return Context(typed: argument, quoted: false)
        }
        // In the language: inside an open string whose statement wants a file there.
        guard let quote = openQuote(in: line) else { return nil }
        let typed = String(line[line.index(after: quote)...])
        let head = ScriptText.trimmingSpaces(String(line[..<quote])).lowercased()
        let statement = ScriptText.trimmingSpaces(before.lowercased())
        let words = head.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if head == "import" || head == "include" { return Context(typed: typed, quoted: true) }
        if words.last == "to", statement.hasPrefix("export") { return Context(typed: typed, quoted: true) }
        return nil
    }

    /// Where the string still open at the end of `line` starts (`"`), or nil.
    static func openQuote(in line: String) -> String.Index? {
        var open: String.Index?
        var escaped = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if open != nil {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { open = nil }
            } else if c == "\"" {
                open = i
            } else if c == "#" {
                return nil
            }
            i = line.index(after: i)
        }
        return open
    }

    /// The paths that complete `context.typed`, sorted; folders end in `/`.
    static func candidates(_ context: Context, directory: String = FileManager.default.currentDirectoryPath) -> [String] {
        let typed = context.typed
        let slash = typed.lastIndex(of: "/")
        let folder = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let listed = folder.isEmpty ? directory : (folder.hasPrefix("/") ? folder : directory + "/" + folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        var matches: [String] = []
        for name in names where name.hasPrefix(prefix) && (prefix.hasPrefix(".") || !name.hasPrefix(".")) {
            // In quotes, a quote or backslash in a name is escaped as the language reads it.
            if !context.quoted && name.contains(" ") { continue }
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: listed + "/" + name, isDirectory: &isFolder)
            let shown = context.quoted ? name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") : name
            matches.append(folder + shown + (isFolder.boolValue ? "/" : ""))
            if matches.count > 5000 { break }
        }
        return matches.sorted()
    }
}
