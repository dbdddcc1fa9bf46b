import Foundation
import Clientele

/// Receives a script's outputs from the engine and renders them as they come.
/// Messages ("1 client added") stay beside tables, but go to stderr with the data formats
/// so that CSV and JSON output stays pure data.
final class ShellOutput: Clientele.OutputSink {
    /// Text held back before streaming starts.
    static let holdLimit = 1 << 20
    private unowned let shell: Shell
    /// The interactive terminal keeps everything (tables there show at most `maxRows`
    /// rows) to decide on the pager.
    private let forPager: Bool
    private var buffer = ""
    /// Where in `buffer` results ended (utf8 offsets): a `.once` file takes only the first.
    private var resultEnds: [Int] = []
    private var streaming = false
    /// What the script showed, for `.last` and `.excel` (the REPL only; rows beyond
    /// `LastResult.rowLimit` are not kept).
    private var collected: LastResult?
    private var heldMessages: [String] = []
    private var renderer: StreamingRenderer!

    init(shell: Shell, options: RenderOptions, buffered: Bool) {
        self.shell = shell
        self.forPager = buffered
        if shell.interactive { collected = LastResult() }
        renderer = StreamingRenderer(options: options) { [unowned self] text in self.take(text) }
    }

    private func take(_ text: String) {
        if streaming { shell.sink.write(text); return }
        buffer += text
        if !forPager && buffer.utf8.count > ShellOutput.holdLimit {
            writeHeldMessages()
            writeBuffer()
            streaming = true
        }
    }

    private func writeHeldMessages() {
        for m in heldMessages { Diagnostics.line(m) }
        heldMessages = []
    }

    /// A result (not a message) was written whole: a `.once` file closes here.
    private func endResult() {
        if streaming { shell.sink.finishResult() } else { resultEnds.append(buffer.utf8.count) }
    }

    /// The script's results, kept for `.last` once it succeeded.
    var lastResult: LastResult? { collected.flatMap { $0.outputs.contains(where: { !isMessage($0) }) ? $0 : nil } }

    func emit(_ output: Output) throws {
        collected?.outputs.append(output)
        if let report = shell.report {
            if !(shell.quiet && isMessage(output)) { report.add(output) }
            return
        }
        if let workbook = shell.workbook, !isMessage(output) {
            try workbook.add(output)
            return
        }
        if case .message(let m) = output {
            if shell.quiet { return }
            if !shell.format.keepsMessages {
                if streaming { Diagnostics.line(m) } else { heldMessages.append(m) }
                return
            }
        }
        renderer.emit(output)
        if !isMessage(output) { endResult() }
        try checkWrites()
    }
    func beginTable(_ columns: [Column]) throws {
        collected?.beginTable(columns)
        if let report = shell.report { report.beginTable(columns); return }
        if let workbook = shell.workbook { workbook.beginTable(columns); return }
        renderer.beginTable(columns); try checkWrites()
    }
    func row(_ values: [Value]) throws {
        collected?.row(values)
        if let report = shell.report { report.row(values); return }
        if let workbook = shell.workbook { try workbook.row(values); return }
        renderer.row(values); try checkWrites()
    }
    func endTable() throws {
        collected?.endTable()
        if let report = shell.report { report.endTable(); return }
        if let workbook = shell.workbook { try workbook.endTable(); return }
        renderer.endTable()
        endResult()
        try checkWrites()
    }

    private func isMessage(_ output: Output) -> Bool {
        if case .message = output { return true }
        return false
    }

    /// Writes what was held back before the script's transaction commits, so that results
    /// that cannot be written (a full disk) roll the script back. The pager still shows
    /// them after the commit.
    func willCommit() throws {
        try shell.workbook?.stage(currency: shell.workbookCurrency)
        try shell.report?.stage(sink: shell.sink)
        if !forPager { flush(pager: false) }
        try checkWrites()
    }

    /// Stops the script at the first failed write of its results.
    private func checkWrites() throws {
        if let failure = shell.sink.failure { throw OutputWriteFailure(description: failure) }
    }

    /// Writes what was held back, through the pager when it is longer than the screen.
    func flush(pager: Bool) {
        writeHeldMessages()
        guard !buffer.isEmpty else { return }
        if pager, let size = Terminal.size(), Pager.show(buffer, screenRows: size.rows) {
            // shown in the pager
            buffer = ""
            resultEnds = []
        } else {
            writeBuffer()
        }
    }

    /// Writes what was held back, closing a `.once` file where its result ended.
    private func writeBuffer() {
        var start = 0
        let bytes = Array(buffer.utf8)
        for end in resultEnds where end > start {
            shell.sink.write(String(decoding: bytes[start..<end], as: UTF8.self))
            shell.sink.finishResult()
            start = end
        }
        if start < bytes.count { shell.sink.write(String(decoding: bytes[start...], as: UTF8.self)) }
        buffer = ""
        resultEnds = []
    }

    /// Drops what was held back (the script was rolled back).
    func discard() {
        buffer = ""
        resultEnds = []
        heldMessages = []
        collected = nil
    }
}

/// The outputs of the last script that showed a result, whole (`.last`, `.excel`): tables
/// up to `rowLimit` rows in all, so that a result of millions of rows is not held twice.
struct LastResult {
    static let rowLimit = 1_000_000
    var outputs: [Output] = []
    /// Rows left out past `rowLimit`.
    private(set) var rowsLeftOut = 0
    private var columns: [Column] = []
    private var rows: [[Value]] = []
    private var kept = 0

    mutating func beginTable(_ columns: [Column]) { self.columns = columns; rows = [] }
    mutating func row(_ values: [Value]) {
        if kept < LastResult.rowLimit { rows.append(values); kept += 1 } else { rowsLeftOut += 1 }
    }
    mutating func endTable() {
        outputs.append(.table(Table(columns: columns, rows: rows)))
        rows = []
    }
}
