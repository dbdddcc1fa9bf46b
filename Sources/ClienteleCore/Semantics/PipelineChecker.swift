extension Checker {
    /// Checks a pipeline stage by stage, tracking what each stage sees.
    package mutating func checkPipeline(_ p: Pipeline) throws -> CheckedPipeline {
        finish(try checkStages(p))
    }

    /// Checks the stages of `p` after its source. A let name as the source continues from
    /// where its binding's stages stopped, so a chain of lets is checked once, stage by
    /// stage, not again at every use (checking a chain of n lets is linear in n).
    package mutating func checkStages(_ p: Pipeline) throws -> LetBinding {
        let object: ObjectDef
        let parent: LetBinding?
        var state: LetBinding.State
        if let o = catalog.object(p.source.text) {
            object = o
            parent = nil
            state = LetBinding.State(scope: .object(o, derived: []), shape: .table, hasFilter: false, mentioned: [])
        } else if let bound = lets[p.source.text.lowercased()] {
            object = bound.object
            parent = bound
            state = bound.state
        } else if failedLets.contains(p.source.text.lowercased()) {
            throw Abort()
        } else if let line = laterLets[p.source.text.lowercased()], line >= p.source.span.line {
            throw error("'\(p.source.text)' is used before its let (on line \(line))", p.source.span,
                        help: "a name can be used only after the let that binds it: move the let up")
        } else {
            let names = catalog.objectNames + lets.keys.sorted()
            throw error("unknown object or name '\(p.source.text)'", p.source.span,
                        help: Suggestions.didYouMean(p.source.text, names) ?? "objects are: " + catalog.objectNames.joined(separator: ", "))
        }
        return try checkStages(p.stages, object: object, parent: parent, state: state)
    }

    /// Checks stages over the rows of a command's result (`compare ... clients | ...`): an
    /// object made for that result, whose fields are its columns.
    package mutating func checkResultPipeline(_ stages: [Stage], over object: ObjectDef) throws -> CheckedPipeline {
        let state = LetBinding.State(scope: .object(object, derived: []), shape: .table, hasFilter: false, mentioned: [])
        return finish(try checkStages(stages, object: object, parent: nil, state: state))
    }

    private mutating func checkStages(_ pipelineStages: [Stage], object: ObjectDef, parent: LetBinding?,
                                      state: LetBinding.State) throws -> LetBinding {
        var scope = state.scope
        var shape = state.shape
        var hasFilter = state.hasFilter
        var mentioned = state.mentioned   // fields used in where/sort, shown when there is no select
        var grouped = state.grouped
        var stages: [CheckedStage] = []
        var failed = false

        for (i, stage) in pipelineStages.enumerated() {
            if shape != .table {
                var last = shape == .count ? "count" : shape == .chart ? "chart" : shape == .lineChart ? "chart line" : "pivot"
                if case .pivot(let spec)? = stages.last, !spec.cells { last = "spark" }
                _ = error("'\(last)' must be the last stage", stage.span)
                failed = true
                break
            }
            do {
                switch stage {
                case .filter, .sort, .take, .skip, .count, .chart, .lineChart, .pivot, .spark: break
                default: grouped = nil
                }
                switch stage {
                case .filter(let e, _):
                    let t = try checkExpr(e, in: scope)
                    try requireBoolean(t, "where")
                    try forbidAggregate(t, "where")
                    try forbidWindow(t, "where")
                    stages.append(.filter(t))
                    hasFilter = true
                    noteMentioned(e, scope: scope, into: &mentioned)
                case .sort(let keys, _):
                    var out: [(TypedExpr, descending: Bool)] = []
                    for k in keys {
                        let t = try checkExpr(k.expr, in: scope)
                        try forbidAggregate(t, "sort")
                        try forbidWindow(t, "sort")
                        if t.type == .boolean || t.type == .null {
                            throw error("cannot sort by a \(t.type) value", k.expr.span)
                        }
                        out.append((t, k.descending))
                        noteMentioned(k.expr, scope: scope, into: &mentioned)
                    }
                    stages.append(.sort(out))
                case .take(let e, _):
                    stages.append(.take(try checkCount(e, "take")))
                case .skip(let e, _):
                    stages.append(.skip(try checkCount(e, "skip")))
                case .select(let items, _):
                    let cols = try checkNamedList(items, in: scope, what: "select", aggregates: false)
                    stages.append(.select(cols))
                    scope = .columns(cols.map { OutputColumn(name: $0.0, of: $0.1) })
                case .derive(let items, _):
                    let cols = try checkNamedList(items, in: scope, what: "derive", aggregates: false)
                    let existing: [String]
                    switch scope {
                    case .object(let o, let derived): existing = o.fields.map(\.name) + derived.map(\.0)
                    case .columns(let c): existing = c.map(\.name)
                    }
                    for (name, expr) in cols where existing.contains(where: { $0.lowercased() == name.lowercased() }) {
                        throw error("'\(name)' already exists here; derive a column with a new name", expr.span,
                                    help: "e.g. derive \(name)_2 = ...")
                    }
                    switch scope {
                    case .object(let o, let derived) where cols.contains(where: { $0.1.containsWindow }):
                        // A window is computed over the rows as they are shown: the next
                        // stages see those columns, as after a select.
                        let names = shownFields(o, mentioned: mentioned)
                        let all = defaultProjection(o, names: names, derived: derived + cols)
                        stages.append(.select(all))
                        scope = .columns(outputColumns(o, names: names, derived: derived + cols))
                    case .object(let o, let derived):
                        scope = .object(o, derived: derived + cols)
                    case .columns(let existing):
                        let keep = existing.enumerated().map { (idx, c) in
                            (c.name, TypedExpr(node: .column(index: idx), type: c.type, span: stage.span, labels: c.labels,
                                               monthBucket: c.monthBucket))
                        }
                        let all = keep + cols
                        stages.append(.select(all))
                        scope = .columns(all.map { OutputColumn(name: $0.0, of: $0.1) })
                    }
                case .group(let keyItems, let aggItems, _):
                    let keys = try checkNamedList(keyItems, in: scope, what: "group", aggregates: false)
                    var aggs = try checkNamedList(aggItems, in: scope, what: "agg", aggregates: true)
                    if aggItems.isEmpty {
                        aggs = [("n", TypedExpr(node: .aggregate(.count, nil, distinct: false), type: .integer, span: stage.span))]
                    }
                    let names = keys.map(\.0) + aggs.map(\.0)
                    if let dup = Checker.firstDuplicate(names) {
                        throw error("column '\(dup)' appears twice in group", stage.span, help: "name one of them: newname = expression")
                    }
                    stages.append(.group(keys: keys, aggregates: aggs))
                    grouped = GroupedResult(keyCount: keys.count, additive: aggs.map { Checker.isAdditive($0.1) })
                    scope = .columns((keys + aggs).map { OutputColumn(name: $0.0, of: $0.1) })
                case .aggregate(let items, _):
                    let aggs = try checkNamedList(items, in: scope, what: "agg", aggregates: true)
                    stages.append(.aggregate(aggs))
                    scope = .columns(aggs.map { OutputColumn(name: $0.0, type: $0.1.type) })
                case .distinct(let span):
                    guard case .columns = scope else {
                        throw error("distinct needs columns: select them first", span,
                                    help: "e.g. \(object.name) | select region | distinct")
                    }
                    stages.append(.distinct)
                case .count:
                    shape = .count
                case .chart(let span):
                    guard case .columns(let cols) = scope, cols.count == 2, cols[1].type.isNumeric else {
                        throw error("chart needs two columns: a label and a number", span,
                                    help: "e.g. clients | group abc agg revenue = sum(turnover) | chart")
                    }
                    shape = .chart
                case .lineChart(let span):
                    guard case .columns(let cols) = scope, cols.count == 2, cols[1].type.isNumeric else {
                        throw error("chart line needs two columns: a time (or any label) and a number", span,
                                    help: "e.g. orders | group month = month_of(order_date) agg revenue = sum(net) | chart line")
                    }
                    shape = .lineChart
                case .pivot(let key, let spark, let span):
                    var spec = try checkPivot(key, span: span, scope: scope, grouped: grouped)
                    if spark, case .columns(let cols) = scope, !cols[spec.value].type.isNumeric {
                        throw error("spark draws numbers, but \(cols[spec.value].name) is \(Checker.article(cols[spec.value].type))", span)
                    }
                    spec.spark = spark
                    stages.append(.pivot(spec))
                    shape = .pivot
                case .spark(let key, let span):
                    var spec = try checkPivot(key, span: span, scope: scope, grouped: grouped, stage: "spark")
                    if case .columns(let cols) = scope, !cols[spec.value].type.isNumeric {
                        throw error("spark draws numbers, but \(cols[spec.value].name) is \(Checker.article(cols[spec.value].type))", span)
                    }
                    spec.spark = true
                    spec.cells = false
                    stages.append(.pivot(spec))
                    shape = .pivot
                }
            } catch {
                failed = true
                _ = i
            }
        }
        if failed { throw Abort() }
        let end = LetBinding.State(scope: scope, shape: shape, hasFilter: hasFilter, mentioned: mentioned, grouped: grouped)
        return LetBinding(object: object, parent: parent, stages: stages, state: end)
    }

    /// The checked pipeline of a binding's stages: its result columns, and the default
    /// projection when the rows are still whole objects.
    package func finish(_ binding: LetBinding) -> CheckedPipeline {
        var stages = binding.allStages
        let (scope, shape, hasFilter, mentioned) = (binding.state.scope, binding.state.shape, binding.state.hasFilter, binding.state.mentioned)
        let columns: [OutputColumn]
        var isObjectScoped = false
        switch scope {
        case .columns(let cols):
            columns = cols
        case .object(let o, let derived):
            isObjectScoped = true
            let names = shownFields(o, mentioned: mentioned)
                columns = outputColumns(o, names: names, derived: derived)
            // Default projection: planner builds it from these names.
            stages.append(.select(defaultProjection(o, names: names, derived: derived)))
        }
        return CheckedPipeline(object: binding.object, stages: stages, columns: columns, shape: shape,
                               isObjectScoped: isObjectScoped, hasFilter: hasFilter)
    }

    /// The fields shown for whole objects: the defaults, then those the query used.
    package func shownFields(_ o: ObjectDef, mentioned: [String]) -> [String] {
        var names = o.defaultColumns
        for m in mentioned where !names.contains(m) { names.append(m) }
        return names
    }

    package func outputColumns(_ o: ObjectDef, names: [String], derived: [(String, TypedExpr)]) -> [OutputColumn] {
        var cols = names.compactMap { n -> OutputColumn? in
            guard let (column, f, _) = mentionedField(o, n) else { return nil }
            if case .relation = f.kind { return OutputColumn(name: column, type: .text) }
            return OutputColumn(name: column, type: f.type, labels: f.labels)
        }
        cols += derived.map { OutputColumn(name: $0.0, of: $0.1) }
        return cols
    }

    /// A shown field: `abc`, or `abc(2024)` for a metric or segment the query used over its
    /// own period (shown as the column `abc_2024`, over that period).
    package func mentionedField(_ o: ObjectDef, _ n: String) -> (column: String, field: FieldDef, period: PeriodSyntax?)? {
        guard let open = n.firstIndex(of: "("), n.hasSuffix(")") else { return o.field(n).map { (n, $0, nil) } }
        let name = String(n[..<open]), text = String(n[n.index(after: open)..<n.index(before: n.endIndex)])
        guard let f = o.field(name) else { return nil }
        let period = text == "all" ? PeriodSyntax.all : PeriodText.parse(text)
        guard let period else { return (name, f, nil) }
        return (name + "_" + Checker.identifierText(period.text), f, period)
    }

    /// The columns shown for whole objects: defaults, then fields the query used, then derived ones.
    package func defaultProjection(_ o: ObjectDef, names: [String], derived: [(String, TypedExpr)]) -> [(String, TypedExpr)] {
        var out: [(String, TypedExpr)] = []
        let zero = SourceSpan(line: 0, column: 0, length: 0, offset: 0)
        for n in names {
            guard let (column, f, period) = mentionedField(o, n) else { continue }
            if case .relation(let target, let fk) = f.kind, let targetDef = catalog.object(target) {
                // Show the related object by its name (or number for orders).
                let shown = targetDef.field("name") ?? targetDef.field("number") ?? targetDef.field("id")!
                let path = FieldPath(hops: [(n, targetDef, fk)], field: shown, owner: targetDef, period: nil)
                out.append((n, TypedExpr(node: .field(path), type: shown.type, span: zero)))
            } else {
                out.append((column, TypedExpr(node: .field(FieldPath(hops: [], field: f, owner: o, period: period)), type: f.type, span: zero, labels: f.labels)))
            }
        }
        return out + derived
    }

    package func noteMentioned(_ e: Expr, scope: Scope, into names: inout [String]) {
        guard case .object(let o, _) = scope else { return }
        func walk(_ e: Expr) {
            switch e {
            case .path(let parts) where parts.count == 1:
                if let f = o.field(parts[0].text), !names.contains(f.name) {
                    if case .relation = f.kind { return }
                    names.append(f.name)
                }
            case .call(let n, let args, _, _, _):
                // A metric over its own period is shown over that period: abc(2024).
                guard let f = o.field(n.text), f.takesPeriod else { return }
                // An estimate with a horizon (expected_orders, clv) is shown only when selected.
                if case .model(let m) = f.kind, m.horizonUnit != nil { return }
                let shown = args.count == 1 ? mentionedPeriod(args[0]).map { "\(f.name)(\($0.text))" } ?? f.name : f.name
                if !names.contains(shown) { names.append(shown) }
            case .binary(_, let a, let b, _): walk(a); walk(b)
            case .unary(_, let a, _): walk(a)
            case .inList(let a, _, _, _), .inRange(let a, _, _, _, _), .inPeriod(let a, _, _, _), .within(let a, _, _): walk(a)
            default: break
            }
        }
        walk(e)
    }

    /// The period a metric's argument names, as the checker read it.
    func mentionedPeriod(_ e: Expr) -> PeriodSyntax? {
        switch e {
        case .period(let p, _): return p
        case .integer(let y, _): return .year(Int(y))
        case .path(let names) where names.count == 1 && names[0].text.lowercased() == "all": return .all
        case .parameter(let name, _):
            if case .text(let s)? = params[name] { return PeriodText.parse(s) }
            if case .integer(let y)? = params[name] { return .year(Int(y)) }
            return nil
        default: return nil
        }
    }

    /// "2025-Q1" → "2025_q1", "previous quarter" → "previous_quarter".
    package static func identifierText(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return String(mapped).split(separator: "_").joined(separator: "_")
    }

    package static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for n in names where !seen.insert(n.lowercased()).inserted { return n }
        return nil
    }

    package mutating func checkNamedList(_ items: [NamedExpr], in scope: Scope, what: String, aggregates: Bool) throws -> [(String, TypedExpr)] {
        var out: [(String, TypedExpr)] = []
        var failed = false
        for item in items {
            do {
                let t = try checkExpr(item.expr, in: scope)
                if aggregates && t.containsWindow {
                    var fn = "a window function"
                    if case .call(let n, _, _, _, _) = item.expr { fn = n.text.lowercased() + "()" }
                    throw error("'\(what)' needs an aggregate; \(fn) is a window function, for derive or select", item.expr.span,
                                help: fn == "share()" ? "in agg, the group's share of the total is share(sum(x)); after the group: derive s = share(column)"
                                    : "group first, then: derive x = \(fn.dropLast(2))(column)")
                }
                if aggregates && !t.isAggregate {
                    throw error("'\(what)' needs an aggregate such as count(), sum(x), avg(x), min(x), max(x)", item.expr.span)
                }
                if !aggregates { try forbidAggregate(t, what) }
                if what != "select" && what != "derive" { try forbidWindow(t, what) }
                let name = item.alias?.text ?? Checker.columnName(for: item.expr)
                if out.contains(where: { $0.0.lowercased() == name.lowercased() }) {
                    throw error("column '\(name)' appears twice", item.alias?.span ?? item.expr.span,
                                help: "name one of them: newname = expression")
                }
                out.append((name, t))
            } catch {
                failed = true
                failedColumns.insert((item.alias?.text ?? Checker.columnName(for: item.expr)).lowercased())
            }
        }
        if failed { throw Abort() }
        return out
    }

    /// A column's default name: the field's own name, or the function's for a call.
    package static func columnName(for e: Expr) -> String {
        switch e {
        case .path(let names): return names.map(\.text).joined(separator: "_")
        case .call(let n, let args, _, _, _):
            if args.isEmpty { return n.text }
            switch args[0] {
            case .path(let p): return n.text + "_" + p.map(\.text).joined(separator: "_")
            // A metric over a period: turnover(2025-Q1) is turnover_2025_q1.
            case .period(let p, _): return n.text + "_" + Checker.identifierText(p.text)
            case .integer(let y, _): return n.text + "_\(y)"
            default: return n.text
            }
        default:
            return "value"
        }
    }

    package mutating func checkCount(_ e: Expr, _ stage: String) throws -> Int64 {
        let t = try checkExpr(e, in: .columns([]))
        guard case .literal(.integer(let n)) = t.node, n >= 0 else {
            throw error("\(stage) needs a whole number of rows, e.g. \(stage) 10", e.span)
        }
        return n
    }

    package mutating func requireBoolean(_ t: TypedExpr, _ stage: String) throws {
        guard t.type == .boolean else {
            throw error("\(stage) needs a condition (true or false), but this is \(Checker.article(t.type))", t.span,
                        help: "compare it, e.g. \(stage) turnover > 1000")
        }
    }

    package mutating func forbidAggregate(_ t: TypedExpr, _ stage: String) throws {
        if t.isAggregate {
            throw error("aggregates like sum() and count() belong in agg, not in \(stage)", t.span,
                        help: "e.g. group region agg total = sum(turnover)")
        }
    }
}
