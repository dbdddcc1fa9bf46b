import XCTest
@testable import Clientele

/// Every error a user can make in the policy syntax, with its exact message, line and column.
/// Format: "line:column: message [help: ...]", several diagnostics joined with " || ".
final class PolicyDiagnosticsTests: XCTestCase {
    var engine: Engine!
    var dir: URL!

    override func setUpWithError() throws { (_, engine, dir) = try PolicyFixture.makeStore() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func diagnostics(_ source: String) -> String {
        engine.check(source).map { $0.description + ($0.help.map { " [help: \($0)]" } ?? "") }.joined(separator: " || ")
    }

    func testEveryPolicyError() {
        let cases: [(String, String)] = [
            (#"rule "X" discount 5%"#,
             #"1:10: expected ':' after the rule's name (rule "Name": discount 5% when ...), found 'discount'"#),
            (#"rule "X": 5%"#,
             #"1:11: expected 'discount' after 'rule "X":' (e.g. discount 5% when abc == "A"), found '5%'"#),
            (#"rule "X": discount when abc == "A""#,
             #"1:20: expected a percent or an amount after 'discount', found 'when' [help: e.g. discount 5%, discount 50.00 (off each order), or discount tiers by avg_order [0: 0%, 100: 2%]]"#),
            (#"rule "X": discount 120%"#,
             #"1:20: a discount is between 0% and 100%, not 120%"#),
            (#"rule "X": discount 5"#,
             #"1:20: write 5% for a percent, or 5.00 for an amount off each order"#),
            (#"rule "X": discount "five""#,
             #"1:20: a discount is a percent (5%) or an amount off each order (50.00)"#),
            (#"rule "X": discount 50.00 combine best"#,
             #"1:26: a fixed amount is added to the percent discounts after they combine: 'combine' and 'cap' do not apply to it"#),
            (#"rule "X": discount 0.00"#,
             #"1:20: a fixed discount is more than 0"#),
            (#"rule "": discount 5%"#,
             #"1:6: a rule needs a name"#),
            (#"rule "X": discount 5% when regoin == "North""#,
             #"1:28: unknown field 'regoin' on clients [help: did you mean 'region'?]"#),
            (#"rule "X": discount 5% when turnover"#,
             #"1:28: when needs a condition (true or false), but this is an amount of money [help: compare it, e.g. when turnover > 1000]"#),
            (#"rule "X": discount 5% when"#,
             #"1:27: expected a condition after 'when', found the end of input [help: e.g. when abc == "A" and outlets >= 5]"#),
            (#"rule "X": discount 5% when abc == $cls"#,
             #"1:35: a rule condition cannot use parameters: it is stored and evaluated again later [help: write the value itself]"#),
            (#"rule "X": discount 5% when sum(turnover) > 5"#,
             #"1:28: aggregates like sum() and count() belong in agg, not in a rule condition [help: e.g. group region agg total = sum(turnover)]"#),
            (#"rule "X": discount 5% priority high"#,
             #"1:32: priority is a whole number (lower numbers are considered first), e.g. priority 10"#),
            (#"rule "X": discount 5% combine cheapest"#,
             #"1:31: combine is exclusive, best or stack, not 'cheapest'"#),
            (#"rule "X": discount 5% cap 10%"#,
             #"1:23: a cap limits stacking rules: add 'combine stack' to this rule"#),
            (#"rule "X": discount 5% category "watchs""#,
             #"1:32: unknown category "watchs" [help: did you mean 'watches'?]"#),
            (#"rule "X": discount 5% from 2025-12-31 to 2025-01-01"#,
             #"1:23: this rule ends (2025-01-01) before it starts (2025-12-31)"#),
            (#"rule "X": discount 5% from 2025-02-30"#,
             #"1:28: 2025-02-30 is not a calendar date: February 2025 has 28 days"#),
            (#"rule "X": discount 5% in months 1, 13"#,
             #"1:36: months are 1 to 12, not 13"#),
            (#"rule "X": discount 5% in month 1"#,
             #"1:26: expected 'months' after 'in' (in months 1, 2, 7), found 'month'"#),
            (#"rule "X": discount 5% min order -5"#,
             #"1:33: min order cannot be negative"#),
            (#"rule "X": discount 5% min order 5%"#,
             #"1:33: min order is an amount of money, e.g. 100 or 99.50"#),
            (#"rule "X": discount 5% min 100"#,
             #"1:27: expected 'order' after 'min' (min order 100), found '100'"#),
            (#"rule "X": discount 5% priority 1 priority 2"#,
             #"1:34: priority is given twice in this rule"#),
            (#"rule "X": discount 5% when abc == "A" when abc == "B""#,
             #"1:39: 'when' is given twice"#),
            (#"rule "X": discount 5% sometimes"#,
             #"1:23: unknown rule option 'sometimes' [help: rule options are: when, priority, combine, cap, category, from DATE to DATE, in months, min order]"#),
            (#"rule "X": discount 5% 12"#,
             #"1:23: unexpected '12' in the rule [help: rule options are: when, priority, combine, cap, category, from DATE to DATE, in months, min order]"#),
            (#"rule "X": discount tiers by volume [0: 1%]"#,
             #"1:29: tiers are by avg_order or turnover, not 'volume'"#),
            (#"rule "X": discount tiers by avg_order [0: 1%, 0: 2%]"#,
             #"1:47: tier thresholds must increase: 0.00 comes after 0.00"#),
            (#"rule "X": discount tiers by avg_order [0 1%]"#,
             #"1:42: expected ':' between an amount and its percent in the tier table (e.g. 100: 2%), found '1%'"#),
            (#"rule "X": discount tiers by avg_order [0: 1%"#,
             #"1:45: expected ']' to close the tier table, found the end of input"#),
            (#"rule "X": discount tiers avg_order [0: 1%]"#,
             #"1:26: expected 'by' after 'tiers' (tiers by avg_order [0: 0%, 100: 2%]), found 'avg_order'"#),
            (#"rule "X": discount tiers by avg_order [0: 2]"#,
             #"1:43: a discount is a percent, e.g. 5%"#),
            (#"drop rule "Volume C""#,
             #"1:11: unknown rule "Volume C" [help: did you mean 'Volume A'?]"#),
            (#"disable rule "volume a""#,
             #"1:14: unknown rule "volume a" [help: did you mean 'Volume A'?]"#),
            (#"enable rule "Nope""#,
             #"1:13: unknown rule "Nope" [help: list them with: rules]"#),
            (#"drop rule X"#,
             #"1:11: expected the rule's name in quotes, found 'X'"#),
            (#"drop scenario "Nope""#,
             #"1:15: unknown scenario "Nope" [help: list them with: scenarios]"#),
            (#"scenario "S" { }"#,
             #"1:1: a scenario needs at least one change [help: e.g. scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" }]"#),
            (#"scenario "S" { drop rule "Volume C" }"#,
             #"1:26: unknown rule "Volume C" [help: did you mean 'Volume A'?]"#),
            (#"scenario "S" { set abc.a_mim = 400 }"#,
             #"1:20: unknown setting 'abc.a_mim' [help: did you mean 'abc.a_min'?]"#),
            (#"scenario "S" { set period = 2025 }"#,
             #"1:20: a scenario changes stored settings only, not period [help: choose the period when comparing: compare baseline, "S" over 2025]"#),
            (#"scenario "S" { set abc.a_min = "x" }"#,
             #"1:32: abc.a_min takes an amount of money, not text [help: e.g. set abc.a_min = 500]"#),
            (#"scenario "S" { rule "V": discount 5% when regoin == "x" }"#,
             #"1:43: unknown field 'regoin' on clients [help: did you mean 'region'?]"#),
            (#"scenario "S" { frobnicate }"#,
             #"1:16: unknown change 'frobnicate' in a scenario [help: changes are: rule, drop rule, disable rule, enable rule, set, assume]"#),
            (#"scenario "S" { assume volume 2 per discount point }"#,
             #"1:30: a volume response is a percent, e.g. 5%"#),
            (#"scenario "S" { assume volume +2% per point }"#,
             #"1:38: expected 'discount' after 'per' (per discount point), found 'point'"#),
            (#"scenario "S" { assume price +2% per discount point }"#,
             #"1:23: expected 'volume' after 'assume' (assume volume +2% per discount point), found 'price'"#),
            (#"scenario "S" { assume volume +2% per discount point for regoin == "x" }"#,
             #"1:57: unknown field 'regoin' on clients [help: did you mean 'region'?]"#),
            (#"scenario "S" rule "V": discount 5%"#,
             #"1:14: expected '{' after the scenario's name (scenario "Name" { changes }), found 'rule'"#),
            (#"scenario "S" { rule "V": discount 5%"#,
             #"1:1: this scenario is not closed: add '}' after its changes"#),
            (#"scenario "" { drop rule "Volume A" }"#,
             #"1:10: a scenario needs a name"#),
            (#"scenario "S" { 5 }"#,
             #"1:16: expected a change in the scenario, found '5' [help: changes are: rule "X": ..., drop rule "X", disable rule "X", enable rule "X", set key = value, assume volume ...]"#),
            (#"assume volume +2% per discount point"#,
             #"1:1: an assumption belongs inside a scenario [help: e.g. scenario "S" { assume volume +2% per discount point for abc == "B" }]"#),
            (#"compare baseline, "Nope""#,
             #"1:19: unknown scenario "Nope" [help: list them with: scenarios]"#),
            (#"compare baseline"#,
             #"1:1: compare needs two or more columns: baseline and scenario names [help: e.g. compare baseline, "A to 7%" over last 12 months]"#),
            (#"compare baseline, 5"#,
             #"1:19: expected baseline, a scenario name in quotes or a scenario in braces, found '5' [help: e.g. compare baseline, "A to 7%", { rule "Volume A": discount 8% when abc == "A" } over last 12 months]"#),
            (#"compare baseline, { drop rule "Volume C" } over 2025"#,
             #"1:31: unknown rule "Volume C" [help: did you mean 'Volume A'?]"#),
            (#"compare baseline, { set abc.a_min = "x" }"#,
             #"1:37: abc.a_min takes an amount of money, not text [help: e.g. set abc.a_min = 500]"#),
            (#"compare baseline, {}"#,
             #"1:19: a scenario needs at least one change [help: e.g. scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" }]"#),
            (#"compare baseline, baseline over 2024, 2025 clients"#,
             #"1:39: compare ... clients takes one period, not 2 [help: list the clients of each period in its own compare]"#),
            (#"apply scenario "Nope""#,
             #"1:16: unknown scenario "Nope" [help: list them with: scenarios]"#),
            (#"apply scenario"#,
             #"1:15: expected the scenario's name in quotes, found the end of input"#),
            (#"sweep "Volume C" discount from 3% to 7% step 1%"#,
             #"1:7: unknown rule "Volume C" [help: did you mean 'Volume A'?]"#),
            (#"sweep "Volume A" from 3% to 7% step 1%"#,
             #"1:18: expected 'discount' after the rule's name (sweep "Volume A" discount ...), found 'from'"#),
            (#"sweep "Volume A" discount from 7% to 3% step 1%"#,
             #"1:32: a sweep goes up: 7% is above 3%"#),
            (#"sweep "Volume A" discount from 3% to 7% step 0%"#,
             #"1:46: the step must be above zero"#),
            (#"sweep "Volume A" discount from 3% to 7%"#,
             #"1:40: expected 'step' after the range (from 3% to 10% step 1%), found the end of input"#),
            (#"sweep abc.method from 1 to 2 step 1"#,
             #"1:7: abc.method is a text: only amounts, percents and counts can be swept"#),
            (#"sweep abc.a_min from -5 to 2 step 1"#,
             #"1:22: abc.a_min cannot be negative"#),
            (#"solve "Volume A" discount for margin > 5"#,
             #"1:38: expected '= max' or '>= AMOUNT' or '>= baseline' after margin, found '>' [help: e.g. solve "Volume A" discount for margin = max]"#),
            (#"solve "Volume A" discount from 5% to 5% for margin = max"#,
             #"1:32: the range to search goes up: 5% is not below 5%"#),
            (#"solve "Volume A" discount for net >= -5"#,
             #"1:38: the net to reach cannot be negative"#),
            (#"compare baseline, baseline over 2025-13"#,
             #"1:33: '2025-13' is not a month: months are 01 to 12"#),
            (#"compare baseline, baseline over banana"#,
             #"1:33: expected a period: 2025, 2025-Q1, 2025-03, last 12 months, this year, previous quarter, 2025-01-01..2025-06-30, all"#),
            (#"explain discount "Alpha""#,
             #"1:18: expected 'client' after 'explain discount' (explain discount client: "Name"), found a string"#),
            (#"explain discount client: 1 + region"#,
             #"1:30: 'region' is not known here: only plain values are allowed"#),
            (#"explain discount client: "Alpha" on 2025"#,
             #"1:37: 'on' needs a date, e.g. on 2025-06-01"#),
        ]
        for (source, expected) in cases {
            XCTAssertEqual(diagnostics(source), expected, source)
        }
    }

    func testErrorsInsideAScenarioPointAtTheirLineAndAreAllReported() {
        let source = """
        scenario "S" {
          rule "V": discount 5% when regoin == "North"
          drop rule "Volume C"
          set abc.a_min = 400
        }
        """
        XCTAssertEqual(diagnostics(source), "2:30: unknown field 'regoin' on clients [help: did you mean 'region'?] || "
                       + "3:13: unknown rule \"Volume C\" [help: did you mean 'Volume A'?]")
    }

    func testRulesDefinedOrDroppedEarlierInTheScriptCount() {
        XCTAssertEqual(diagnostics("rule \"New\": discount 1%\nscenario \"S\" { drop rule \"New\" }"), "")
        XCTAssertEqual(diagnostics("drop rule \"Volume A\"\ndisable rule \"Volume A\""),
                       "2:14: unknown rule \"Volume A\" [help: did you mean 'Volume B'?]")
        XCTAssertEqual(diagnostics("scenario \"S\" { drop rule \"Volume A\" }\ncompare baseline, \"S\""), "")
    }

    func testReadOnlyStoreRefusesRuleChanges() throws {
        let ro = Engine(store: try Store(path: engine.store.path, readOnly: true))
        XCTAssertEqual(ro.check("disable rule \"Volume A\"").map(\.description),
                       ["1:1: the store is open read-only: disable rule is refused"])
    }

    func testUnknownClientInExplainIsARuntimeError() {
        XCTAssertThrowsError(try engine.run("explain discount client: \"Nobody\"")) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "there is no client 'Nobody'")
        }
    }
}
