import Foundation
import ClienteleCore

extension Engine {
    /// Whether `source` is one query (a pipeline that only reads) that a shell may run again
    /// with more stages: the REPL's line `| count` right after `clients | where abc == "A"`
    /// continues that statement. False for anything that changes the store or the session
    /// (`add`, `update`, `set`, `let`...), several statements, and text that does not parse.
    ///
    /// ```swift
    /// engine.isContinuableQuery("clients | where region == \"North\"")   // true
    /// engine.isContinuableQuery("delete clients | where outlets == 0")   // false
    /// ```
    public func isContinuableQuery(_ source: String) -> Bool {
        let (script, diagnostics) = Parser.parse(source)
        guard diagnostics.isEmpty, script.statements.count == 1, case .query = script.statements[0] else { return false }
        return true
    }
}
