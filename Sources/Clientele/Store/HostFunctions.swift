import ClienteleCore

/// Host functions computed in Swift, as functions the store's statements call.
enum HostFunctions {
    /// Installs the engine's functions on the transaction a script runs in. Installed per
    /// script rather than when the store opens: engines sharing a store each bring their own.
    static func install(_ functions: [HostFunction], in tx: any StoreTransaction) throws {
        let swift = functions.compactMap { f -> StoreFunction? in
            guard case .swift(let body) = f.body else { return nil }
            return storeFunction(f, body)
        }
        if !swift.isEmpty { try tx.install(functions: swift) }
    }

    /// Arguments arrive and the result leaves in the store's encoding (money in minor
    /// units, percent in basis points, dates as ISO text...: `StatementContext.sqlValue`).
    static func storeFunction(_ function: HostFunction, _ body: @escaping @Sendable ([Value]) throws -> Value) -> StoreFunction {
        let types = function.argumentTypes
        return StoreFunction(name: HostFunctionSQL.sqlName(function), argumentCount: types.count) { values in
            let arguments = zip(values, types).map { ResultReader.value($0, type: $1) }
            let result: Value
            do {
                result = try body(arguments)
            } catch {
                throw StoreError(.other, "\(function.name) failed: \(error)")
            }
            guard result.isNull || result.type == function.resultType else {
                throw StoreError(.other, "\(function.name) returned \(result.type.rawValue), but it is declared to return \(function.resultType.rawValue)")
            }
            return StatementContext.sqlValue(result)
        }
    }
}
