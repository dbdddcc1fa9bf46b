import Foundation
import Clientele
import ClienteleInterchange

/// A shell command that starts with a dot (`.mode csv`), as in the sqlite3 shell: it
/// changes how the shell behaves, never the data.
struct MetaCommand: Equatable {
    var name: String
    var arguments: [String]

    /// A line whose first non-blank character is a dot followed by a letter.
    static func parse(_ line: String) -> MetaCommand? {
        if let habit = habit(line) { return habit }
        let trimmed = ScriptText.trimmingSpaces(line)
        guard trimmed.hasPrefix("."), let second = trimmed.dropFirst().first, second.isLetter else { return nil }
        var words = trimmed.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let name = words.removeFirst().lowercased()
        return MetaCommand(name: name, arguments: words.map(MetaCommand.unquoted))
    }

    static func unquoted(_ word: String) -> String {
        if word.count >= 2, word.hasPrefix("\""), word.hasSuffix("\"") { return String(word.dropFirst().dropLast()) }
        return word
    }

    static let help = """
    .help                 this list (\\? too)
    .mode FORMAT          table (box), line, list, tabs (tsv), csv, json, jsonl, markdown (md) or html
    .headers on|off       the header line of csv, list, tabs and html
    .output FILE          send results to FILE; .output alone: back to the screen
    .once FILE            send only the next result to FILE
    .maxrows N            rows shown in a table before "… N more rows" (0: all)
    .last                 the last result again, every row
    .excel                the last result as a workbook (opened when the machine can)
    .edit                 the statement being typed, or the last one, in $VISUAL/$EDITOR; runs what is saved
    .timer on|off         print how long each statement took
    .read FILE            run a script file (statements and meta commands)
    .cache [auto|on|off]  the order facts in memory: show, or choose when to use them
    .tables               the objects with their number of rows (\\dt too)
    .schema [OBJECT]      the objects, or the fields of one (same as describe; \\d too)
    \\x                    the record view (.mode line) on and off
    .quit, .exit          leave (also quit, exit, \\q, Ctrl-D)
    Keys: Tab completes (file names too), Up/Down browse history, Ctrl-R searches it, Ctrl-C cancels the line.
    A paste of several lines runs as one script; a line starting with | continues the last query.
    """
}

enum MetaOutcome: Equatable { case ok, failed, quit }

extension Shell {
    func runMeta(_ meta: MetaCommand, origin: String) -> MetaOutcome {
        func usage(_ text: String) -> MetaOutcome {
            Diagnostics.line("usage: \(text)")
            return .failed
        }
        let args = meta.arguments
        switch meta.name {
        case "help":
            sink.write(MetaCommand.help + "\n")
        case "quit", "exit":
            return .quit
        case "mode":
            guard args.count == 1, let f = OutputFormat(name: args[0]) else {
                return usage(".mode " + OutputFormat.allNames.joined(separator: "|"))
            }
            format = f
            // `.mode` after `--format html` shows results in that mode: the report ends.
            report = nil
        case "output", "once":
            do {
                if meta.name == "once" {
                    guard args.count == 1 else { return usage(".once FILE") }
                    try sink.redirectOnce(to: args[0])
                } else {
                    guard args.count <= 1 else { return usage(".output [FILE]") }
                    try sink.redirect(to: args.first)
                }
            } catch {
                Diagnostics.line("error: \(error)")
                return .failed
            }
        case "maxrows":
            guard args.count == 1, let n = Int(args[0]), n >= 0 else { return usage(".maxrows N (0 shows every row)") }
            maxRows = n
        case "timer":
            guard args.count == 1, ["on", "off"].contains(args[0].lowercased()) else { return usage(".timer on|off") }
            timer = args[0].lowercased() == "on"
        case "read":
            guard args.count == 1 else { return usage(".read FILE") }
            let path = resolve(args[0], relativeTo: origin)
            guard let text = TextFile.read(path) else {
                Diagnostics.line("error: cannot read '\(args[0])': \(TextFile.unreadable(path))")
                return .failed
            }
            return runMixed(text, origin: path)
        case "cache":
            guard args.count <= 1 else { return usage(".cache [auto|on|off]") }
            guard let facts = engine.sqliteStore?.facts else {
                // Not an error: a script written for a file runs on the team store as well.
                Diagnostics.line("note: .cache is for SQLite stores: on a PostgreSQL store the server computes every measure, "
                                 + "and no order facts are held in memory")
                return .ok
            }
            if let arg = args.first {
                guard let choice = CacheChoice(rawValue: arg.lowercased()) else { return usage(".cache [auto|on|off]") }
                facts.currentMode = choice.mode
                if choice == .off { facts.clear() } else if interactive { facts.warmInBackground() }
            }
            let choice = CacheChoice.allCases.first { $0.mode == facts.currentMode } ?? .auto
            if let n = facts.ordersHeld {
                sink.write("order facts: \(n) shipped order\(n == 1 ? "" : "s") in memory (loaded in \(String(format: "%.2f", facts.lastBuildSeconds)) s); cache \(choice.rawValue)\n")
            } else if let bytes = facts.refusedBytes {
                sink.write("order facts: not in memory: they would take about \(bytes >> 20) MiB, over the limit of "
                           + "\(facts.memoryLimit >> 20) MiB\(facts.memoryLimit == FactsCache.defaultMemoryLimit ? " (a quarter of this machine's memory)" : ""); "
                           + ".cache on loads them anyway; each question scans the orders instead; "
                           + "cache \(choice.rawValue)\n")
            } else {
                sink.write("order facts: not in memory (each question scans the orders of its period); cache \(choice.rawValue)\n")
            }
            if let status = facts.columnStatus() {
                sink.write(status.line + "\n")
            }
            if let status = facts.linesStatus() {
                sink.write(status.line + "\n")
            }
        case "schema":
            guard args.count <= 1 else { return usage(".schema [OBJECT]") }
            return run("describe" + (args.first.map { " " + $0 } ?? ""), origin: origin) ? .ok : .failed
        default:
            if let outcome = runHabit(meta) { return outcome }
            Diagnostics.line("error: unknown meta command '.\(meta.name)'; .help lists them")
            return .failed
        }
        return .ok
    }

    /// Files named in a script are relative to the script, like `include`.
    private func resolve(_ path: String, relativeTo origin: String) -> String {
        if path.hasPrefix("/") || origin.hasPrefix("<") { return path }
        return URL(fileURLWithPath: origin).deletingLastPathComponent().appendingPathComponent(path).path
    }
}
