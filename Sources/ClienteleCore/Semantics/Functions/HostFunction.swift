/// A function a host program adds to the language of one engine.
///
/// The checker types its calls from `arguments` and `result` (a literal argument is read
/// as the declared type: `vat(100)` with a money argument is 100.00), completion offers
/// its name and `help functions` lists it with its help line. Computed in Swift, it runs
/// on every row SQLite evaluates it for; given as SQL, it is inlined in the query.
///
/// ```swift
/// let vat = HostFunction(name: "vat", arguments: [.money], result: .money,
///                        help: "the VAT included in a gross amount (20%)",
///                        example: "orders | select number, vat = vat(gross)") { values in
///     guard case .money(let gross) = values[0] else { return .null }
///     return .money(Money(minorUnits: (gross.minorUnits * 20 + 60) / 120))
/// }
/// try engine.register(function: vat)
/// try engine.run("orders | where vat(gross) > 100 | count")
/// ```
///
/// Values reach a Swift body typed as declared (money as `Money`, dates as `CalendarDate`,
/// null as `.null`); it must return a value of the result type, or `.null`. An error it
/// throws stops the script, which is rolled back, and its description is the message.
public struct HostFunction: Sendable {
    /// The SQL engines a host can give a body for.
    ///
    /// ```swift
    /// HostFunction(name: "net", arguments: [.money], result: .money, help: "net of 20% VAT",
    ///              sql: [.sqlite: "($1 * 100 + 60) / 120", .postgresql: "($1 * 100 + 60) / 120"])
    /// ```
    public enum Dialect: String, Sendable, Hashable, CaseIterable {
        case sqlite, postgresql
    }

    /// How the function is computed: in Swift, or as SQL the host gives per dialect.
    ///
    /// ```swift
    /// HostFunction(name: "half", arguments: [.money], result: .money, help: "half of it", body: .sql([.sqlite: "$1 / 2"]))
    /// ```
    public enum Body: Sendable {
        /// Computed in Swift, on the values of one call.
        case swift(@Sendable ([Value]) throws -> Value)
        /// SQL text per dialect, where `$1`, `$2`... stand for the arguments as the store
        /// holds them: money in minor units (cents), percent in basis points, decimals in
        /// hundredths, dates as ISO text, booleans as 0 or 1. The text is the host's and is
        /// put in the query as it is: it must not contain user input.
        case sql([Dialect: String])
    }

    /// The name queries call it by, in lower case (`vat`).
    public let name: String
    /// The types of its arguments, in order (`[.money]`).
    public let argumentTypes: [ValueType]
    /// The type of its result (`.money`).
    public let resultType: ValueType
    /// One line for `help functions`.
    public let help: String
    /// A query that uses it, for `help functions`.
    public let example: String?
    /// How it is computed (`.swift(...)` or `.sql([...])`).
    public let body: Body

    /// A function computed in Swift.
    ///
    /// ```swift
    /// HostFunction(name: "initials", arguments: [.text], result: .text, help: "the first letter of each word") {
    ///     guard case .text(let s) = $0[0] else { return .null }
    ///     return .text(String(s.split(separator: " ").compactMap(\.first)))
    /// }
    /// ```
    public init(name: String, arguments: [ValueType], result: ValueType, help: String, example: String? = nil,
                implementation: @escaping @Sendable ([Value]) throws -> Value) {
        self.init(name: name, arguments: arguments, result: result, help: help, example: example, body: .swift(implementation))
    }

    /// A function given as SQL, for each dialect it may run on.
    ///
    /// ```swift
    /// HostFunction(name: "net_of_vat", arguments: [.money], result: .money,
    ///              help: "a gross amount without its 20% VAT", sql: [.sqlite: "($1 * 100 + 60) / 120"])
    /// ```
    public init(name: String, arguments: [ValueType], result: ValueType, help: String, example: String? = nil,
                sql: [Dialect: String]) {
        self.init(name: name, arguments: arguments, result: result, help: help, example: example, body: .sql(sql))
    }

    /// A function with its body given as a `Body` value.
    ///
    /// ```swift
    /// HostFunction(name: "one", arguments: [], result: .integer, help: "1", body: .swift { _ in .integer(1) })
    /// ```
    public init(name: String, arguments: [ValueType], result: ValueType, help: String, example: String? = nil, body: Body) {
        self.name = name.lowercased()
        self.argumentTypes = arguments
        self.resultType = result
        self.help = help
        self.example = example
        self.body = body
    }

    /// How a call looks, for help: `vat(money)`.
    public var usage: String { "\(name)(\(argumentTypes.map(\.rawValue).joined(separator: ", ")))" }

    /// Why a function cannot be registered.
    ///
    /// ```swift
    /// do { try engine.register(function: f) } catch let e as HostFunction.RegistrationError { print(e) }
    /// ```
    public enum RegistrationError: Error, Equatable, CustomStringConvertible {
        case invalidName(String)
        /// The name is a built-in function, an aggregate, a keyword or a field that takes a period.
        case reservedName(String)
        case alreadyRegistered(String)
        /// null and label are not types a function can declare.
        case unsupportedType(String, ValueType)
        /// A function given as SQL has none for the engine's dialect.
        case noSQL(String, Dialect)
        /// The SQL names an argument (`$3`) the function does not take.
        case argumentOutOfRange(String, Int)

        /// The reason as a sentence: `'9lives' cannot name a function: ...`.
        public var description: String {
            switch self {
            case .invalidName(let n):
                return "'\(n)' cannot name a function: use letters, digits and _, starting with a letter"
            case .reservedName(let n): return "'\(n)' is a name the language already uses"
            case .alreadyRegistered(let n): return "a function named '\(n)' is already registered"
            case .unsupportedType(let n, let t): return "\(n) cannot declare the type \(t.rawValue)"
            case .noSQL(let n, let d): return "\(n) has no SQL for \(d.rawValue)"
            case .argumentOutOfRange(let n, let i): return "\(n)'s SQL uses $\(i), but it takes fewer arguments"
            }
        }
    }
}

extension HostFunction {
    /// A host's SQL text cut at its argument markers: `($1 * 100) / $2` is text, argument 0,
    /// text, argument 1. Cut once, so an argument's own SQL is never read for markers.
    package enum SQLPiece: Sendable, Equatable {
        case text(String)
        /// Zero-based.
        case argument(Int)
    }

    package static func pieces(of sql: String) -> [SQLPiece] {
        var pieces: [SQLPiece] = []
        var text = ""
        var scalars = sql.unicodeScalars[...]
        while let c = scalars.popFirst() {
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            guard c == "$", !digits.isEmpty, let n = Int(String(String.UnicodeScalarView(digits))), n >= 1 else {
                text.unicodeScalars.append(c)
                continue
            }
            scalars = scalars.dropFirst(digits.count)
            if !text.isEmpty { pieces.append(.text(text)); text = "" }
            pieces.append(.argument(n - 1))
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    /// Why the SQL given for a dialect cannot be used, or nil.
    package func sqlProblem(for dialect: Dialect) -> RegistrationError? {
        guard case .sql(let texts) = body else { return nil }
        guard let text = texts[dialect] else { return .noSQL(name, dialect) }
        for case .argument(let i) in HostFunction.pieces(of: text) where i >= argumentTypes.count {
            return .argumentOutOfRange(name, i + 1)
        }
        return nil
    }
}
