import Foundation
import GRDB
import ClienteleCore

// The planner (ClienteleCore) binds `SQLValue`s; the engine's statements still run through
// GRDB, so the values are converted here, where they meet the database.
extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .text(let s): return s.databaseValue
        case .real(let d): return d.databaseValue
        case .blob(let b): return Data(b).databaseValue
        }
    }
}

extension SQLContext {
    var arguments: [String: DatabaseValue] { statement.values.mapValues(\.databaseValue) }
    var statementArguments: StatementArguments { StatementArguments(arguments) }

    static func databaseValue(_ v: Value) -> DatabaseValue { StatementContext.sqlValue(v).databaseValue }
}
