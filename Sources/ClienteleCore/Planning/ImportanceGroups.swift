/// What importance is ranked within (docs/segmentation.md, "Importance"): the whole base, a
/// column of clients, or the handbook's "share of sales by direction; for territorial sales,
/// by territory" (`importance_group`).
package enum ClientPartition: Hashable, Sendable, CustomStringConvertible {
    /// A column of `clients` (region, direction, curator, activity, source): a fixed name
    /// from SegmentChoices.partitionColumns, never user text.
    case column(String)
    /// `importance_group`: the client's direction, or its region when the direction is one
    /// of `territorial` (setting importance.territorial_directions).
    case directionOrTerritory(territorial: [String])

    /// The client field a partition word stands for (SegmentChoices.partitionColumns' values).
    package static let groupField = "importance_group"

    /// The partition of the setting `importance.per` (or of `segment ... per WORD`); nil:
    /// the whole base (`none`, `global`).
    package static func importance(_ settings: StoreSettings) -> ClientPartition? {
        guard let field = SegmentChoices.partitionColumns[settings.text("importance.per")] else { return nil }
        return field == groupField ? .directionOrTerritory(territorial: settings.territorialDirections) : .column(field)
    }

    package var description: String {
        switch self {
        case .column(let c): return c
        case .directionOrTerritory(let t): return "\(ClientPartition.groupField)(" + t.joined(separator: ",") + ")"
        }
    }

    /// The partition key of the client row `client` (an alias of `clients`).
    package func key(client: String, context: SQLContext) -> SQLExpr {
        switch self {
        case .column(let c): return .q(client, c)
        case .directionOrTerritory(let territorial):
            let direction = SQLExpr.q(client, "direction")
            guard !territorial.isEmpty else { return direction }
            let isTerritorial = SQLExpr.inList(direction, territorial.map { context.bind(.text($0)) }, negated: false)
            return .caseWhen([SQLWhen(isTerritorial, .q(client, "region"))], else: direction)
        }
    }
}

extension StoreSettings {
    /// importance.territorial_directions: the directions sold by territory, comma-separated;
    /// spaces at the ends of each name ignored, empty names dropped.
    package var territorialDirections: [String] {
        text("importance.territorial_directions").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
