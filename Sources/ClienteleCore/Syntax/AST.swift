/// The syntax tree. Every node keeps its source span so that the checker can point at it.

package struct Name: Hashable, Sendable {
    package var text: String
    package var span: SourceSpan
}

/// A period as written: resolved to dates by the checker against the session's `today`.
package enum PeriodSyntax: Hashable, Sendable {
    case year(Int)
    case quarter(year: Int, quarter: Int)
    case month(year: Int, month: Int)
    /// `last 90 days`, `last 12 months`: rolling, ending today.
    case last(count: Int64, unit: DurationUnit)
    /// `this year|quarter|month`: the calendar unit containing today, up to today.
    case this(DurationUnit)
    /// `previous year|quarter|month`: the full calendar unit before the current one.
    case previous(DurationUnit)
    /// `2025-01-01..2025-03-31` (both ends included).
    case range(String, String)
    /// `all`: the whole history up to today.
    case all
}

package enum DurationUnit: String, Hashable, Sendable, CaseIterable {
    case days, weeks, months, quarters, years
    package static func parse(_ word: String) -> DurationUnit? {
        switch word.lowercased() {
        case "day", "days": return .days
        case "week", "weeks": return .weeks
        case "month", "months": return .months
        case "quarter", "quarters": return .quarters
        case "year", "years": return .years
        default: return nil
        }
    }
}

package indirect enum Expr: Hashable, Sendable {
    case integer(Int64, SourceSpan)
    case decimal(String, SourceSpan)
    case percent(Int64, SourceSpan)
    case string(String, SourceSpan)
    case date(String, SourceSpan)
    case boolean(Bool, SourceSpan)
    case null(SourceSpan)
    case period(PeriodSyntax, SourceSpan)
    /// `14 days`.
    case duration(Int64, DurationUnit, SourceSpan)
    case parameter(String, SourceSpan)
    /// A dotted path: `region`, `client.region`, `order.client.name`.
    case path([Name])
    case call(Name, [Expr], filter: Expr?, distinct: Bool, SourceSpan)
    case unary(String, Expr, SourceSpan)
    case binary(String, Expr, Expr, SourceSpan)
    /// `x in ["A", "B"]` or `x in 100..500`.
    case inList(Expr, [Expr], negated: Bool, SourceSpan)
    case inRange(Expr, Expr, Expr, negated: Bool, SourceSpan)
    /// `order_date in 2025-Q1`, `order_date in last 90 days`.
    case inPeriod(Expr, Expr, negated: Bool, SourceSpan)
    /// `birthday within 14 days`: the next anniversary falls in the next N days.
    case within(Expr, Expr, SourceSpan)

    package var span: SourceSpan {
        switch self {
        case .integer(_, let s), .decimal(_, let s), .percent(_, let s), .string(_, let s), .date(_, let s),
             .boolean(_, let s), .null(let s), .period(_, let s), .duration(_, _, let s), .parameter(_, let s),
             .call(_, _, _, _, let s), .unary(_, _, let s), .binary(_, _, _, let s), .inList(_, _, _, let s),
             .inRange(_, _, _, _, let s), .inPeriod(_, _, _, let s), .within(_, _, let s):
            return s
        case .path(let names):
            return names.first!.span.through(names.last!.span)
        }
    }
}

package struct SortKey: Hashable, Sendable {
    package var expr: Expr
    package var descending: Bool
}

/// `name = expr` or a bare `expr` in select / agg lists.
package struct NamedExpr: Hashable, Sendable {
    package var alias: Name?
    package var expr: Expr
}

package enum Stage: Hashable, Sendable {
    case filter(Expr, SourceSpan)                     // where
    case sort([SortKey], SourceSpan)
    case take(Expr, SourceSpan)
    case skip(Expr, SourceSpan)
    case select([NamedExpr], SourceSpan)
    case derive([NamedExpr], SourceSpan)
    case group([NamedExpr], aggregates: [NamedExpr], SourceSpan)
    case aggregate([NamedExpr], SourceSpan)           // agg without group: one row
    case distinct(SourceSpan)
    case count(SourceSpan)
    case chart(SourceSpan)
    /// `chart line`: a time series drawn as a line in the terminal.
    case lineChart(SourceSpan)
    /// `pivot abc`: a grouped result as a cross table, the key's values as columns;
    /// `pivot month spark` adds each row's cells drawn as a sparkline.
    case pivot(Name, spark: Bool, SourceSpan)
    /// `spark month`: after a group by the key and others, one row per the other keys with
    /// the value's series over the key as a sparkline column (`trend`).
    case spark(Name, SourceSpan)

    package var span: SourceSpan {
        switch self {
        case .filter(_, let s), .sort(_, let s), .take(_, let s), .skip(_, let s), .select(_, let s),
             .derive(_, let s), .group(_, _, let s), .aggregate(_, let s), .distinct(let s), .count(let s), .chart(let s), .lineChart(let s), .pivot(_, _, let s), .spark(_, let s):
            return s
        }
    }
    package var keyword: String {
        switch self {
        case .filter: return "where"
        case .sort: return "sort"
        case .take: return "take"
        case .skip: return "skip"
        case .select: return "select"
        case .derive: return "derive"
        case .group: return "group"
        case .aggregate: return "agg"
        case .distinct: return "distinct"
        case .count: return "count"
        case .chart, .lineChart: return "chart"
        case .pivot: return "pivot"
        case .spark: return "spark"
        }
    }
}

