/// Binds names and checks types for a whole script before anything runs, collecting
/// every error (not only the first).
package struct Checker {
    package let catalog: Catalog
    /// Store settings and their types, read from the store.
    package let storeSettings: [String: ValueType]
    package var lets: [String: LetBinding]
    package let params: [String: Value]
    package let readOnly: Bool
    package var diagnostics: [Diagnostic] = []
    /// Why the store is read-only when `--read-only` was not given (the file cannot be written).
    package var readOnlyReason: String? = nil
    /// Set while checking an inline scenario's changes, which never write.
    package var checkingInlineScenario = false
    /// Rule, category and scenario names in the store, updated as the script defines them.
    package var policyNames = PolicyNames()
    /// Names whose let failed to check: their uses are not reported again (the let was).
    package var failedLets: Set<String> = []
    /// Columns a `derive`, `select` or `agg` failed to make: a later use of one is not
    /// reported again as unknown (the first error says what went wrong).
    package var failedColumns: Set<String> = []
    /// The line of each name's first let in the script, to say so when it is used earlier.
    package var laterLets: [String: Int] = [:]

    package static let sessionSettings = ["period", "today", "yo", "months"]

    package enum Scope: Sendable {
        case object(ObjectDef, derived: [(String, TypedExpr)])
        case columns([OutputColumn])
    }

    package struct Abort: Error {}

    package mutating func error(_ message: String, _ span: SourceSpan, help: String? = nil) -> Abort {
        diagnostics.append(Diagnostic(message: message, span: span, help: help))
        return Abort()
    }

    package mutating func check(_ script: Script) -> [CheckedStatement] {
        for case .letBinding(let name, _, _) in script.statements where laterLets[name.text.lowercased()] == nil {
            laterLets[name.text.lowercased()] = name.span.line
        }
        var out: [CheckedStatement] = []
        for statement in script.statements {
            do { out.append(try check(statement)) } catch {}
        }
        return out
    }

    package mutating func refuseIfReadOnly(_ what: String, _ span: SourceSpan) throws {
        // The changes of a throwaway scenario (`compare baseline, { set ... }`) are evaluated
        // in memory only: nothing is written, so a read-only store allows them.
        if checkingInlineScenario { return }
        if readOnly, let readOnlyReason {
            throw error("the store is read-only because \(readOnlyReason): \(what) is refused", span,
                        help: "make the store file and its folder writable to change data")
        }
        if readOnly {
            throw error("the store is open read-only: \(what) is refused", span,
                        help: "open the store without --read-only to change data")
        }
    }

    /// The export's file name tells its format; `keep formulas` is for CSV only.
    private mutating func checkExportFile(_ path: String, _ options: [ExportClause], _ span: SourceSpan) throws {
        let ext = path.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        if !ExportFormat.scriptExtensions.contains(ext) {
            throw error("cannot tell the export format from '\(path)'", span,
                        help: "end the file name with .csv, .json, .jsonl, .md, .xlsx or .html")
        }
        if ext != "csv", options.contains(.keepFormulas) {
            throw error("'keep formulas' is for CSV files: only a CSV export guards cells that look like formulas", span)
        }
    }

    package mutating func check(_ statement: StatementSyntax) throws -> CheckedStatement {
        switch statement {
        case .query(let p):
            return .query(try checkPipeline(p), p.span)
        case .explain(let p, _):
            return .explain(try checkPipeline(p))
        case .letBinding(let name, let p, _):
            if catalog.object(name.text) != nil {
                throw error("'\(name.text)' is the name of an object; choose another name for the binding", name.span)
            }
            let key = name.text.lowercased()
            if p.source.text.lowercased() == key, lets[key] == nil, !failedLets.contains(key) {
                failedLets.insert(key)
                throw error("'\(name.text)' has no value yet, so this let cannot start from it", p.source.span,
                            help: "a let refines its own name only after a first one, e.g. let \(name.text) = clients | where ..., then let \(name.text) = \(name.text) | take 10")
            }
            // Checked before the name is bound: `let a = a | ...` starts from the previous a.
            do {
                let binding = try checkStages(p)
                lets[key] = binding
                failedLets.remove(key)
                return .letBinding(key, binding)
            } catch {
                lets[key] = nil
                failedLets.insert(key)
                throw error
            }
        case .set(let key, let value, _):
            return try checkSet(key, value, stored: false)
        case .setStored(let key, let value, _):
            return try checkSet(key, value)
        case .reset(let key, _), .resetStored(let key, _):
            let stored: Bool
            if case .resetStored(_, let span) = statement { try refuseIfReadOnly("reset stored", span); stored = true } else { stored = false }
            if let key, storeSettings[key.text.lowercased()] == nil {
                throw error("unknown setting '\(key.text)'", key.span,
                            help: Suggestions.didYouMean(key.text, Array(storeSettings.keys)) ?? "list them with: settings")
            }
            return stored ? .reset(key?.text.lowercased()) : .resetSession(key?.text.lowercased())
        case .add(let objectName, let assignments, let override, let span):
            try refuseIfReadOnly("add", span)
            let object = try resolveObject(objectName, mutable: true)
            if override != nil && !["orders", "order_lines"].contains(object.name) {
                throw error("override lets a shipment through the first-deal and credit rules; \(object.name) have no such rules", span,
                            help: "give override \"reason\" on add orders or add order_lines")
            }
            return .add(object, try checkAssignments(assignments, object: object, adding: true, span: span), override: override)
        case .update(let p, let assignments, let span):
            try refuseIfReadOnly("update", span)
            let checked = try checkPipeline(p)
            try requireObjectRows(checked, command: "update", span: p.span)
            return .update(checked, try checkAssignments(assignments, object: checked.object, adding: false, span: span))
        case .delete(let p, let all, let span):
            try refuseIfReadOnly("delete", span)
            let checked = try checkPipeline(p)
            try requireObjectRows(checked, command: "delete", span: p.span)
            if all && checked.hasFilter {
                throw error("'delete all' removes every row of \(checked.object.name), but this one also has a where", span,
                            help: "drop 'all' to delete only the rows the where chooses")
            }
            if !checked.hasFilter && !all {
                throw error("delete without a where would remove every row of \(checked.object.name)", span,
                            help: "add | where ... to choose rows, or write 'delete all \(checked.object.name)' if you mean it")
            }
            return .delete(checked)
        case .describe(let name, _):
            guard let name else { return .describe(nil) }
            return .describe(try resolveObject(name, mutable: false))
        case .help(let topic, _):
            return .help(topic)
        case .importFile(let path, let target, let options, let span):
            // A dry run reads the store only: it runs on a read-only store too.
            if !options.contains(where: { if case .dryRun = $0 { return true } else { return false } }) {
                try refuseIfReadOnly("import", span)
            }
            let object = try resolveObject(target, mutable: false)
            guard ImportTarget(rawValue: object.name) != nil else {
                let targets = ImportTarget.allCases.map(\.rawValue)
                throw error("cannot import into \(object.name)", target.span,
                            help: (object.name == "audit" ? "the audit log is kept by the store and cannot be changed; " : "")
                                + "import into " + targets.dropLast().joined(separator: ", ") + " or " + targets.last!)
            }
            // Map targets are the import fields of the target (client_tax_id, ignore...),
            // not the query fields of the object.
            if let catalog = ImportTarget(rawValue: object.name)?.catalog {
                for case .map(_, let field) in options where !catalog.mapTargets.contains(field.text) {
                    throw error("'\(field.text)' is not a field an import into \(object.name) can fill", field.span,
                                help: Suggestions.didYouMean(field.text, catalog.mapTargets)
                                    ?? "map a column to one of: " + catalog.mapTargets.joined(separator: ", "))
                }
            }
            if object.name != "orders", options.contains(.createCategories) {
                throw error("create categories goes with an import into orders (order lines with a category column)", target.span,
                            help: "import the categories themselves with: import \"file\" into categories")
            }
            return .importFile(path: path, target: object.name, options: options)
        case .export(let p, let path, let options, let span):
            let checked = try checkPipeline(p)
            try checkExportFile(path, options, span)
            return .export(checked, path: path, options: options)
        case .exportResult(let command, let path, let options, let span):
            let checked = try check(command)
            try checkExportFile(path, options, span)
            return .exportResult(checked, path: path, options: options)
        case .include(_, let span):
            throw error("include is only allowed at the top of a script file", span)
        case .segment(let command):
            return .segment(try checkSegment(command))
        case .movement(let command):
            return try checkMovement(command)
        case .model(let command):
            return .model(try checkModelCommand(command))
        case .checkShipment(let assignments, let span):
            return .checkShipment(try checkShipmentCheck(assignments, span: span))
        case .policy(let p, let span):
            return .policy(try checkPolicy(p, span: span))
        case .access(let command, let span):
            if command.mutates { try refuseIfReadOnly(command.verb, span) }
            return .access(command)
        }
    }

    package mutating func requireObjectRows(_ p: CheckedPipeline, command: String, span: SourceSpan) throws {
        guard p.object.mutable else {
            throw error("\(p.object.name) cannot be changed with \(command)", span,
                        help: Checker.howToChange(p.object.name))
        }
        guard p.isObjectScoped, p.shape == .table else {
            throw error("\(command) needs rows of \(p.object.name): use only where, sort, take and skip before it", span)
        }
    }

    /// What to write instead of add / update / delete / import for an object they refuse.
    static func howToChange(_ object: String) -> String? {
        switch object {
        case "settings": return "use set key = value, or reset key"
        case "rules": return "use rule \"Name\": discount ..., drop rule, enable rule or disable rule"
        case "scenarios": return "use scenario \"Name\" { ... } or drop scenario"
        case "audit": return "the audit log is kept by the store and cannot be changed; change the object itself (clients, orders, ...) and the log records it"
        default: return nil
        }
    }

    package mutating func resolveObject(_ name: Name, mutable: Bool) throws -> ObjectDef {
        guard let object = catalog.object(name.text) else {
            throw error("unknown object '\(name.text)'", name.span,
                        help: Suggestions.didYouMean(name.text, catalog.objectNames)
                            ?? "objects are: " + catalog.objectNames.joined(separator: ", "))
        }
        if mutable && !object.mutable {
            throw error("\(object.name) cannot be changed this way", name.span, help: Checker.howToChange(object.name))
        }
        return object
    }

    /// `stored`: a store setting is changed in the store (`set stored`, a scenario's `set`);
    /// otherwise for the session only, which a read-only store allows.
    package mutating func checkSet(_ key: Name, _ value: Expr, stored: Bool = true) throws -> CheckedStatement {
        let k = key.text.lowercased()
        switch k {
        case "period":
            return .setSession("period", .period(try checkPeriod(value)))
        case "today":
            guard case .date(let text, let span) = value else {
                throw error("today must be a date, e.g. set today = 2025-12-31", value.span)
            }
            return .setSession("today", .date(try checkDate(text, span)))
        case "yo":
            guard case .string(let s, _) = value, ["same", "distinct"].contains(s) else {
                throw error("yo is \"same\" (е and ё are one letter in ==, ~ and ~=) or \"distinct\"", value.span,
                            help: "e.g. set yo = \"distinct\"")
            }
            return .setSession("yo", .yoDistinct(s == "distinct"))
        case "months":
            guard case .string(let s, _) = value, let names = MonthNames(rawValue: s) else {
                throw error("months is \"iso\" (2025-03), \"ru\" (мар 2025) or \"en\" (Mar 2025)", value.span,
                            help: "e.g. set months = \"ru\"")
            }
            return .setSession("months", .months(names))
        default:
            guard let type = storeSettings[k] else {
                throw error("unknown setting '\(key.text)'", key.span,
                            help: Suggestions.didYouMean(key.text, Checker.sessionSettings + storeSettings.keys.sorted())
                                ?? "list them with: settings")
            }
            if stored { try refuseIfReadOnly("set stored \(k)", key.span) }
            let typed = try checkExpr(value, in: .columns([]))
            guard case .literal(let v) = typed.node else {
                throw error("a setting takes a plain value, e.g. set \(k) = \(Checker.example(for: type))", value.span)
            }
            if SettingRules.takesNone.contains(k), case .text(let s) = v {
                guard s == "none" else { throw error("\(k) takes an amount of money or \"none\" (no limit), not '\(s)'", value.span) }
                return stored ? .setStore(key: k, value: .text("none"), type: type) : .setSessionSetting(key: k, value: .text("none"))
            }
            let target: ValueType = type == .label ? .text : type
            guard let coerced = coerce(typed, to: target), case .literal(let cv) = coerced.node, cv.type == target || (target == .text && cv.type == .text) else {
                if let m = Checker.tooLarge(typed, for: target) { throw error(m, value.span) }
                throw error("\(k) takes \(Checker.article(type)), not \(v.type)", value.span,
                            help: "e.g. set \(k) = \(Checker.example(for: type))")
            }
            if let problem = SettingRules.rangeProblem(k, cv) {
                throw error(problem, value.span)
            }
            if k == "abc.method", case .text(let s) = cv, !["thresholds", "share"].contains(s) {
                throw error("abc.method is 'thresholds' or 'share', not '\(s)'", value.span)
            }
            if let allowed = SegmentChoices.allowedValues[k], case .text(let s) = cv, !allowed.contains(s) {
                throw error("\(k) is one of \(allowed.joined(separator: ", ")), not '\(s)'", value.span)
            }
            return stored ? .setStore(key: k, value: cv, type: type) : .setSessionSetting(key: k, value: cv)
        }
    }

    package static func article(_ t: ValueType) -> String {
        switch t {
        case .integer: return "a whole number"
        case .money: return "an amount of money"
        case .percent: return "a percent"
        case .date: return "a date"
        case .boolean: return "true or false"
        case .decimal: return "a decimal number"
        case .null: return "null"
        default: return "a text"
        }
    }
    package static func example(for t: ValueType) -> String {
        switch t {
        case .integer: return "5"
        case .money: return "500"
        case .percent: return "20%"
        case .date: return "2025-12-31"
        case .boolean: return "true"
        default: return "\"text\""
        }
    }

    package mutating func checkAssignments(_ assignments: [Assignment], object: ObjectDef, adding: Bool, span: SourceSpan) throws -> [(FieldDef, TypedExpr)] {
        var out: [(FieldDef, TypedExpr)] = []
        var seen = Set<String>()
        var failed = false
        for a in assignments {
            guard let field = object.field(a.field.text) else {
                _ = error("unknown field '\(a.field.text)' on \(object.name)", a.field.span,
                          help: Suggestions.didYouMean(a.field.text, object.fields.filter(\.writable).map(\.name)))
                failed = true
                continue
            }
            guard field.writable else {
                _ = error("\(field.name) of \(object.name) cannot be set: it is computed", a.field.span)
                failed = true
                continue
            }
            if !adding, object.name == "orders", field.name == "net" {
                _ = error("net of orders cannot be set: it is gross - discount", a.field.span,
                          help: "set gross or discount instead, and net follows")
                failed = true
                continue
            }
            if !seen.insert(field.name).inserted {
                _ = error("\(field.name) is given twice", a.field.span)
                failed = true
                continue
            }
            do {
                // Values may use the row's own fields in update, only constants in add.
                let scope: Scope = adding ? .columns([]) : .object(object, derived: [])
                var value = try checkExpr(a.value, in: scope)
                let target: ValueType
                if case .relation = field.kind { target = value.type == .text ? .text : .integer } else { target = field.type }
                if value.type != .null {
                    guard let c = coerce(value, to: target, labels: field.labels) else {
                        if let m = Checker.tooLarge(value, for: target) { throw error(m, a.value.span) }
                        throw error("\(field.name) takes \(Checker.article(field.type)), not \(value.type)", a.value.span)
                    }
                    value = c
                } else if field.required {
                    throw error("\(field.name) is required and cannot be null", a.value.span)
                }
                if !adding, !Checker.usesOnlyOwnColumns(value) {
                    throw error("update can only use \(object.name)' own stored fields in a new value", a.value.span)
                }
                out.append((field, value))
            } catch { failed = true }
        }
        if adding {
            for f in object.fields where f.required && !seen.contains(f.name) {
                _ = error("add \(object.name) needs \(f.name)", span, help: "e.g. add \(object.name) \(f.name): \(Checker.example(for: f.type))")
                failed = true
            }
        }
        if failed { throw Abort() }
        return out
    }

    package static func usesOnlyOwnColumns(_ e: TypedExpr) -> Bool {
        switch e.node {
        case .field(let p):
            if !p.hops.isEmpty { return false }
            if case .column = p.field.kind { return true }
            return false
        case .literal: return true
        case .unary(_, let x), .within(let x, _), .inPeriod(let x, _, _): return usesOnlyOwnColumns(x)
        case .binary(_, let a, let b): return usesOnlyOwnColumns(a) && usesOnlyOwnColumns(b)
        case .function(_, let args): return args.allSatisfy(usesOnlyOwnColumns)
        default: return false
        }
    }

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(catalog: Catalog, storeSettings: [String: ValueType], lets: [String: LetBinding], params: [String: Value], readOnly: Bool, diagnostics: [Diagnostic] = [], readOnlyReason: String? = nil, policyNames: PolicyNames = PolicyNames(), failedLets: Set<String> = [], laterLets: [String: Int] = [:]) {
        self.catalog = catalog
        self.storeSettings = storeSettings
        self.lets = lets
        self.params = params
        self.readOnly = readOnly
        self.diagnostics = diagnostics
        self.readOnlyReason = readOnlyReason
        self.policyNames = policyNames
        self.failedLets = failedLets
        self.laterLets = laterLets
    }
}
