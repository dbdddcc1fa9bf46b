import Foundation
import ClienteleCore

/// The front end (lexer, parser, checker, diagnostic rendering) without a store, for the
/// libFuzzer target `clientele-fuzz` and for tests that feed it hostile text. Nothing runs:
/// the checker sees the standard catalog and the default stored settings.
///
/// ```swift
/// let diagnostics = FuzzEntry.check("clients | where regoin == 1")   // one: unknown field
/// ```
package enum FuzzEntry {
    static let settingTypes: [String: ValueType] = Dictionary(
        Schema.allDefaultSettings.map { ($0.key, ValueType(rawValue: $0.type) ?? .text) },
        uniquingKeysWith: { first, _ in first })

    /// Parses and checks `text`, renders every diagnostic (as the CLI would print it) and
    /// returns them. Must never crash, whatever the text.
    @discardableResult
    package static func check(_ text: String) -> [Diagnostic] {
        if text.contains("\u{0}") { return [Diagnostic(message: "NUL", span: Engine.span(of: "\u{0}", in: text))] }
        var (script, diagnostics) = Parser.parse(text)
        // include reads files; the engine resolves it before checking, so leave it out here.
        script.statements = script.statements.filter { if case .include = $0 { return false } else { return true } }
        var checker = Checker(catalog: Catalog(), storeSettings: settingTypes, lets: [:], params: [:], readOnly: false)
        _ = checker.check(script)
        diagnostics += checker.diagnostics
        _ = CheckFailure(diagnostics: diagnostics, source: text, origin: "fuzz").rendered()
        return diagnostics
    }

    /// Reads `data` as an import would read a file (BOM, encoding and separator detection,
    /// every record, with the default limits) and maps its header for every import target.
    /// Returns the records read (the header included). Must never crash, whatever the bytes;
    /// nothing touches a store.
    @discardableResult
    package static func csv(_ data: Data) -> Int {
        guard let source = try? RecordSource.open(ImportFile(name: "fuzz.csv", contents: data), options: ImportOptions()) else {
            return 0
        }
        var rows: [SourceRow] = []
        while let row = try? source.records.next() { rows.append(row) }
        if let header = rows.first(where: { !$0.isBlank }), header.problem == nil {
            for target in ImportTarget.allCases {
                guard let map = try? HeaderMap(header: header.fields, target: target, mapping: [:]) else { continue }
                for row in rows.dropFirst() {
                    var check = RowCheck(row: row, map: map)
                    if let p = row.problem { check.reject(p) } else { check.checkWidth() }
                    _ = check.errors.map(\.description)
                }
            }
        }
        return rows.count
    }
}
