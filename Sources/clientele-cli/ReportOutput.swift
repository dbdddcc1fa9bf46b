import Foundation
import Clientele
import ClienteleInterchange

/// `--format html`: a script's results as one HTML report (`HTMLReport`). With `-o FILE`
/// the page is staged before the script's transaction commits (a failed write rolls the
/// script back) and gets its name only when the script succeeded, by a rename, so a
/// failed script or write leaves the earlier file as it was; never the store. Without
/// `-o` the page goes to standard output once the script has run. Each script (each REPL
/// line) writes the report anew.
final class ReportOutput {
    let path: String?
    private let storePath: String?
    private var report = HTMLReport(title: "")
    private var columns: [Column] = []
    private var rows: [[Value]] = []
    private var rowsLeftOut = 0
    private var staged: StagedFiles?

    init(path: String?, storePath: String?) {
        self.path = path
        self.storePath = storePath
    }

    /// The report's title: the script's name (`monthly-abc-risk`), else "Clientele report".
    static func title(origin: String) -> String {
        let name = (PathText.name(of: origin) as NSString).deletingPathExtension
        return origin.hasSuffix(".clq") && !name.isEmpty ? name : "Clientele report"
    }

    func begin(origin: String, currency: String) {
        staged?.discard()
        staged = nil
        report = HTMLReport(title: ReportOutput.title(origin: origin), currency: currency)
    }

    func add(_ output: Output) { report.add(output) }

    func beginTable(_ columns: [Column]) { self.columns = columns; rows = []; rowsLeftOut = 0 }
    /// At most `HTMLReport.rowLimit` rows a table are kept: memory stays bounded.
    func row(_ values: [Value]) {
        if rows.count < HTMLReport.rowLimit { rows.append(values) } else { rowsLeftOut += 1 }
    }
    func endTable() {
        report.add(.table(Table(columns: columns, rows: rows)), rowsLeftOut: rowsLeftOut)
        rows = []
        rowsLeftOut = 0
    }

    /// Before the commit: the page written in full to a file without its name yet, or to
    /// standard output (through `sink`, whose failure the caller checks).
    func stage(sink: ResultDestination) throws {
        let page = report.document()
        guard let path else { sink.write(page); return }
        let files = StagedFiles(storePath: storePath)
        do {
            try files.stage(Data(page.utf8), at: path, shown: path, replace: true)
        } catch {
            throw OutputWriteFailure(description: "\(error)")
        }
        staged = files
    }

    /// After the script succeeded: the file gets its name; the message when it could not.
    func commit() -> String? {
        defer { staged = nil }
        guard let staged else { return nil }
        do { try staged.commit() } catch { return "\(error)" }
        return nil
    }

    func discard() { staged?.discard(); staged = nil }
}