package struct Pipeline: Hashable, Sendable {
    /// An object (`clients`) or a `let` name.
    package var source: Name
    package var stages: [Stage]
    package var span: SourceSpan
}

package struct Assignment: Hashable, Sendable {
    package var field: Name
    package var value: Expr
}

package enum StatementSyntax: Hashable, Sendable {
    case query(Pipeline)
    case letBinding(Name, Pipeline, SourceSpan)
    /// `set key = value`; the key may be dotted (`abc.a_min`).
    case set(Name, Expr, SourceSpan)
    /// `set stored key = value`: a store setting changed in the store, for everyone.
    case setStored(Name, Expr, SourceSpan)
    /// `reset KEY` / `reset`: drops this session's own value(s).
    case reset(Name?, SourceSpan)
    /// `reset stored KEY` / `reset stored`: the store's value(s) back to the default, for everyone.
    case resetStored(Name?, SourceSpan)
    /// `add orders …, override "reason"`: the reason given to let a refused shipment through.
    case add(Name, [Assignment], override: String?, SourceSpan)
    case update(Pipeline, [Assignment], SourceSpan)
    case delete(Pipeline, all: Bool, SourceSpan)
    case describe(Name?, SourceSpan)
    case help(String?, SourceSpan)
    case explain(Pipeline, SourceSpan)
    case importFile(path: String, target: Name, options: [ImportClause], SourceSpan)
    case export(Pipeline, path: String, options: [ExportClause], SourceSpan)
    /// `export segment … to "file"` (also movement, compare, sweep, solve): the command's
    /// main table written to a file.
    indirect case exportResult(StatementSyntax, path: String, options: [ExportClause], SourceSpan)
    case include(String, SourceSpan)
    /// Segmentation commands (Syntax/AnalyticsParser.swift).
    case segment(SegmentSyntax)
    case movement(MovementSyntax)
    case checkShipment([Assignment], SourceSpan)
    /// Cohorts and the customer-base models (Syntax/ModelParser.swift).
    case model(ModelCommandSyntax)
    /// Discount rules, scenarios, compare, explain discount (see PolicyAST.swift).
    case policy(PolicyStatement, SourceSpan)
    /// Roles of the team store (Syntax/AccessParser.swift).
    case access(AccessCommand, SourceSpan)

    package var span: SourceSpan {
        switch self {
        case .query(let p): return p.span
        case .letBinding(_, _, let s), .set(_, _, let s), .setStored(_, _, let s), .reset(_, let s), .resetStored(_, let s), .add(_, _, _, let s), .update(_, _, let s),
             .delete(_, _, let s), .describe(_, let s), .help(_, let s), .explain(_, let s),
             .importFile(_, _, _, let s), .export(_, _, _, let s), .exportResult(_, _, _, let s), .include(_, let s), .checkShipment(_, let s), .policy(_, let s), .access(_, let s):
            return s
        case .segment(let c): return c.span
        case .movement(let c): return c.span
        case .model(let c): return c.span
        }
    }
}

package enum ImportClause: Hashable, Sendable {
    case map(column: String, field: Name)
    case append
    case dryRun
    case keepGoing
    case separator(String)
    case encoding(String)
    case decimalComma
    /// `sheet "Лист2"`: the sheet of an .xlsx workbook.
    case sheet(String)
    /// `header row 3`: the header's row (line) number.
    case headerRow(Int)
    /// `create categories`: an order line's unknown category is created (margin 0%).
    case createCategories
}

package enum ExportClause: Hashable, Sendable {
    case separator(String)
    case decimalComma
    case bom
    /// Overwrite an existing file (without it, an existing file is refused).
    case replace
    /// CSV: write text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// as they are, instead of prefixed with `'` so that a spreadsheet shows them as text.
    case keepFormulas
}

package struct Script: Sendable {
    package var statements: [StatementSyntax]
}
