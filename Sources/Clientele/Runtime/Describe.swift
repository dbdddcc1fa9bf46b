import ClienteleCore

/// `describe` and `describe OBJECT`.
enum Describe {
    static func output(_ object: ObjectDef?, catalog: Catalog) -> Output {
        guard let object else {
            return .table(Table(columns: [Column(name: "object", type: .text), Column(name: "description", type: .text)],
                                rows: catalog.objects.map { [.text($0.name), .text($0.summary)] }))
        }
        let rows: [[Value]] = object.fields.map { f in
            var type = f.type.rawValue
            switch f.kind {
            case .relation(let target, _): type = target.dropLast() == "" ? target : String(catalog.object(target)?.singular ?? target)
            case .metric: type += ", per period"
            case .model: type += ", estimate per period"
            case .segment(let s) where s.takesPeriod: type += ", per period"
            default: break
            }
            var summary = f.summary
            if !f.labels.isEmpty && f.type == .label { summary += " [" + f.labels.joined(separator: ", ") + "]" }
            return [.text(f.name), .text(type), .text(summary)]
        } + object.toMany.map { [.text($0.name), .text("list of \($0.object)"), .text("use in aggregates: count(\($0.name)), sum(\($0.name).…)")] }
        return .table(Table(columns: [Column(name: "field", type: .text), Column(name: "type", type: .text),
                                      Column(name: "description", type: .text)], rows: rows))
    }
}

extension Engine {
    /// The objects of the language with what each holds, for the shell's `.tables`.
    package var objectSummaries: [(name: String, summary: String)] {
        catalog.objects.map { ($0.name, $0.summary) }
    }
}
