import ClienteleCore

/// JSON (an array of objects, one per row, keys in column order) and JSON Lines (one object
/// per line), by the shared `JSONTableWriter`. A file writes percents as text (`"12.5%"`);
/// the screen writes them as numbers: see `JSONTableWriter.PercentStyle`.
package enum JSONExport {
    package static let writer = JSONTableWriter(percents: .text)

    package static func document(_ table: Table) -> String {
        writer.lines(table, jsonLines: false).joined(separator: "\n") + "\n"
    }

    package static func lines(_ table: Table) -> String {
        writer.lines(table, jsonLines: true).map { $0 + "\n" }.joined()
    }
}
