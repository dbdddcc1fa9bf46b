import Foundation
import GRDB
@testable import Clientele

/// The hand-made fixture store (Golden/fixture.sql), with today pinned to 2025-12-31.
enum Fixture {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden")
    static let today = CalendarDate(iso: "2025-12-31")!

    static func temporaryPath(_ name: String = "store") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("\(name).sqlite").path
    }

    static func store(readOnly: Bool = false) throws -> Store {
        let path = temporaryPath()
        let store = try Store(path: path)
        let sql = try String(contentsOf: goldenDirectory.appendingPathComponent("fixture.sql"), encoding: .utf8)
        try store.write { try $0.execute(sql: sql) }
        return readOnly ? try Store(path: path, readOnly: true) : store
    }

    static func engine(readOnly: Bool = false) throws -> Engine {
        Engine(store: try store(readOnly: readOnly), session: Session(today: today))
    }
}

extension Engine {
    /// Runs source and renders everything it printed, errors included, as the CLI would
    /// (tables at a fixed width so that golden text is stable).
    func transcript(_ source: String, origin: String = "<test>", width: Int = 100) -> String {
        let renderer = Renderer(options: RenderOptions(format: .table, width: width, maxRows: nil, color: false, currency: currency))
        do {
            return try run(source, origin: origin).map { renderer.render($0) }.joined()
        } catch let f as CheckFailure {
            return f.rendered()
        } catch let f as ExecutionFailure {
            return f.rendered()
        } catch {
            return "unexpected error: \(error)\n"
        }
    }
}
