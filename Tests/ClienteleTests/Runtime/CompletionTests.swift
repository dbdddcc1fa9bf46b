import XCTest
@testable import Clientele
import ClienteleTestSupport

final class CompletionTests: XCTestCase {
    var engine: Engine!
    var path: String!

    override func setUpWithError() throws {
        path = TemporaryStore.path("completion")
        engine = Engine(store: try Store(path: path))
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Completions with the cursor at the end of `text`.
    func complete(_ text: String) -> [String] { engine.completions(for: text, cursor: text.count) }

    func testStatementStartOffersCommandsAndObjects() {
        let all = complete("")
        XCTAssertTrue(all.contains("clients"))
        XCTAssertTrue(all.contains("let"))
        XCTAssertEqual(complete("cl"), ["clients"])
        XCTAssertEqual(complete("de"), ["delete", "describe"])
    }

    func testStageNamesAfterPipe() {
        XCTAssertEqual(complete("clients | "), Parser.stageKeywords.sorted())
        XCTAssertEqual(complete("clients | s"), ["select", "skip", "sort", "spark"])
        XCTAssertEqual(complete("clients | where region == \"North\" | gr"), ["group"])
    }

    func testFieldsOfTheObjectInAStage() {
        XCTAssertEqual(complete("clients | where reg"), ["region"])
        XCTAssertEqual(complete("orders | where client.reg"), ["region"])
        XCTAssertEqual(complete("clients | agg total = sum(orders.ne"), ["net"])
        XCTAssertTrue(complete("clients | sort ").contains("turnover"))
    }

    func testCursorInTheMiddleOfAPipeline() {
        let text = "clients | where reg == \"North\" | take 3"
        let cursor = "clients | where reg".count
        XCTAssertEqual(engine.completions(for: text, cursor: cursor), ["region"])
    }

    func testColumnsMadeEarlierInThePipeline() {
        XCTAssertEqual(complete("clients | derive big = turnover * 2 | where bi"), ["big"])
        XCTAssertEqual(complete("clients | group abc agg revenue = sum(turnover) | sort rev"), ["revenue"])
        // After select only the selected columns flow on.
        XCTAssertEqual(complete("clients | select name, region | where re"), ["region"])
        XCTAssertFalse(complete("clients | select name | where ").contains("turnover"))
    }

    func testAnalystWords() {
        XCTAssertEqual(complete("orders | group m = mon"), ["month", "month_of"])
        XCTAssertEqual(complete("orders | derive r = runn"), ["running_sum"])
        XCTAssertEqual(complete("clients | group region, abc agg n = count() | pivot "), ["abc", "n", "region"])
        XCTAssertEqual(complete("clients | group region, abc | piv"), ["pivot"])
        XCTAssertEqual(complete("clients | group region, abc | pivot abc sp"), ["spark"])
        XCTAssertEqual(complete("clients | group region, abc agg n = count() | spark "), ["abc", "n", "region"])
        XCTAssertEqual(complete("set mon"), ["months"])
        XCTAssertEqual(complete("help ran"), ["rank"])
        XCTAssertEqual(complete("orders | group m = month_of(order_date) agg n = count() | chart l"), ["line"])
        XCTAssertTrue(String(describing: try engine.run("help rank")).contains("running_sum(x)"))
        XCTAssertTrue(String(describing: try engine.run("help pivot")).contains("pivot KEY"))
        XCTAssertTrue(String(describing: try engine.run("help month_of")).contains("2025-03"))
    }

    func testABrokenEarlierStageFallsBackToTheObject() {
        XCTAssertEqual(complete("clients | where nosuch > 1 | where reg"), ["region"])
    }

    func testSortDirectionAndAggKeyword() {
        XCTAssertEqual(complete("clients | sort turnover d"), ["desc"])
        XCTAssertEqual(complete("clients | group abc a"), ["agg"])
        XCTAssertEqual(complete("clients | group abc agg n = count(), s = sum(tur"), ["turnover"])
        XCTAssertEqual(complete("clients | where region == \"North\" a"), ["and"])
    }

    func testSettingNamesAfterSet() {
        XCTAssertEqual(complete("set per"), ["period"])
        XCTAssertTrue(complete("set abc.").isEmpty == false || complete("set ab").contains { $0.hasPrefix("abc") })
        XCTAssertEqual(complete("set to"), ["today"])
    }

    /// `set stored` / `reset stored` take store settings; `reset` also offers `stored`.
    func testStoredSettings() {
        XCTAssertEqual(complete("set sto"), ["stored"])
        XCTAssertTrue(complete("set stored ab").allSatisfy { $0.hasPrefix("abc.") || $0.hasPrefix("ab") })
        XCTAssertFalse(complete("set stored ").contains("period"), "period is not a store setting")
        XCTAssertTrue(complete("reset ").contains("stored"))
    }

    /// Keys after `segment clients by` and `per`; only import targets after `into`.
    func testSegmentKeysAndImportTargets() {
        XCTAssertEqual(complete("segment clients by ab"), ["abc"])
        XCTAssertTrue(complete("segment clients by abc, ").contains("risk"))
        XCTAssertFalse(complete("segment clients by ").contains("name"))
        XCTAssertEqual(complete("segment clients by importance per reg"), ["region"])
        XCTAssertEqual(complete("segment clients by abc p"), ["per"])
        XCTAssertEqual(complete("import \"x.csv\" into "), ["categories", "clients", "collections", "conflicts", "contacts", "contracts", "holidays", "interactions", "orders", "payments"])
    }

    /// Period words inside a metric's parentheses.
    func testPeriodWordsInsideAMetric() {
        XCTAssertEqual(complete("clients | where turnover(la"), ["last"])
        XCTAssertEqual(complete("clients | where turnover(last 12 mo"), ["months"])
        XCTAssertEqual(complete("clients | select name, orders_count(this q"), ["quarter"])
        XCTAssertTrue(complete("clients | where turnover(").contains("previous"))
        XCTAssertTrue(complete("clients | where turnover(2025) > 1 and reg").contains("region"), "after the parenthesis: fields again")
    }

    func testLetNamesAndParameters() throws {
        try engine.run("let lost = clients | where status == \"lost\"")
        XCTAssertEqual(complete("lo"), ["lost"])
        XCTAssertTrue(complete("lost | where ").contains("region"))
        engine.session.parameters["quarter"] = .text("2025-Q1")
        XCTAssertEqual(complete("clients | where turnover($q"), ["quarter"])
    }

    func testCommandsTakingObjectsAndFields() {
        XCTAssertEqual(complete("describe ord"), ["order_lines", "orders"])
        XCTAssertEqual(complete("add clients name: \"X\", reg"), ["region"])
        XCTAssertEqual(complete("add orders client: 1, gross: 5, over"), ["override"])
        XCTAssertEqual(complete("describe coll"), ["collections"])
        XCTAssertEqual(complete("clients | where days_since"), ["days_since_contact", "days_since_last_order"])
        XCTAssertEqual(complete("check dup"), ["duplicates"])
        XCTAssertEqual(complete("describe holi"), ["holidays"])
        XCTAssertEqual(complete("clients | where next_hol"), ["next_holiday", "next_holiday_name"])
        XCTAssertEqual(complete("holidays | sort next_"), ["next_date"])
        XCTAssertEqual(complete("update clients | where id == 1 set reg"), ["region"])
        XCTAssertEqual(complete("let big = clients | where tur"), ["turnover"])
    }

    func testMultiLineStatements() {
        XCTAssertEqual(complete("clients\n  | where reg"), ["region"])
        XCTAssertEqual(complete("clients |\n  where reg"), ["region"])
        XCTAssertEqual(complete("clients | take 1\ncl"), ["clients"])
    }

    func testNothingInsideStringsOrComments() {
        XCTAssertEqual(complete("clients | where name == \"reg"), [])
        XCTAssertEqual(complete("clients # reg"), [])
    }
}
