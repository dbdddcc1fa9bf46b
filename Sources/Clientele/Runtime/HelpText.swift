import ClienteleCore

/// `help` and `help TOPIC`.
enum HelpText {
    static let overview = """
    Clientele: ask questions about clients, orders and payments.

    A query is an object followed by stages joined with |:
      clients | where region == "North" and abc == "A" | sort turnover desc | take 10

    Objects:   clients orders payments contacts categories rules scenarios settings audit
    Stages:    where sort take skip select derive group agg distinct count chart pivot spark
    Commands:  let set reset add update delete describe explain import export include help
               segment movement check cohorts fit
    Periods:   set period = last 12 months   (2025, 2025-Q1, 2025-03, this year, previous quarter,
               2025-01-01..2025-06-30, all); metrics take one too: turnover(2025-Q1)

    Discounts: rule, disable/enable/drop rule, scenario, compare, explain discount (help discounts)

    help TOPIC for more: a stage, a command, 'periods', 'operators', 'functions', 'metrics', 'segments'.
    describe OBJECT lists its fields.
    """

    static let topics: [String: String] = [
        "audit": "audit is the log of every change to the store (read-only; kept by the store's triggers): at, user, action (add/update/delete/import), object, key, client, old, new.\n  audit | where client == 12 | sort at desc\n  audit | where object == \"settings\" | select at, user, key, old, new\nSee docs/team.md, Audit log.",
        "where": "where CONDITION keeps the rows for which it is true.\n  clients | where region == \"North\" and turnover > 1000",
        "sort": "sort KEY [desc], ... orders rows; text sorts by the alphabet ignoring case.\n  clients | sort turnover desc, name",
        "take": "take N keeps the first N rows.\n  clients | sort turnover desc | take 10",
        "skip": "skip N drops the first N rows.\n  clients | sort name | skip 20 | take 20",
        "select": "select [name =] EXPR, ... chooses, renames and computes columns.\n  clients | select name, region, revenue = turnover(2025)",
        "derive": "derive name = EXPR, ... adds computed columns and keeps the rows' fields.\n  orders | derive days = due_date - order_date | where days > 30",
        "group": "group KEY, ... agg name = AGGREGATE, ... makes one row per group.\n  clients | group abc, risk agg n = count(), revenue = sum(turnover), share = share(sum(turnover))",
        "agg": "agg name = AGGREGATE, ... over all rows (one row), or after group.\n  orders | where order_date in 2025 | agg total = sum(net), average = avg(net)",
        "distinct": "distinct removes repeated rows after a select.\n  clients | select region | distinct",
        "count": "count (the last stage) gives the number of rows.\n  clients | where status == \"lost\" | count",
        "chart": "chart (the last stage) draws a bar chart from two columns: a label and a number; chart line draws them as a line, left to right in the rows' order, with a sparkline.\n  clients | group abc agg revenue = sum(turnover) | chart\n  orders | where status == \"shipped\" | group month = month_of(order_date) agg revenue = sum(net) | chart line",
        "spark": "spark KEY (the last stage, after a group by KEY, other keys and one aggregate) makes one row per the other keys: their total (a count or a sum) and a trend column, the aggregate's series over KEY as a sparkline (▁▂▃…█ in the terminal, a line in HTML, the numbers in CSV, JSON and xlsx).\n  orders | where status == \"shipped\" | group client.region, month = month_of(order_date) agg revenue = sum(net) | spark month",
        "pivot": "pivot KEY (the last stage, after a group by two keys and one aggregate) lays the groups out as a cross table: the key's values across, the other key down; counts and sums get totals; pivot KEY spark adds each row as a sparkline (trend).\n  clients | group region, abc agg n = count() | pivot abc\n  orders | where status == \"shipped\" | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | pivot quarter",
        "windows": "Window functions, in derive or select, over the rows in their order (sort first), optionally per key (by KEY):\n  running_sum(x)  the total so far      rank(x [desc])  1 for the first, ties share a rank\n  previous(x)     the row before's x     next(x)         the row after's x\n  change(x)       x minus the row before's x      share(x)  x as a percent of the total\n  orders | where status == \"shipped\" | group month = month_of(order_date) agg revenue = sum(net) | derive running = running_sum(revenue), change = change(revenue)\n  orders | sort order_date | derive running = running_sum(net by client)\n  clients | select name, turnover, r = rank(turnover desc by region) | where r <= 3",
        "let": "let NAME = PIPELINE names a query; later queries start from it.\n  let lost = clients | where status == \"lost\"\n  lost | count",
        "set": "set period = PERIOD | set today = DATE | set months = \"ru\" (month buckets shown as мар 2025; \"en\": Mar 2025; \"iso\": 2025-03) | set SETTING = VALUE (stored thresholds, see: settings)\n  set period = last 12 months\n  set abc.a_min = 600\nEach stored setting has a range (first_deal.deferral_days 0-3650, status.*_days 1-36500, shares 0%-100%...) and pairs must agree (abc.b_min <= abc.a_min, abc.share_a <= abc.share_b, status.new_days <= status.lost_days...): see docs/segmentation.md.",
        "reset": "reset SETTING restores a stored setting's default; reset alone restores them all.",
        "add": "add OBJECT field: value, ...\n  add clients name: \"ООО Ромашка\", region: \"North\", outlets: 3\n  add orders client: \"ООО Ромашка\", order_date: 2025-03-01, gross: 1200",
        "update": "update PIPELINE set field = EXPR, ...\n  update clients | where region == \"Север\" set region = \"North\"",
        "delete": "delete PIPELINE (needs a where) or delete all OBJECT.\n  delete orders | where status == \"cancelled\"",
        "describe": "describe lists the objects; describe OBJECT lists its fields and their types.",
        "explain": "explain PIPELINE prints the SQL a query compiles to, with its bound values.",
        "import": "import \"FILE.csv\" into OBJECT [map \"Column\" to field, ...] [append] [dry run] [keep going]\n  import \"sales.csv\" into orders",
        "export": "export PIPELINE to \"FILE.csv|.json|.jsonl|.md|.xlsx|.html\" [separator \";\"] [decimal comma] [bom] [replace] [keep formulas]\n       export segment|movement|compare|sweep|solve ... to \"FILE\" (the command's table, same options; .html: its whole result as a report page)",
        "include": "include \"FILE.clq\" (at the top of a script) brings in shared let definitions.",
        "periods": "2025 | 2025-Q1 | 2025-03 | 2025-01-01..2025-06-30 | last N days|weeks|months|years | this year|quarter|month | previous year|quarter|month | all\nBoth ends are included; 'last 12 months' ends today (see: set today).",
        "operators": "== != < <= > >=   ~ (contains, ignoring case)   ~= (equals, ignoring case)   !~ (does not contain)\nand or not   in [a, b]   in 100..500   in 2025-Q1   within 14 days   + - * /",
        "metrics": "Per client, over the session period or an explicit one: turnover orders_count avg_order first_order last_order days_since_last_order late_payments max_overdue_days unpaid\n  clients | where turnover(2025) > turnover(2024)",
        "segments": "abc (A/B/C by turnover), risk (0-3 payment discipline), importance (key/medium/small by share of sales), rfm (e.g. 545; rfm_r rfm_f rfm_m 1-5; rfm_segment: Champions, At risk... from the rfm_segments table), status (potential/new/active/lost), sales_type.\nCredit and first-deal rules: credit_limit (settable) exposure open_balance shipment_blocked block_reasons.\nTheir thresholds are stored settings: settings | where key ~ \"abc\"   (set abc.a_min = 600, reset abc.a_min)\nSee docs/segmentation.md.",
        "segment": "segment CLIENTS by KEY [, KEY2] [per region|direction|...] [over PERIOD]\n  segment clients by abc                       clients, turnover and share per class, and a chart\n  segment clients by abc, risk                 a matrix of client counts\n  segment clients by importance per region     importance computed within each region\n  segment clients | where region == \"North\" by abc over 2025",
        "cohorts": "cohorts by first order month [over PERIOD]: clients and turnover of each monthly cohort (first shipped order ever) in month m0, m1, m2 ... after it, and the average retention curve.\n  cohorts by first order month over 2024-01-01..2025-12-31\n  export cohorts by first order month over 2025 to \"cohorts.xlsx\"\nSee docs/analytics.md.",
        "fit": "fit clv [over PERIOD]: fits BG/NBD (order frequency, churn) and Gamma-Gamma (order value) on the period's orders; prints r, alpha (per day), a, b, p, q, gamma, the log-likelihoods and the clients.\nThe estimates as fields: p_alive(PERIOD), expected_orders(PERIOD, N days), clv(PERIOD, N months) (discounted by clv.monthly_discount).\n  clients | where p_alive(last 24 months) < 0.3 and abc == \"A\" | select name, status, p_alive(last 24 months)\nSee docs/analytics.md.",
        "movement": "movement FIELD from PERIOD to PERIOD: how many clients moved between classes.\n  movement abc from 2024 to 2025\n  movement abc from 2024 to 2025 | where from == \"A\" and to == \"B\"     the clients behind a cell\n  (the same as: clients | where abc(2024) == \"A\" and abc(2025) == \"B\")",
        "check": "check shipment client: NAME or ID, amount: AMOUNT answers allowed or refused, with the reasons.\n  check shipment client: \"ООО Ромашка\", amount: 150",
        "rule": "rule \"NAME\": discount 5% | discount tiers by avg_order|turnover [0: 0%, 100: 2%] [when CONDITION] [category \"watches\"] [from DATE to DATE] [in months 1, 2] [min order 100] [priority 10] [combine exclusive|best|stack] [cap 10%]\n  rule \"Volume A\": discount 5% when abc == \"A\"\ndisable rule \"X\" | enable rule \"X\" | drop rule \"X\" | explain discount client: \"Name\" [on DATE]",
        "scenario": "scenario \"NAME\" { CHANGE; ... } stores what-if changes, never applied to the data:\n  rule \"X\": ... | drop rule \"X\" | disable rule \"X\" | enable rule \"X\" | set abc.a_min = 400 | assume volume +2% per discount point [for CONDITION]\n  scenario \"A to 7%\" { rule \"Volume A\": discount 7% when abc == \"A\" }",
        "apply": "apply scenario \"NAME\" adopts a saved scenario: its rules, drops, switches and settings become the live ones, in one transaction, each change printed (a volume assumption is not a rule and is not adopted). Refused on a read-only store.\n  apply scenario \"A to 7%\"",
        "sweep": "sweep \"RULE\" discount from A to B step S [over PERIOD] | sweep SETTING from A to B step S [over PERIOD]: net revenue, margin and discount cost for each value (everything else as it is now), against the baseline, with a chart. At most 50 values.\n  sweep \"Volume A\" discount from 3% to 10% step 1% over last 12 months\n  sweep abc.a_min from 300 to 700 step 50",
        "solve": "solve \"RULE\" discount [from A to B] for margin = max | net = max | margin >= AMOUNT | net >= AMOUNT | margin >= baseline [over PERIOD] (a setting: solve SETTING from A to B for ...): searches the range (a rule's discount: 0% to 30% by default) to the smallest unit (0.01%, a kopeck), says the precision and the assumption behind the search, and shows the comparison at the answer.\n  solve \"Volume A\" discount for margin = max over last 12 months",
        "compare": "compare baseline, \"SCENARIO\" | { CHANGE; ... }, ... [over PERIOD] [clients]: a scenario in braces is a throwaway one, evaluated and never saved (allowed on a read-only store); every shipped order of the period recomputed under each policy: gross, discount, net, cost of goods, margin (per category), classes, and the clients that change; then the discounts recorded on the orders beside the current rules recomputed. Cost of goods is fixed by what was sold (gross × (1 − category margin)); margin = net − cost. With clients: per client, the class over the period and the class the rules saw, discount, net, margin and their differences.\n  compare baseline, \"A to 7%\" over last 12 months",
        "discounts": "Rules give discounts; conditions use the client's segments over the calendar year before the order. Combination: the first exclusive rule alone, else the best best-of rule plus stacking rules up to the cap. See: help rule, help scenario, help compare, docs/discounts.md",
    ]

