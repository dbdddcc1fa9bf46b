import ClienteleCore

/// How a call of a host function is written in SQL.
enum HostFunctionSQL {
    /// Swift-computed functions are registered on the connection under a prefixed name, so
    /// that a host's `vat` or `round` can never replace an SQL function of the same name.
    static func sqlName(_ function: HostFunction) -> String { "HOST_" + function.name }

    /// `swiftRefused`: why the store cannot call functions computed in Swift, if it cannot.
    static func call(_ host: HostFunction, _ arguments: [SQLExpr], dialect: SQLDialect, swiftRefused: StoreError? = nil) throws -> SQLExpr {
        switch host.body {
        case .swift:
            if let swiftRefused { throw swiftRefused }
            return .call(.host(host.name), arguments)
        case .sql(let texts):
            guard let text = texts[dialect.hostDialect] else {
                throw PlanError.internalError("\(host.name) has no SQL for \(dialect.hostDialect.rawValue)")
            }
            let pieces = HostFunction.pieces(of: text).map { piece -> HostSQLPiece in
                switch piece {
                case .text(let t): return .text(t)
                case .argument(let i): return .argument(i)
                }
            }
            return .call(.hostSQL(pieces), arguments)
        }
    }
}

extension SQLDialect {
    /// Which of a host's SQL texts this dialect runs.
    var hostDialect: HostFunction.Dialect { self is SQLiteDialect ? .sqlite : .postgresql }
}
