import ClienteleCore

/// `pivot KEY`: the rows of a group laid out as a cross table (psql's `\crosstabview`),
/// the other keys down, the key's values across (its closed list of classes first, as
/// `segment` shows them), the one aggregate in the cells; a count or a sum also gets a
/// total column and a total row, and a missing cell is 0; any other value leaves it empty.
/// `spark KEY` (`cells` false) keeps the row keys, the total and the `trend` only: a grouped
/// table with a sparkline column, whose cell holds the numbers (`SparklineText`).
enum Pivot {
    static func table(_ grouped: Table, _ spec: PivotSpec, columnLabels: [String]) throws -> Table {
        let valueType = grouped.columns[spec.value].type
        var present: [Value] = []
        var seen = Set<Value>()
        for row in grouped.rows where seen.insert(row[spec.columnKey]).inserted { present.append(row[spec.columnKey]) }
        present.sort(by: precedes)
        let across = CrossTab.order(known: columnLabels.isEmpty ? nil : columnLabels.map { .text($0) }, present: present)
        let acrossIndex = Dictionary(uniqueKeysWithValues: across.enumerated().map { ($1, $0) })

        var downKeys: [[Value]] = []
        var cells: [[Value]: [Value?]] = [:]
        for row in grouped.rows {
            let down = spec.rowKeys.map { row[$0] }
            if cells[down] == nil {
                downKeys.append(down)
                cells[down] = Array(repeating: nil, count: across.count)
            }
            cells[down]![acrossIndex[row[spec.columnKey]]!] = row[spec.value]
        }

        var columns = spec.rowKeys.map { grouped.columns[$0] }
        if spec.cells { columns += across.map { Column(name: CrossTab.label($0), type: valueType) } }
        // `spark KEY`: the total over the key is named as the value (revenue), beside its trend.
        if spec.totals { columns.append(Column(name: spec.cells ? "total" : grouped.columns[spec.value].name, type: valueType)) }
        if spec.spark { columns.append(Column(name: "trend", type: .text, display: .sparkline)) }
        let zero = zeroValue(valueType)
        var rows: [[Value]] = []
        var columnTotals = Array(repeating: zero, count: across.count)
        var grand = zero
        for down in downKeys {
            var row = down
            var total = zero
            for (i, cell) in cells[down]!.enumerated() {
                guard spec.totals else { if spec.cells { row.append(cell ?? .null) }; continue }
                let value = cell ?? zero
                if spec.cells { row.append(value) }
                total = try add(total, value)
                columnTotals[i] = try add(columnTotals[i], value)
            }
            if spec.totals {
                row.append(total)
                grand = try add(grand, total)
            }
            if spec.spark { row.append(.text(SparklineText.text(cells[down]!.map { $0 ?? (spec.totals ? zero : .null) }))) }
            rows.append(row)
        }
        if spec.totals && spec.cells {
            var totalRow: [Value] = [.text("total")] + Array(repeating: Value.null, count: spec.rowKeys.count - 1)
            totalRow += columnTotals + [grand]
            if spec.spark { totalRow.append(.text(SparklineText.text(columnTotals))) }
            // The first key's column holds the word "total" too: a number or a date there
            // becomes its text.
            if columns[0].type != .text {
                columns[0] = Column(name: columns[0].name, type: .text)
                for i in rows.indices where !rows[i][0].isNull { rows[i][0] = .text(rows[i][0].plain) }
            }
            rows.append(totalRow)
        }
        return Table(columns: columns, rows: rows)
    }

    /// Calendar, numeric or alphabetical order (ignoring case, Ё after Е), missing last.
    static func precedes(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, _): return false
        case (_, .null): return true
        case (.integer(let x), .integer(let y)): return x < y
        case (.date(let x), .date(let y)): return x < y
        case (.money(let x), .money(let y)): return x.minorUnits < y.minorUnits
        case (.decimal(let x), .decimal(let y)): return x < y
        case (.boolean(let x), .boolean(let y)): return !x && y
        default:
            let (x, y) = (alphabetical(a.plain), alphabetical(b.plain))
            return x == y ? a.plain < b.plain : x < y
        }
    }

    private static func alphabetical(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ё", with: "е\u{10FFFF}")
    }

    private static func zeroValue(_ type: ValueType) -> Value {
        switch type {
        case .money: return .money(Money(minorUnits: 0))
        case .decimal: return .decimal(0)
        case .percent: return .percent(Percent(basisPoints: 0))
        default: return .integer(0)
        }
    }

    private static func add(_ a: Value, _ b: Value) throws -> Value {
        func sum(_ x: Int64, _ y: Int64) throws -> Int64 {
            let (s, overflow) = x.addingReportingOverflow(y)
            if overflow { throw RuntimeError.message("integer overflow in a pivot total") }
            return s
        }
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return .integer(try sum(x, y))
        case (.money(let x), .money(let y)): return .money(Money(minorUnits: try sum(x.minorUnits, y.minorUnits)))
        case (.percent(let x), .percent(let y)): return .percent(Percent(basisPoints: try sum(x.basisPoints, y.basisPoints)))
        case (.decimal(let x), .decimal(let y)): return .decimal(x + y)
        case (_, .null): return a
        case (.null, _): return b
        default: return a
        }
    }
}
