import Foundation
import ClienteleCore

/// Which column of the file fills which field, decided once from the header row.
package struct HeaderMap {
    /// The headers as written in the file (trimmed).
    package private(set) var headers: [String]
    package private(set) var columnOfField: [String: Int] = [:]
    /// Headers no field took, in file order.
    package private(set) var ignored: [String] = []

    package static let ignoreField = "ignore"

    /// The same map in arrays of its own (not shared with `self`), for another thread.
    package func separateCopy() -> HeaderMap {
        var copy = self
        copy.headers = headers.map { $0 }
        copy.columnOfField = Dictionary(uniqueKeysWithValues: columnOfField.map { ($0.key, $0.value) })
        copy.ignored = ignored.map { $0 }
        return copy
    }

    /// Headers compare ignoring case, `ё`/`е`, `_`/space and repeated or edge spaces.
    package static func normalize(_ header: String) -> String {
        var s = header.replacingOccurrences(of: "\u{FEFF}", with: "").lowercased()
        s = s.replacingOccurrences(of: "ё", with: "е").replacingOccurrences(of: "_", with: " ")
        return s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Maps the header row: explicit `mapping` first, then field names, then synonyms.
    /// Throws when a mapping names a missing column or an unknown field, when two columns
    /// claim one field, or when a required column is missing.
    package init(header: [String], target: ImportTarget, mapping: [String: String]) throws {
        headers = header.map { ValueParser.trim($0.replacingOccurrences(of: "\u{FEFF}", with: "")) }
        let catalog = target.catalog
        let normalizedHeaders = headers.map(HeaderMap.normalize)
        var taken = Set<Int>()
        var explicitlyIgnored = Set<Int>()

        for (column, rawField) in mapping.sorted(by: { $0.key < $1.key }) {
            guard let index = normalizedHeaders.firstIndex(of: HeaderMap.normalize(column)) else {
                throw ImportError.mappedColumnNotFound(column: column, columns: headers.filter { !$0.isEmpty })
            }
            let fieldName = HeaderMap.normalize(rawField).replacingOccurrences(of: " ", with: "_")
            if fieldName == HeaderMap.ignoreField { explicitlyIgnored.insert(index); taken.insert(index); continue }
            guard catalog.field(fieldName) != nil else {
                throw ImportError.unknownField(target: target, column: column, field: rawField,
                                               fields: catalog.fields.map(\.name))
            }
            if let other = columnOfField[fieldName] {
                throw ImportError.fieldMappedTwice(field: fieldName, columns: [headers[other], headers[index]])
            }
            columnOfField[fieldName] = index
            taken.insert(index)
        }

        // Automatic matches for the fields not mapped explicitly; two columns matching one
        // field is an error the user settles with a mapping.
        let explicitFields = Set(columnOfField.keys)
        for pass in 0..<3 {
            for spec in catalog.fields where !explicitFields.contains(spec.name) {
                if pass == 2 && columnOfField[spec.name] != nil { continue }
                let names = pass == 0 ? [spec.name] : pass == 1 ? spec.synonyms : spec.fallbacks
                let wanted = Set(names.map(HeaderMap.normalize))
                for (i, h) in normalizedHeaders.enumerated() where !taken.contains(i) && wanted.contains(h) {
                    if let other = columnOfField[spec.name] {
                        throw ImportError.fieldMappedTwice(field: spec.name, columns: [headers[other], headers[i]])
                    }
                    columnOfField[spec.name] = i
                    taken.insert(i)
                }
            }
        }

        for req in catalog.requirements where !req.fields.contains(where: { columnOfField[$0] != nil }) {
            var candidates: [String] = []
            for name in req.fields {
                let spec = catalog.field(name)!
                candidates += spec.synonyms + spec.fallbacks + [spec.name]
            }
            throw ImportError.missingColumn(target: target, what: req.what, candidates: candidates, field: req.mapTo)
        }
        ignored = headers.indices.filter { !taken.contains($0) || explicitlyIgnored.contains($0) }
            .map { headers[$0] }.filter { !$0.isEmpty }
    }

    package func column(_ field: String) -> Int? { columnOfField[field] }
    package func header(_ field: String) -> String { columnOfField[field].map { headers[$0] } ?? field }
}
