import Foundation

/// Issue 15, values: inputs that crashed the program or stored impossible values (settings
/// out of range or contradicting each other, dates past 9999, order amounts that do not add
/// up, sums past 64 bits, a period parameter that is not one, 300 rules in one policy).
/// Each must be refused with its exact message and leave the store unchanged.
extension BadInputCase {
    /// A script whose last statement fails at run time, so that what came before (the
    /// rules, the scenario) is rolled back and the store stays as it was.
    static let rollBack = "\nadd orders client: 999999, order_date: 2025-01-01, gross: 1"

    static func withParameter(_ name: String, _ parameter: String, _ text: String) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, _ in [store, "--param", parameter, "-c", text] })
    }

    /// `import "NAME.csv" into TARGET`, the CSV and the script written into the case's scratch
    /// folder and run with `run SCRIPT --store STORE`: the file name is relative to the
    /// script, so the transcript does not depend on where the scratch folder is.
    static func importing(_ name: String, _ csv: String, into target: String) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, scratch in
            try csv.write(to: scratch.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
            let script = scratch.appendingPathComponent("\(name).clq")
            try "import \"\(name).csv\" into \(target)\n".write(to: script, atomically: true, encoding: .utf8)
            return ["run", script.path, "--store", store]
        })
    }

    /// A store whose order lines (and orders) hold amounts near the 64-bit limit, with no
    /// rule and no margin, so that only the sums of `compare` can overflow.
    static func hugeAmounts(_ store: String) throws {
        let sql = """
            UPDATE order_lines SET gross_minor = 4611686018427387000;
            UPDATE categories SET margin_bp = 0;
            UPDATE rules SET enabled = 0;
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [store, sql]
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw CocoaError(.fileWriteUnknown) }
    }

    /// Runs SQL on the case's store copy before the program (what an older clientele, or
    /// another program, could have left in it).
    static func sqlite(_ sql: String) -> (String) throws -> Void {
        { store in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [store, sql]
            try p.run()
            p.waitUntilExit()
            if p.terminationStatus != 0 { throw CocoaError(.fileWriteUnknown) }
        }
    }

    static let values: [BadInputCase] = [
        // Bug 4: settings that crashed later computations are refused when set.
        command("v01-deferral-days-64-bit-limit", "set first_deal.deferral_days = 9223372036854775807"),
        command("v02-deferral-days-negative", "set first_deal.deferral_days = -1"),
        command("v03-deferral-days-past-ten-years", "set first_deal.deferral_days = 4000000"),
        command("v04-lost-days-negative", "set status.lost_days = -1"),
        command("v05-share-above-100", "set abc.share_a = 150%"),
        command("v06-chain-outlets-zero", "set sales_type.chain_outlets = 0"),
        command("v07-money-setting-too-large", "set first_deal.credit_per_outlet = 90000000000000000"),
        // Settings that contradict each other: named with both values.
        command("v08-a-min-below-b-min", "set abc.a_min = 50"),
        command("v09-b-min-above-a-min", "set abc.b_min = 600"),
        command("v10-share-b-below-share-a", "set abc.share_b = 70%"),
        command("v11-new-days-above-lost-days", "set status.new_days = 200"),
        command("v12-risk-groups-crossed", "set risk.g2_days = 2"),
        command("v13-reset-into-a-contradiction", "set abc.a_min = 700\nset abc.b_min = 600\nreset abc.a_min"),
        command("v14-category-margin-150", "update categories | where id == 1 set margin = 150%"),
        command("v15-add-category-negative-margin", "add categories name: \"loss\", margin: -5%"),
        // Bug 8: a due date past 9999.
        command("v16-order-on-9999-12-31", "add orders client: 1, order_date: 9999-12-31, gross: 10"),
        importing("v17-import-order-on-9999-12-31", "client_tax_id,order_date,gross\n7701000001,9999-12-31,10.00\n", into: "orders"),
        // Bug 4: a period parameter that is not one is refused like the same literal in the script.
        withParameter("v18-param-quarter-5", "p=2025-Q5", "clients | select name, turnover($p)"),
        withParameter("v19-param-month-13", "p=2025-13", "clients | select name, turnover($p)"),
        withParameter("v20-param-year-0000-quarter", "p=0000-Q1", "clients | select name, turnover($p)"),
        withParameter("v21-param-last-huge", "p=last 99999999999 days", "clients | select name, turnover($p)"),
        // Bug 9: one rule for an order's amounts on every write path.
        command("v22-update-net-directly", "update orders | where id == 1 set net = 5"),
        command("v23-update-negative-gross", "update orders | where id == 1 set gross = -5"),
        command("v24-update-discount-above-gross", "update orders | where id == 1 set discount = gross + 1"),
        command("v25-add-negative-gross", "add orders client: 1, order_date: 2025-01-01, gross: -10"),
        command("v26-add-discount-above-gross", "add orders client: 1, order_date: 2025-01-01, gross: 10, discount: 20"),
        command("v27-add-net-not-gross-minus-discount", "add orders client: 1, order_date: 2025-01-01, gross: 10, discount: 2, net: 9"),
        importing("v28-import-negative-gross", "client_tax_id,order_date,gross\n7701000001,2025-01-01,-10.00\n", into: "orders"),
        importing("v29-import-discount-above-gross", "client_tax_id,order_date,gross,discount\n7701000001,2025-01-01,10.00,20.00\n", into: "orders"),
        importing("v30-import-net-plus-discount-overflow",
                  "client_tax_id,order_date,discount,net\n7701000001,2025-01-01,90000000000000000.00,90000000000000000.00\n", into: "orders"),
        // Bug 4: compare on amounts near the 64-bit limit.
        BadInputCase(name: "v31-compare-sums-past-64-bits",
                     arguments: { store, _ in [store, "-c", "scenario \"T\" { set abc.a_min = 600 }\ncompare baseline, \"T\" over 2025"] },
                     prepareStore: hugeAmounts),
        // A deferral stored by an older clientele: adding or importing an order is an error, not a crash.
        BadInputCase(name: "v33-stored-deferral-64-bit-limit-add-order",
                     arguments: { store, _ in [store, "-c", "add orders client: 1, order_date: 2025-01-01, gross: 10"] },
                     prepareStore: sqlite("UPDATE settings SET value = '9223372036854775807' WHERE key = 'first_deal.deferral_days'")),
        BadInputCase(name: "v34-stored-deferral-64-bit-limit-import",
                     arguments: importing("v34", "client_tax_id,order_date,gross\n7701000001,2025-01-01,10.00\n", into: "orders").arguments,
                     prepareStore: sqlite("UPDATE settings SET value = '9223372036854775807' WHERE key = 'first_deal.deferral_days'")),
        // Date arithmetic: outside 0001-9999 is an error, never a crash, a NULL or a year 0.
        command("v35-birthdays-in-the-year-9999", "set today = 9999-12-31\ncontacts | where birthday within 14 days | select name\nclients | where id == 0 | take 0" + rollBack),
        command("v36-turnover-of-the-last-10000-years", "clients | where turnover(last 10000 years) > 0 | count" + rollBack),
        command("v37-previous-year-of-the-year-1", "set today = 0001-01-01\nset period = previous year\nclients | where turnover > 0 | count" + rollBack),
        command("v38-compare-over-all", "compare baseline, baseline over all clients" + rollBack),
        command("v39-update-date-past-9999", "update clients | where id == 1 set founded = 2025-01-01 + 3000000 days"),
        command("v40-date-before-0001", "orders | where order_date - 800000 days < 2025-01-01 | count"),
        // SQLite's constraint texts become sentences.
        command("v41-negative-outlets", "update clients | where id == 1 set outlets = -1"),
        command("v42-negative-payment", "add payments order: 1, date: 2025-01-01, amount: -5"),
        command("v43-due-date-past-9999-by-update", "update orders | where id == 1 set due_date = due_date + 3000000 days"),
        // Control characters in names are shown escaped in messages, never sent to the terminal.
        command("v44-escape-in-rule-name", "drop rule \"Y\u{1B}[2J\""),
        command("v45-escape-in-scenario-name", "compare baseline, \"S\u{1B}]0;pwned\u{07}\""),
        command("v46-escape-in-file-name", "import \"/nonexistent/\u{1B}[31m.csv\" into clients"),
        command("v47-scenario-setting-contradicts-the-store",
                "scenario \"Low A\" { set abc.a_min = 50 }\ncompare baseline, \"Low A\" over 2025"),
        // A store an older clientele let contradict itself twice is repaired one set at a time:
        // only the pairs the set touches are checked (the script then fails on purpose).
        BadInputCase(name: "v48-repair-a-contradicting-store",
                     arguments: { store, _ in [store, "-c", "set abc.a_min = 600" + rollBack] },
                     prepareStore: sqlite("UPDATE settings SET value = '50.00' WHERE key = 'abc.a_min'; UPDATE settings SET value = '99%' WHERE key = 'abc.share_a'")),
        // A store written before the amount rules, holding orders that break them: not upgraded
        // (exit 2, the file untouched), the rows listed.
        BadInputCase(name: "v49-old-store-with-broken-amounts-is-not-upgraded",
                     arguments: { store, _ in [store, "-c", "orders | count"] },
                     expectation: .usageError, needsRealCLI: true,
                     prepareStore: sqlite("""
                         DELETE FROM grdb_migrations WHERE identifier = 'v5-amount-rules';
                         DROP TRIGGER orders_amounts_insert; DROP TRIGGER orders_amounts_update;
                         DROP TRIGGER payments_amount_insert; DROP TRIGGER payments_amount_update;
                         DROP TRIGGER order_lines_gross_insert; DROP TRIGGER order_lines_gross_update;
                         DROP TRIGGER categories_margin_insert; DROP TRIGGER categories_margin_update;
                         UPDATE orders SET net_minor = 500 WHERE id IN (1, 2);
                         UPDATE payments SET amount_minor = -1 WHERE id = 1;
                         """)),
        // A credit limit past 64 bits (outlets × credit per outlet × chain factor) is an error, not a wrong number.
        command("v50-credit-limit-past-64-bits",
                "update clients | where id == 1 set outlets = 9000000000000000000\nclients | where id == 1 | select name, credit_limit"),
        // A percent discount of an amount near the 64-bit limit is computed exactly, not a crash
        // (line 2 has no error); a percent above 100 is refused (line 3), so nothing is imported.
        importing("v51-import-percent-discount-of-a-huge-gross",
                  "client_tax_id,order_date,gross,discount\n7701000001,2025-01-01,90000000000000000.00,50%\n7701000001,2025-01-01,10.00,150%\n", into: "orders"),
        // 300 rules in one policy: compared, then rolled back by the failing last statement.
        command("v32-compare-with-300-rules",
                (0..<300).map { "rule \"R\($0)\": discount 1% when abc == \"A\"" }.joined(separator: "\n")
                + "\nscenario \"T\" { set abc.a_min = 600 }\ncompare baseline, \"T\" over 2025 clients" + rollBack),
    ]
}
