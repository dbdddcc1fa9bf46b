/// The objects of the language, their fields and relationships. Identifiers in generated
/// SQL come only from here, never from user text.

/// How a field is computed in SQL.
package enum FieldKind: Sendable {
    /// A column of the object's own table.
    case column(String)
    /// An expression over the object's table alias (`$` stands for the alias).
    case expression(String)
    /// The next anniversary of a date column, from today (today itself included): a birthday's
    /// next date; 29 February falls on 28 February in common years.
    case nextAnniversary(of: String)
    /// A holiday's next date, from today (today included), from its month, day, weekday and
    /// week columns (HolidayDate).
    case nextHoliday
    /// A to-one relationship: the field is another object (`order.client`).
    case relation(object: String, foreignKey: String)
    /// A per-client measure over a period (turnover, late_payments...).
    case metric(ClientMeasure)
    /// A per-client segment computed from measures and stored settings (abc, risk...).
    case segment(ClientSegment)
    /// A per-client estimate of the customer-base models over a period (p_alive, clv...).
    case model(ClientModelMeasure)
}

package enum ClientMeasure: String, Sendable, CaseIterable {
    case turnover, ordersCount = "orders_count", avgOrder = "avg_order", firstOrder = "first_order",
         lastOrder = "last_order", daysSinceLastOrder = "days_since_last_order",
         latePayments = "late_payments", maxOverdueDays = "max_overdue_days", unpaid
}

package enum ClientSegment: String, Sendable, CaseIterable {
    case abc, risk, status, salesType = "sales_type"
    // Segmentation and first-deal rules (Analytics/): see docs/segmentation.md.
    case importance, importanceGroup = "importance_group", rfm, rfmR = "rfm_r", rfmF = "rfm_f", rfmM = "rfm_m", rfmSegment = "rfm_segment"
    case creditLimit = "credit_limit", openBalance = "open_balance",
         shipmentBlocked = "shipment_blocked", blockReasons = "block_reasons", exposure
    // The dossier's history, as of today (ClientMeasures.contactField).
    case lastContact = "last_contact", daysSinceContact = "days_since_contact", nextPromisedPayment = "next_promised_payment"
    // Memorable dates: the holidays table (ClientMeasures.holidayField).
    case nextHoliday = "next_holiday", nextHolidayName = "next_holiday_name"
    // Validation (ClientChecks.swift).
    case salesTypeConflict = "sales_type_conflict", duplicateOf = "duplicate_of", duplicateReason = "duplicate_reason"
    /// Segments that depend on a period (status and the shipment rules are judged as of today).
    package var takesPeriod: Bool { [.abc, .risk, .importance, .rfm, .rfmR, .rfmF, .rfmM, .rfmSegment].contains(self) }
    /// The column of `clients` that a writable segment is set in (when set, it wins over the computed value).
    package var storedColumn: String? {
        switch self {
        case .salesType: return "sales_type"
        case .creditLimit: return "credit_limit_minor"
        default: return nil
        }
    }
}

package struct FieldDef: Sendable {
    package var name: String
    package var type: ValueType
    package var kind: FieldKind
    package var summary: String
    /// The closed list of values of a label field.
    package var labels: [String] = []
    /// Whether `add` / `update` may set it (plain columns only).
    package var writable: Bool = false
    /// Whether `add` must be given it.
    package var required: Bool = false

    package var takesPeriod: Bool {
        switch kind {
        case .metric, .model: return true
        case .segment(let s): return s.takesPeriod
        default: return false
        }
    }
}

/// A one-to-many relationship usable in aggregates: `count(orders)`, `sum(orders.net)`.
package struct ToMany: Sendable {
    package var name: String
    package var object: String
    package var foreignKey: String
}

