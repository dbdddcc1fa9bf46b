import ClienteleCore
import ClienteleInterchange

/// `mode json` and `mode jsonl`, by the shared `JSONTableWriter` that `export` uses too
/// (see there for how each value is written). On screen a percent is the number of percent
/// (`2.5`); in an exported file it is text (`"2.5%"`).
///
/// - table: `[` newline, one object per line, `]` (`[]` when empty); JSONL: the objects alone.
/// - scalar: `{"count": 42}`; message: `{"message": "3 clients updated."}`;
///   chart: its data, objects `{"label": "A", "value": 1234567.00}`.
struct JSONRenderer {
    /// JSONL: one object per line, no enclosing array.
    let lines: Bool
    static let writer = JSONTableWriter(percents: .number)

    func render(_ output: Output) -> [String] {
        switch output {
        case .scalar(let name, let value):
            return [object([name], [value])]
        case .message(let text):
            return [object(["message"], [.text(text)])]
        case .table(let table):
            return Self.writer.lines(table, jsonLines: lines)
        case .chart, .lineChart:
            return Self.writer.lines(Renderer.tabular(output), jsonLines: lines)
        }
    }

    func object(_ keys: [String], _ values: [Value]) -> String {
        Self.writer.object(keys, values)
    }

    static func uniqueKeys(_ names: [String]) -> [String] { JSONTableWriter.uniqueKeys(names) }
}
