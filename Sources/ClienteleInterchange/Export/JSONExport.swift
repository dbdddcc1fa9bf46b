import ClienteleCore

/// JSON (an array of objects, one per row, keys in column order) and JSON Lines (one object
/// per line), by the shared `JSONTableWriter`. Percents are numbers of percent (`12.5`),
/// as `--format json` writes them: one representation (issue 22), see docs/cli.md.
package enum JSONExport {
    package static let writer = JSONTableWriter(percents: .number)

    package static func document(_ table: Table) -> String {
        writer.lines(table, jsonLines: false).joined(separator: "\n") + "\n"
    }

    package static func lines(_ table: Table) -> String {
        writer.lines(table, jsonLines: true).map { $0 + "\n" }.joined()
    }
}
