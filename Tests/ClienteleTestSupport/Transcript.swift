import Foundation
import Clientele

extension Engine {
    /// Runs source and renders everything it printed, errors included, as the CLI would
    /// (tables at a fixed width so that golden text is stable). Shared by the golden tests on
    /// SQLite and on the PostgreSQL server.
    public func transcript(_ source: String, origin: String = "<test>", width: Int = 100) -> String {
        let renderer = Renderer(options: RenderOptions(format: .table, width: width, maxRows: nil, color: false, currency: currency))
        do {
            return try run(source, origin: origin).map { renderer.render($0) }.joined()
        } catch let f as ClienteleError {
            return f.text
        } catch {
            return "unexpected error: \(error)\n"
        }
    }
}
