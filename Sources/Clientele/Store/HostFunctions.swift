import GRDB
import ClienteleCore

/// Host functions computed in Swift, as SQLite functions of one connection.
enum HostFunctions {
    /// Installs the engine's functions on the connection a script runs on. Installed per
    /// script rather than when the store opens: engines sharing a store each bring their own.
    static func install(_ functions: [HostFunction], in db: Database) {
        for function in functions {
            guard case .swift(let body) = function.body else { continue }
            db.add(function: sqliteFunction(function, body))
        }
    }

    /// Arguments arrive and the result leaves in the store's encoding (money in minor
    /// units, percent in basis points, dates as ISO text...: `SQLContext.databaseValue`).
    static func sqliteFunction(_ function: HostFunction, _ body: @escaping @Sendable ([Value]) throws -> Value) -> DatabaseFunction {
        let types = function.argumentTypes
        return DatabaseFunction(HostFunctionSQL.sqlName(function), argumentCount: types.count, pure: true) { values in
            let arguments = zip(values, types).map { ResultReader.value($0, type: $1) }
            let result: Value
            do {
                result = try body(arguments)
            } catch {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "\(function.name) failed: \(error)")
            }
            guard result.isNull || result.type == function.resultType else {
                throw DatabaseError(resultCode: .SQLITE_ERROR,
                                    message: "\(function.name) returned \(result.type.rawValue), but it is declared to return \(function.resultType.rawValue)")
            }
            return SQLContext.databaseValue(result)
        }
    }
}