package struct ObjectDef: Sendable {
    package var name: String
    package var singular: String
    package var table: String
    package var summary: String
    package var fields: [FieldDef]
    package var toMany: [ToMany] = []
    /// Columns shown when a query has no `select`.
    package var defaultColumns: [String]
    /// Whether add / update / delete apply.
    package var mutable: Bool = true

    package func field(_ name: String) -> FieldDef? {
        let n = name.lowercased()
        // Names are lower case, except a result's own (`Δnet` of compare ... clients).
        return fields.first { $0.name == n } ?? fields.first { $0.name.lowercased() == n }
    }
    package func relation(named name: String) -> ToMany? { toMany.first { $0.name == name.lowercased() } }
}

/// A scalar function a call resolved to: built in, or registered by the host.
package enum FunctionRef: Sendable {
    case builtin(BuiltinFunction.ID)
    case host(HostFunction)

    package var name: String {
        switch self {
        case .builtin(let id): return id.rawValue
        case .host(let f): return f.name
        }
    }
}

/// What the language knows: its objects and its functions. Each engine holds its own, so
/// the functions one host registers are not seen by another engine.
package struct Catalog: Sendable {
    package var objects: [ObjectDef]
    /// Functions the host registered, in the order it registered them.
    package private(set) var hostFunctions: [HostFunction] = []

    /// The standard objects and the built-in functions.
    package init() {
        objects = [
            CatalogObjects.clients, CatalogObjects.orders, CatalogObjects.orderLines, CatalogObjects.payments, CatalogObjects.contacts,
            CatalogObjects.interactions, CatalogObjects.contracts, CatalogObjects.conflicts, CatalogObjects.collections,
            CatalogObjects.categories, CatalogObjects.rules, CatalogObjects.rfmSegments, CatalogObjects.holidays, CatalogObjects.scenarios, CatalogObjects.settings,
            CatalogObjects.audit,
        ]
    }

    package func object(_ name: String) -> ObjectDef? {
        let n = name.lowercased()
        return objects.first { $0.name == n || $0.singular == n }
    }
    package var objectNames: [String] { objects.map(\.name) }

    package func scalarFunction(_ name: String) -> FunctionRef? {
        if let b = BuiltinFunction.named(name) { return .builtin(b.id) }
        let n = name.lowercased()
        return hostFunctions.first { $0.name == n }.map(FunctionRef.host)
    }

    /// Every function name: built-in scalars, the host's, then the aggregates.
    package var functionNames: [String] {
        BuiltinFunction.all.map(\.name) + hostFunctions.map(\.name) + BuiltinFunction.aggregateNames + Checker.windowFunctionNames
    }

    /// Adds a host function; its name must be free (see `HostFunction.RegistrationError`).
    package mutating func register(_ function: HostFunction) throws {
        let name = function.name
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw HostFunction.RegistrationError.invalidName(name)
        }
        if BuiltinFunction.named(name) != nil || BuiltinFunction.aggregateNames.contains(name) || Catalog.reservedWords.contains(name)
            || Checker.windowFunctionNames.contains(name)
            || objects.contains(where: { $0.field(name)?.takesPeriod == true }) {
            throw HostFunction.RegistrationError.reservedName(name)
        }
        if hostFunctions.contains(where: { $0.name == name }) { throw HostFunction.RegistrationError.alreadyRegistered(name) }
        for type in function.argumentTypes + [function.resultType] where type == .null || type == .label {
            throw HostFunction.RegistrationError.unsupportedType(name, type)
        }
        hostFunctions.append(function)
    }

    /// Words of the language a function name would be confused with.
    static let reservedWords: Set<String> = [
        "and", "or", "not", "in", "within", "true", "false", "null", "distinct", "where", "by", "per", "over",
        "from", "to", "desc", "asc", "sort", "take", "skip", "select", "derive", "group", "agg", "chart",
        "let", "set", "reset", "add", "update", "delete", "describe", "help", "explain", "import", "export", "include",
        "segment", "movement", "check", "all", "this", "last", "previous",
    ]
}

extension FieldDef {
    /// A date that is always from today on, at most a year ahead (next_birthday,
    /// next_holiday, a holiday's next_date): `within` counts the days to it.
    package var isNextDate: Bool {
        switch kind {
        case .nextAnniversary, .nextHoliday, .segment(.nextHoliday): return true
        default: return false
        }
    }
}
