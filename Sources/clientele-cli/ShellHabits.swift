import Foundation
import Clientele

/// What the other shells' users type by habit (sqlite3, psql, DuckDB): `.tables`,
/// `.headers`, `.last`, `.excel`, psql's backslash commands and the bare words `exit` and
/// `quit`. `.edit` needs the line being typed and lives in the REPL.
extension MetaCommand {
    /// psql's commands and the bare words, as the dot commands they mean; nil for other lines.
    static func habit(_ line: String) -> MetaCommand? {
        var trimmed = ScriptText.trimmingSpaces(line)
        if trimmed.hasSuffix(";") { trimmed = ScriptText.trimmingSpaces(String(trimmed.dropLast())) }
        switch trimmed.lowercased() {
        case "exit", "quit", "\\q": return MetaCommand(name: "quit", arguments: [])
        case "\\x": return MetaCommand(name: "x", arguments: [])
        case "\\?": return MetaCommand(name: "help", arguments: [])
        case "\\dt": return MetaCommand(name: "tables", arguments: [])
        default: break
        }
        let words = trimmed.split(separator: " ").map(String.init)
        if words.first == "\\d" && words.count <= 2 { return MetaCommand(name: "schema", arguments: Array(words.dropFirst())) }
        return nil
    }
}

extension Shell {
    /// The habits' commands; nil when `meta` is none of them.
    func runHabit(_ meta: MetaCommand) -> MetaOutcome? {
        func usage(_ text: String) -> MetaOutcome {
            Diagnostics.line("usage: \(text)")
            return .failed
        }
        let args = meta.arguments
        switch meta.name {
        case "headers", "header":
            guard args.count == 1, ["on", "off"].contains(args[0].lowercased()) else { return usage(".headers on|off") }
            headers = args[0].lowercased() == "on"
        case "x":
            // psql's \x: the record view on and off.
            format = format == .line ? .table : .line
            Diagnostics.line(format == .line ? "record view is on (.mode line)" : "record view is off (.mode table)")
        case "tables":
            guard args.isEmpty else { return usage(".tables") }
            show([tables()], wholeRows: true)
        case "last":
            guard args.isEmpty else { return usage(".last") }
            guard let last = lastResult else {
                Diagnostics.line("error: no result yet: .last shows the last result again, without the row limit")
                return .failed
            }
            show(last.outputs, wholeRows: true)
            if last.rowsLeftOut > 0 {
                Diagnostics.line("note: only the first \(LastResult.rowLimit) rows were kept; \(last.rowsLeftOut) more were left out")
            }
        case "excel":
            guard args.isEmpty else { return usage(".excel") }
            return excel()
        default:
            return nil
        }
        return .ok
    }

    /// Writes outputs as the current format renders them (through the pager on a
    /// terminal); `wholeRows`: without the row limit.
    func show(_ outputs: [Output], wholeRows: Bool) {
        var options = renderOptions
        if wholeRows { options.maxRows = nil }
        var text = ""
        let renderer = Renderer(options: options)
        for output in outputs {
            if case .message(let m) = output, !format.keepsMessages { Diagnostics.line(m); continue }
            text += renderer.render(output)
        }
        if interactive && sink.isTerminal, let size = Terminal.size(), Pager.show(text, screenRows: size.rows) { return }
        sink.write(text)
        sink.finishResult()
        if let failure = sink.takeFailure() { Diagnostics.line("error: \(failure)") }
    }

    /// `.tables`: each object with its number of rows and what it holds.
    func tables() -> Output {
        let objects = engine.objectSummaries
        let script = objects.map { "\($0.name) | count" }.joined(separator: "\n")
        let counts = (try? engine.run(script, origin: "<.tables>")) ?? []
        let rows: [[Value]] = objects.enumerated().map { i, object in
            var count = Value.null
            if i < counts.count, case .scalar(_, let v) = counts[i] { count = v }
            return [.text(object.name), count, .text(object.summary)]
        }
        return .table(Table(columns: [Column(name: "object", type: .text), Column(name: "rows", type: .integer),
                                      Column(name: "description", type: .text)], rows: rows))
    }

    /// `.excel`: the last result as a workbook in the temporary folder, whose path is
    /// printed, opened with xdg-open (or `open` on macOS) when the machine has it.
    private func excel() -> MetaOutcome {
        guard let last = lastResult else {
            Diagnostics.line("error: no result yet: .excel writes the last result to a workbook")
            return .failed
        }
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-\(stamp).xlsx").path
        let workbook = WorkbookOutput(path: path, storePath: engine.sqliteStore?.path)
        workbook.begin()
        do {
            for output in last.outputs { try workbook.add(output) }
            try workbook.stage(currency: engine.currency)
        } catch {
            workbook.discard()
            Diagnostics.line("error: \(error)")
            return .failed
        }
        if let failure = workbook.commit() {
            Diagnostics.line("error: \(failure)")
            return .failed
        }
        if let opener = Shell.opener(), Shell.startDetached(opener, path) {
            Diagnostics.line("the last result is in \(path) (opened with \(PathText.name(of: opener)))")
        } else {
            Diagnostics.line("the last result is in \(path)")
        }
        return .ok
    }

    /// The desktop's "open this file" program, when there is one on PATH.
    static func opener() -> String? {
        #if os(macOS)
        let names = ["open"]
        #else
        let names = ["xdg-open"]
        #endif
        let path = Terminal.environment("PATH") ?? ""
        for folder in path.split(separator: ":") {
            for name in names {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Starts a program without waiting for it, its output thrown away.
    static func startDetached(_ program: String, _ argument: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = [argument]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        return true
    }
}