    /// Every topic: the fixed ones and `functions`, which is made from the function table.
    static var topicNames: [String] { Array(topics.keys) + ["functions"] }

    static func text(for topic: String?, catalog: Catalog) -> String {
        guard let topic else { return overview }
        let key = topic.lowercased()
        if key == "functions" { return functions(catalog) }
        if let t = topics[key] { return t }
        if Checker.windowFunctionNames.contains(key) { return topics["windows"]! }
        if let f = catalog.scalarFunction(key) { return function(f) }
        let hint = Suggestions.closest(to: topic, in: topicNames).map { " Did you mean '\($0)'?" } ?? ""
        return "No help on '\(topic)'.\(hint) Topics: " + topicNames.sorted().joined(separator: ", ")
    }

    /// `help functions`: one line per scalar function (the host's after the built-ins), then the aggregates.
    static func functions(_ catalog: Catalog) -> String {
        let rows = BuiltinFunction.all.map { ($0.usage, $0.summary) } + catalog.hostFunctions.map { ($0.usage, $0.help) }
        let width = rows.map(\.0.count).max() ?? 0
        func line(_ row: (String, String)) -> String {
            "  " + row.0 + String(repeating: " ", count: width - row.0.count + 2) + row.1
        }
        var lines = ["Scalar:"] + rows.prefix(BuiltinFunction.all.count).map(line)
        if !catalog.hostFunctions.isEmpty {
            lines += ["Added by this program:"] + rows.dropFirst(BuiltinFunction.all.count).map(line)
        }
        lines.append(BuiltinFunction.aggregateHelp)
        lines.append("Window functions (in derive or select; help windows): running_sum rank previous next change share(x)")
        lines.append("help NAME shows a function with an example: help coalesce")
        return lines.joined(separator: "\n")
    }

    /// `help lower`, `help vat`: what one function does and a query that uses it.
    static func function(_ f: FunctionRef) -> String {
        switch f {
        case .builtin(let id):
            let b = BuiltinFunction.function(id)
            return "\(b.usage): \(b.summary)\n  \(b.example)"
        case .host(let h):
            return "\(h.usage) -> \(h.resultType.rawValue): \(h.help)" + (h.example.map { "\n  \($0)" } ?? "")
        }
    }
}
