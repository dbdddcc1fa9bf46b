import Foundation
import Clientele

/// The REPL's first line: which store, how big, which dates its orders cover, and the date
/// "today" means when it is not the machine's (--today, CLIENTELE_TODAY, the init file).
///
/// ```
/// clientele on sales.sqlite (2.4 MB; 812 orders, 2024-01-01..2025-12-31).
/// today = 2025-12-31 (not the machine's date).
/// Type help for the language, .help for the shell, Ctrl-D to leave.
/// ```
enum Banner {
    static func text(_ engine: Engine) -> String {
        var facts: [String] = []
        if let path = engine.sqliteStore?.path,
           let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value {
            facts.append(ByteCountFormatter.string(fromByteCount: size, countStyle: .file))
        }
        let query = "orders | agg n = count(), first = min(order_date), last = max(order_date)"
        if case .table(let t)? = (try? engine.run(query, origin: "<banner>"))?.first, let row = t.rows.first, row.count == 3 {
            let n = row[0].plain
            facts.append(n == "0" ? "no orders" : "\(n) order\(n == "1" ? "" : "s"), \(row[1].plain)..\(row[2].plain)")
        }
        var line = "clientele on \(engine.location)"
        if !facts.isEmpty { line += " (" + facts.joined(separator: "; ") + ")" }
        if engine.isReadOnly { line += " (read-only)" }
        line += "."
        let today = engine.session.today
        if today != CalendarDate.today() { line += "\ntoday = \(today.iso) (not the machine's date)." }
        return line + "\nType help for the language, .help for the shell, Ctrl-D to leave."
    }
}
