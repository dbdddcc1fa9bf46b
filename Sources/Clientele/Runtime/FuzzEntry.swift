/// The front end (lexer, parser, checker, diagnostic rendering) without a store, for the
/// libFuzzer target `clientele-fuzz` and for tests that feed it hostile text. Nothing runs:
/// the checker sees the standard catalog and the default stored settings.
///
/// ```swift
/// let diagnostics = FuzzEntry.check("clients | where regoin == 1")   // one: unknown field
/// ```
public enum FuzzEntry {
    static let settingTypes: [String: ValueType] = Dictionary(
        Schema.allDefaultSettings.map { ($0.key, ValueType(rawValue: $0.type) ?? .text) },
        uniquingKeysWith: { first, _ in first })

    /// Parses and checks `text`, renders every diagnostic (as the CLI would print it) and
    /// returns them. Must never crash, whatever the text.
    @discardableResult
    public static func check(_ text: String) -> [Diagnostic] {
        if text.contains("\u{0}") { return [Diagnostic(message: "NUL", span: Engine.span(of: "\u{0}", in: text))] }
        var (script, diagnostics) = Parser.parse(text)
        // include reads files; the engine resolves it before checking, so leave it out here.
        script.statements = script.statements.filter { if case .include = $0 { return false } else { return true } }
        var checker = Checker(catalog: .standard, storeSettings: settingTypes, lets: [:], params: [:], readOnly: false)
        _ = checker.check(script)
        diagnostics += checker.diagnostics
        _ = CheckFailure(diagnostics: diagnostics, source: text, origin: "fuzz").rendered()
        return diagnostics
    }
}
