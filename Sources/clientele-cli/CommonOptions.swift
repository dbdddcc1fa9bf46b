import ArgumentParser
import Clientele

/// Flags shared by the shell, -c, stdin and `run`.
struct CommonOptions: ParsableArguments {
    @Flag(name: .customLong("read-only"), help: "Open the store read-only: every change is refused.")
    var readOnly = false

    @Option(help: "Result format: table (or box), line, list, tabs (or tsv), csv, json, jsonl, markdown (or md), html (one self-contained HTML report of the script), or xlsx (a workbook; needs -o FILE).")
    var format: ResultFormat = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write results to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("no-color"), help: "Never colour the output (NO_COLOR does the same).")
    var noColor = false

    @Option(help: ArgumentHelp("Fit tables and charts to this many columns (default: the terminal's).", valueName: "columns"))
    var width: Int?

    @Option(name: .customLong("init"), help: ArgumentHelp("Run this file first (default ~/.clienteleinit or $XDG_CONFIG_HOME/clientele/init.clq).", valueName: "file"))
    var initFile: String?

    @Flag(name: .customLong("no-init"), help: "Do not run any init file.")
    var noInit = false

    @Option(name: .customLong("param"), help: ArgumentHelp("Set a script parameter, used as $name (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("""
        Order facts in memory for per-client measures: auto (the REPL loads them in the background \
        at start; a script from its second question on), on (from the first question), off (always SQL).
        """, valueName: "auto|on|off"))
    var cache: CacheChoice = .auto

    @Option(help: ArgumentHelp("The date 'today' means for periods and overdue days (default: CLIENTELE_TODAY, else the machine's date).", valueName: "YYYY-MM-DD"))
    var today: String?

    mutating func validate() throws {
        if let today, let problem = CommonOptions.todayProblem(today, from: "--today") { throw ValidationError(problem) }
        if let width, width < 20 { throw ValidationError("--width must be at least 20 columns") }
        if format == .xlsx && output == nil {
            throw ValidationError("--format xlsx writes a workbook, not text: add -o FILE.xlsx")
        }
        for p in parameters {
            if let problem = CommonOptions.parameterProblem(p) { throw ValidationError(problem) }
        }
    }

    /// Why a `--param` value is not `name=value` with a proper name, or nil when it is.
    static func parameterProblem(_ p: String) -> String? {
        guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
            return "--param needs name=value, got '\(p)'"
        }
        let name = p[..<eq]
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            return "--param name '\(name)' must be letters, digits or _"
        }
        return nil
    }

    /// Why a `--today` (or `CLIENTELE_TODAY`) value is not a date, or nil when it is one.
    static func todayProblem(_ text: String, from source: String) -> String? {
        CalendarDate(iso: text) == nil ? "\(source): '\(text)' is not a date; give one as YYYY-MM-DD, e.g. 2025-12-31" : nil
    }

    /// The parsed values, as `Setup` takes them.
    var values: RunOptions {
        RunOptions(readOnly: readOnly, format: format.outputFormat, workbook: format.isWorkbook, report: format.isReport, output: output, noColor: noColor,
                   width: width, initFile: initFile, noInit: noInit, parameters: parameters, cache: cache, today: today)
    }
}

/// The common flags as plain values: from `CommonOptions`, or from `FastArguments` for the
/// plain invocations that do not need ArgumentParser.
struct RunOptions {
    var readOnly = false
    var format: OutputFormat = .table
    /// `--format xlsx`: results go to the workbook `output` (format is then csv, so that
    /// messages go to stderr).
    var workbook = false
    /// `--format html`: each script's results make one HTML report, written to `output`
    /// (by a rename, after the script succeeded) or to standard output.
    var report = false
    var output: String?
    var noColor = false
    var width: Int?
    var initFile: String?
    var noInit = false
    /// `name=value`, validated.
    var parameters: [String] = []
    var cache: CacheChoice = .auto
    /// `--today`, validated; nil: CLIENTELE_TODAY, else the machine's date.
    var today: String?

    var parameterValues: [String: String] {
        var out: [String: String] = [:]
        for p in parameters {
            let eq = p.firstIndex(of: "=")!
            out[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        return out
    }
}

/// `--format`: the text formats of the renderers (by their names and the other shells'
/// aliases), and xlsx, which the CLI writes itself.
struct ResultFormat: ExpressibleByArgument, Equatable {
    var outputFormat: OutputFormat
    var isWorkbook: Bool
    /// `--format html` on the command line is the whole report (`.mode html` in the shell
    /// stays sqlite3's `<table>` fragment per result).
    var isReport: Bool { outputFormat == .html && !isWorkbook }

    static let xlsx = ResultFormat(outputFormat: .csv, isWorkbook: true)
    static let table = ResultFormat(outputFormat: .table, isWorkbook: false)

    init(outputFormat: OutputFormat, isWorkbook: Bool) {
        self.outputFormat = outputFormat
        self.isWorkbook = isWorkbook
    }

    init?(argument: String) {
        if argument.lowercased() == "xlsx" { self = .xlsx; return }
        guard let f = OutputFormat(name: argument) else { return nil }
        self.init(outputFormat: f, isWorkbook: false)
    }

    static var allValueStrings: [String] { OutputFormat.allNames + ["xlsx"] }
}

enum CacheChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, on, off
    var mode: FactsCache.Mode {
        switch self {
        case .auto: return .automatic
        case .on: return .always
        case .off: return .off
        }
    }
}
