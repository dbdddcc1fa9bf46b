#!/usr/bin/env python3
"""Clientele benchmark: the same questions asked of Clientele (as a process and in-process
through the engine API), the sqlite3 shell running hand-written SQL on the same file,
DuckDB and pandas on the same data loaded once. Checks that all give the same answer
before timing, takes the median of alternating repeated runs after a warm-up, records the
peak memory of the Clientele process, and writes docs/performance.md.

Run through scripts/bench (which builds and installs what is missing).
"""
import argparse
import csv
import io
import itertools
import os
import platform
import sqlite3
import shutil
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("CLIENTELE_BENCH_DATA", ROOT / "bench-data"))
TODAY = "2025-12-31"
START = "2025-01-01"
SIZES = {"S": (10_000, 200_000), "M": (100_000, 2_000_000), "L": (1_000_000, 20_000_000)}
SEED = 7

# --- workloads ------------------------------------------------------------------------
# Each: Clientele script; column kinds for comparison (t text, i integer, m money);
# whether row order matters; SQL for sqlite3; SQL for DuckDB (None: the same); pandas.

SALES = f"""s AS (SELECT client_id, SUM(net_minor) AS t, COUNT(*) AS n, MAX(order_date) AS last
  FROM orders WHERE status = 'shipped' AND order_date BETWEEN '{START}' AND '{TODAY}' GROUP BY client_id)"""

W1_SQL = f"""WITH {SALES}
SELECT c.id, c.name, s.t FROM clients c JOIN s ON s.client_id = c.id
WHERE c.region = 'North' AND s.t > 100000 ORDER BY s.t DESC, c.id LIMIT 20"""

W2_SQL = f"""WITH {SALES}
SELECT c.region, COALESCE(c.sales_type, CASE WHEN c.outlets >= 3 THEN 'retail chain' ELSE 'retail point' END) AS st,
       COUNT(*), COALESCE(SUM(s.t), 0)
FROM clients c LEFT JOIN s ON s.client_id = c.id GROUP BY 1, 2"""

W3_SQL = f"""WITH {SALES},
f AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= '{TODAY}' GROUP BY client_id)
SELECT abc, COUNT(*), COALESCE(SUM(t), 0) FROM (
  SELECT CASE WHEN s.t IS NULL OR s.t <= 0 THEN NULL WHEN f.shipped = 1 THEN 'C'
              WHEN s.t > 50000 THEN 'A' WHEN s.t >= 10000 THEN 'B' ELSE 'C' END AS abc, COALESCE(s.t, 0) AS t
  FROM clients c LEFT JOIN s ON s.client_id = c.id LEFT JOIN f ON f.client_id = c.id) GROUP BY abc"""


def w4_sql(days):
    # risk.debts = open (the default since issue 20): the shipped orders of the period, and
    # the earlier ones still not paid in full at its end (payments are dated up to today).
    return f"""WITH p AS (SELECT order_id, SUM(amount_minor) AS paid, MAX(date) AS last_paid FROM payments
                WHERE date <= '{TODAY}' GROUP BY order_id),
od AS (SELECT o.client_id,
         CASE WHEN COALESCE(p.paid, 0) >= o.net_minor THEN
                CASE WHEN p.last_paid IS NULL OR {days('o.due_date', 'p.last_paid')} < 0 THEN 0
                     ELSE {days('o.due_date', 'p.last_paid')} END
              WHEN o.due_date < '{TODAY}' THEN {days('o.due_date', f"'{TODAY}'")} ELSE 0 END AS d
       FROM orders o LEFT JOIN p ON p.order_id = o.id
       WHERE o.status = 'shipped' AND (o.order_date BETWEEN '{START}' AND '{TODAY}'
             OR (o.order_date < '{START}' AND COALESCE(p.paid, 0) < o.net_minor))),
a AS (SELECT client_id, SUM(CASE WHEN d > 0 THEN 1 ELSE 0 END) AS v, MAX(d) AS d FROM od GROUP BY client_id),
g AS (SELECT CASE WHEN COALESCE(v, 0) = 0 THEN 0 WHEN v <= 2 THEN 1 WHEN v <= 5 THEN 2 ELSE 3 END AS gv,
             CASE WHEN COALESCE(d, 0) = 0 THEN 0 WHEN d <= 3 THEN 1 WHEN d <= 7 THEN 2 ELSE 3 END AS gd
      FROM clients c LEFT JOIN a ON a.client_id = c.id)
SELECT CASE WHEN gv > gd THEN gv ELSE gd END AS risk, COUNT(*) FROM g GROUP BY 1"""


W4_SQL = w4_sql(lambda a, b: f"CAST(julianday({b}) - julianday({a}) AS INTEGER)")
W4_DUCK = w4_sql(lambda a, b: f"date_diff('day', CAST({a} AS DATE), CAST({b} AS DATE))")

W5_SQL = f"""WITH {SALES},
x AS (SELECT c.region, s.t,
        SUM(s.t) OVER (PARTITION BY c.region ORDER BY s.t DESC RANGE UNBOUNDED PRECEDING)
          - s.t * COUNT(*) OVER (PARTITION BY c.region, s.t) AS before,
        SUM(s.t) OVER (PARTITION BY c.region) AS total
      FROM s JOIN clients c ON c.id = s.client_id WHERE s.t > 0)
SELECT region, CASE WHEN before * 10000 < 2000 * total THEN 'key' WHEN before * 10000 < 7000 * total THEN 'medium'
                    ELSE 'small' END AS importance, COUNT(*)
FROM x GROUP BY 1, 2"""

W6_SQL = f"""WITH {SALES},
q AS (SELECT client_id, last, n, t, NTILE(5) OVER (ORDER BY last, client_id) AS nr,
             NTILE(5) OVER (ORDER BY n, client_id) AS nf, NTILE(5) OVER (ORDER BY t, client_id) AS nm FROM s),
r AS (SELECT MIN(nr) OVER (PARTITION BY last) AS r, MIN(nf) OVER (PARTITION BY n) AS f,
             MIN(nm) OVER (PARTITION BY t) AS m FROM q)
SELECT CAST(r AS TEXT) || CAST(f AS TEXT) || CAST(m AS TEXT) AS rfm, COUNT(*) FROM r GROUP BY 1"""


def pandas_sales(d):
    o = d["orders"]
    o = o[(o.status == "shipped") & (o.order_date >= START) & (o.order_date <= TODAY)]
    return o.groupby("client_id").agg(t=("net_minor", "sum"), n=("net_minor", "size"), last=("order_date", "max"))


def p_w1(d):
    s = pandas_sales(d)
    c = d["clients"].set_index("id").join(s, how="inner")
    c = c[(c.region == "North") & (c.t > 100000)].reset_index()
    c = c.sort_values(["t", "id"], ascending=[False, True]).head(20)
    return list(zip(c.id, c.name, c.t))


def p_sales_type(c):
    import numpy as np
    return np.where(c.sales_type.notna(), c.sales_type, np.where(c.outlets >= 3, "retail chain", "retail point"))


def p_w2(d):
    s = pandas_sales(d)
    c = d["clients"].set_index("id").join(s, how="left")
    c["st"] = p_sales_type(c)
    g = c.groupby(["region", "st"]).agg(n=("t", "size"), t=("t", "sum")).reset_index()
    return list(zip(g.region, g.st, g.n, g.t.fillna(0).astype("int64")))


def p_w3(d):
    import numpy as np
    s = pandas_sales(d)
    o = d["orders"]
    f = o[(o.status == "shipped") & (o.order_date <= TODAY)].groupby("client_id").size().rename("shipped")
    c = d["clients"][["id"]].set_index("id").join(s, how="left").join(f, how="left")
    t = c.t.fillna(0)
    abc = np.select([t <= 0, c.shipped == 1, t > 50000, t >= 10000], [None, "C", "A", "B"], default="C")
    g = c.assign(abc=abc, t=t).groupby("abc", dropna=False).agg(n=("t", "size"), t=("t", "sum")).reset_index()
    return list(zip(g.abc, g.n, g.t.astype("int64")))


def p_w4(d):
    import numpy as np
    import pandas as pd
    pay = d["payments"]
    pay = pay[pay.date <= TODAY].groupby("order_id").agg(paid=("amount_minor", "sum"), last_paid=("date_dt", "max"))
    o = d["orders"]
    o = o[(o.status == "shipped") & (o.order_date <= TODAY)]
    o = o.join(pay, on="id", how="left")
    # risk.debts = open (the default since issue 20): earlier orders still unpaid are judged too.
    o = o[(o.order_date >= START) | (o.paid.fillna(0) < o.net_minor)]
    paid = o.paid.fillna(0)
    due = o.due_dt
    late_paid = (o.last_paid - due).dt.days
    late_open = (pd.Timestamp(TODAY) - due).dt.days
    days = np.where(paid >= o.net_minor, np.where(o.last_paid.isna() | (late_paid < 0), 0, late_paid.fillna(0)),
                    np.where(o.due_date < TODAY, late_open, 0))
    o = o.assign(d=days.astype("int64"), late=(days > 0).astype("int64"))
    a = o.groupby("client_id").agg(v=("late", "sum"), d=("d", "max"))
    c = d["clients"][["id"]].set_index("id").join(a, how="left").fillna(0)
    gv = np.select([c.v == 0, c.v <= 2, c.v <= 5], [0, 1, 2], default=3)
    gd = np.select([c.d == 0, c.d <= 3, c.d <= 7], [0, 1, 2], default=3)
    risk = np.maximum(gv, gd)
    g = pd.Series(risk).value_counts()
    return list(zip(g.index, g.values))


def p_w5(d):
    import numpy as np
    s = pandas_sales(d)
    x = d["clients"].set_index("id").join(s, how="inner")
    x = x[x.t > 0].reset_index()
    total = x.groupby("region").t.transform("sum")
    # cumulative sum including peers (equal turnover), minus the peers' own turnover
    peer = x.groupby(["region", "t"]).t.transform("sum")
    x = x.sort_values(["region", "t"], ascending=[True, False])
    cum_groups = x.groupby(["region", "t"], sort=False).t.sum().groupby(level=0).cumsum()
    x = x.join(cum_groups.rename("cum"), on=["region", "t"])
    before = x.cum - peer.loc[x.index]
    total = total.loc[x.index]
    imp = np.select([before * 10000 < 2000 * total, before * 10000 < 7000 * total], ["key", "medium"], default="small")
    g = x.assign(imp=imp).groupby(["region", "imp"]).size().reset_index()
    return list(zip(g.region, g.imp, g[0]))


def p_w6(d):
    import numpy as np
    s = pandas_sales(d).reset_index()

    def ntile(order_cols):
        ranked = s.sort_values(order_cols).reset_index(drop=True)
        n = len(ranked)
        # SQL NTILE(5): the first n % 5 buckets get one row more
        size, extra = divmod(n, 5)
        bucket = np.empty(n, dtype=int)
        pos = 0
        for b in range(5):
            k = size + (1 if b < extra else 0)
            bucket[pos:pos + k] = b + 1
            pos += k
        return ranked.assign(b=bucket).set_index("client_id").b

    s2 = s.set_index("client_id")
    s2["nr"] = ntile(["last", "client_id"])
    s2["nf"] = ntile(["n", "client_id"])
    s2["nm"] = ntile(["t", "client_id"])
    r = s2.groupby("last").nr.transform("min")
    f = s2.groupby("n").nf.transform("min")
    m = s2.groupby("t").nm.transform("min")
    code = r.astype(str) + f.astype(str) + m.astype(str)
    g = code.value_counts()
    return list(zip(g.index, g.values))


WORKLOADS = [
    ("W1", "filter + sort + take by a 12-month metric",
     'clients | where region == "North" and turnover > 1000 | sort turnover desc, id | take 20 | select id, name, turnover',
     "itm", True, W1_SQL, None, p_w1),
    ("W2", "group by region x sales type: count, turnover",
     "clients | group region, sales_type agg n = count(), revenue = sum(turnover)",
     "ttim", False, W2_SQL, None, p_w2),
    ("W3", "ABC classes: count, turnover",
     "clients | group abc agg n = count(), revenue = sum(turnover)", "tim", False, W3_SQL, None, p_w3),
    ("W4", "payment-risk groups",
     "clients | group risk agg n = count()", "ii", False, W4_SQL, W4_DUCK, p_w4),
    ("W5", "importance (Pareto 20/70) per territory",
     "clients | where importance != null | group region, importance agg n = count()",
     "tti", False, W5_SQL, None, p_w5),
    ("W6", "RFM codes",
     "clients | where rfm != null | group rfm agg n = count()", "ti", False, W6_SQL, None, p_w6),
]

# Run once on a new bench store: importance per territory (W5) and the scenarios of W7.
SETUP = """set stored importance.per = "region"
scenario "A to 7%" { rule "Volume A": discount 7% when abc == "A" priority 10 }
scenario "A from 400, B 4%" {
  set abc.a_min = 400
  rule "Volume B": discount 4% when abc == "B" priority 20
  assume volume +2% per discount point for abc == "B"
}"""
W7_SCRIPT = 'compare baseline, "A to 7%", "A from 400, B 4%" over last 12 months'
# W10: a 10-step sweep of a rule's discount (ten policies and the baseline in one evaluation).
W10_SCRIPT = 'sweep "Volume A" discount from 1% to 10% step 1% over last 12 months'
# W11: the retention matrix of 24 monthly cohorts; W12: the BG/NBD + Gamma-Gamma fit (docs/analytics.md).
W11_SCRIPT = 'cohorts by first order month over last 24 months'
W12_SCRIPT = 'fit clv over last 24 months'

# --- helpers ----------------------------------------------------------------------------


def canon(rows, kinds, ordered):
    out = []
    for row in rows:
        vals = []
        for v, k in zip(row, kinds):
            if v is None or (isinstance(v, float) and v != v) or v == "":
                vals.append("")
            elif k == "m":
                # Clientele prints money in major units ("5236.85"); the others give minor units.
                vals.append(str(int(Decimal(v) * 100)) if isinstance(v, str) and "." in v else str(int(v)))
            elif k == "i":
                vals.append(str(int(v)))
            else:
                vals.append(str(v))
        out.append(tuple(vals))
    return out if ordered else sorted(out)


def parse_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    return rows[1:] if rows else []


def clientele_script(script):
    return f"set today = {TODAY}\n{script}"


def run_process(cmd, stdin=None):
    """Wall time and peak RSS (KiB) of a child process. The peak comes from GNU time: the
    child's own rusage would count the forked Python image (with its DataFrames) too."""
    rss_file = DATA / ".rss"
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(rss_file)] + cmd,
                          input=stdin.encode() if stdin else None, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()}")
    return elapsed, int(rss_file.read_text().split()[-1])


def whatif_with_files(size, store, clientele, wid, title, full, repeat):
    """W7 or W10 as a one-off process on a copy of the store whose persisted files (the
    order columns and the what-if's lines, docs/architecture.md) are present: written by a
    first run that may write, as a user's first what-if after a change writes them; then
    read-only runs, timed. The answer must be the first run's and the store's own (--cache
    off reads only the store)."""
    folder = DATA / "columns"
    folder.mkdir(exist_ok=True)
    copy = folder / f"{size}-whatif.sqlite"
    for suffix in ("", "-wal", "-shm", ".columns", ".lines"):
        p = folder / f"{size}-whatif.sqlite{suffix}"
        if p.exists():
            p.unlink()
    shutil.copyfile(store, copy)
    for suffix in ("-wal",):
        if Path(str(store) + suffix).exists():
            shutil.copyfile(str(store) + suffix, str(copy) + suffix)
    first = subprocess.run([str(clientele), "--format", "csv", str(copy), "-c", full],
                           capture_output=True, text=True, check=True).stdout
    assert Path(str(copy) + ".lines").exists(), "the first what-if wrote no lines file"
    plain = subprocess.run([str(clientele), "--read-only", "--cache", "off", "--format", "csv", str(copy), "-c", full],
                           capture_output=True, text=True, check=True).stdout
    load_before = os.getloadavg()[0]
    times, peak, answers = [], 0, set()
    for i in range(repeat + 1):
        e, rss = run_process([str(clientele), "--read-only", "--format", "csv", str(copy), "-c", full])
        answers.add(subprocess.run([str(clientele), "--read-only", "--format", "csv", str(copy), "-c", full],
                                   capture_output=True, text=True, check=True).stdout)
        if i:
            times.append(e)
            peak = max(peak, rss)
    agree = answers == {first} and first == plain
    med = {"process": statistics.median(times), "inproc": None, "cached": None, "sqlite": None, "duckdb": None,
           "pandas": None, "load": (load_before, os.getloadavg()[0])}
    print(f"[{size}] {wid} with the persisted files: clientele {fmt(med['process'])}, peak {peak // 1024} MiB, "
          f"same answer: {agree}", flush=True)
    return (f"{wid}f", title + "; one-off process, persisted files present", med, peak, agree)


def run_cached(bench, store, script):
    """clientele-bench with the order facts in memory (built in its warm-up run): its JSON
    and peak RSS (KiB)."""
    rss_file = DATA / ".rss"
    out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(rss_file), str(bench), str(store),
                          "--today", TODAY, "--repeat", "1", "--cache", "on", "--script", script],
                         capture_output=True, text=True, check=True).stdout
    import json
    return json.loads(out), int(rss_file.read_text().split()[-1])


def sqlite_rows(path, sql):
    out = subprocess.run(["sqlite3", "-readonly", "-csv", str(path)], input=sql + ";\n",
                         capture_output=True, text=True, check=True).stdout
    return list(csv.reader(io.StringIO(out)))


def fmt(seconds):
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "–"


def equivalent_import_sql(base, csv_path):
    """The import written by hand for the sqlite3 shell, doing what Clientele's does to the
    store: the file into a staging table, then converted (dd.mm.yyyy dates, decimal-comma
    money to minor units) and resolved (ИНН to client id) into `orders`, its indexes dropped
    and rebuilt around the insert and its per-row triggers replaced by one bump of the facts
    version, all in one transaction. It checks nothing (no duplicate numbers, no bad values,
    no unknown clients reported)."""
    con = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    objects = con.execute("""SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'orders' AND sql IS NOT NULL
                             AND (type = 'index' OR type = 'trigger' AND sql LIKE '%AFTER INSERT ON orders%')
                             ORDER BY type, name""").fetchall()
    has_version = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'facts_version'").fetchone()[0]
    con.close()
    drops = [f"DROP {t.upper()} {n};" for t, n, _ in objects]
    creates = [f"{sql};" for _, _, sql in objects]

    def day(col):
        return f"substr({col}, 7, 4) || '-' || substr({col}, 4, 2) || '-' || substr({col}, 1, 2)"
    return "\n".join([
        "PRAGMA synchronous = NORMAL;",
        "CREATE TEMP TABLE staging(d TEXT, num TEXT, inn TEXT, gross TEXT, disc TEXT, net TEXT, due TEXT, status TEXT);",
        ".mode csv", ".separator ;", f".import --skip 1 --schema temp {csv_path} staging",
        "BEGIN;", *drops,
        "INSERT INTO orders(number, client_id, order_date, due_date, gross_minor, discount_minor, net_minor, status)",
        f"SELECT s.num, c.id, {day('s.d')}, {day('s.due')}, CAST(replace(s.gross, ',', '') AS INTEGER),",
        "       CAST(replace(s.disc, ',', '') AS INTEGER), CAST(replace(s.net, ',', '') AS INTEGER), s.status",
        "FROM staging s JOIN clients c ON c.tax_id = s.inn;",
        *creates,
        *(["UPDATE facts_version SET n = n + 1;"] if has_version else []),
        "COMMIT;", ""])


# What an import of W8's orders must leave in the store, compared between the ways of importing.
IMPORT_CHECK = ("SELECT count(*), sum(client_id), sum(gross_minor), sum(discount_minor), sum(net_minor), "
                "min(order_date), max(due_date), count(DISTINCT number) FROM orders")


def import_workload(size, store, clientele, repeat, baseline=None):
    """Times `import "orders.csv" into orders` into a store that has the clients, against
    the sqlite3 shell running the equivalent hand-written import on a copy of the same
    store, and against its bare `.import` of the file into a plain table. With `baseline`
    (another build of clientele, `--baseline`), that build's import is timed too,
    alternating run by run with this one, and printed (before/after in one run)."""
    csv_path = DATA / f"{size}-orders.csv"
    clients_path = DATA / f"{size}-clients.csv"
    base = DATA / f"{size}-import-base.sqlite"
    if not csv_path.exists():
        con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
        with open(clients_path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(["Наименование", "ИНН", "Регион"])
            for row in con.execute("SELECT name, tax_id, region FROM clients ORDER BY id"):
                w.writerow(row)

        def money(m):
            return f"{m // 100},{m % 100:02d}"

        def day(d):
            return f"{d[8:10]}.{d[5:7]}.{d[0:4]}"
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(["Дата", "Номер", "ИНН", "Сумма", "Скидка", "Сумма со скидкой", "Срок оплаты", "Status"])
            q = """SELECT o.order_date, o.number, c.tax_id, o.gross_minor, o.discount_minor, o.net_minor, o.due_date, o.status
                   FROM orders o JOIN clients c ON c.id = o.client_id ORDER BY o.id"""
            for r in con.execute(q):
                w.writerow([day(r[0]), r[1], r[2], money(r[3]), money(r[4]), money(r[5]), day(r[6]), r[7]])
        con.close()
    if not base.exists():
        subprocess.run([str(clientele), "init", str(base)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([str(clientele), str(base), "-c", f'import "{clients_path}" into clients'],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Bring the base store to the current schema once, so that no run times a migration.
    subprocess.run([str(clientele), str(base), "-c", "clients | count"], check=True, stdout=subprocess.DEVNULL)
    script = equivalent_import_sql(base, csv_path)
    lines = sum(1 for _ in open(csv_path, encoding="utf-8")) - 1
    ours, theirs, plain_times, before, peak, peak_before = [], [], [], [], 0, 0
    import shutil
    target = DATA / f"{size}-import-run.sqlite"
    by_hand = DATA / f"{size}-import-sql.sqlite"
    plain = DATA / f"{size}-import-plain.sqlite"
    old = DATA / f"{size}-import-old.sqlite"
    load_before = os.getloadavg()[0]
    for i in range(repeat + 1):
        for p in (target, by_hand, plain, old):
            for suffix in ("", "-wal", "-shm"):
                Path(str(p) + suffix).unlink(missing_ok=True)
        shutil.copy(base, target)
        shutil.copy(base, by_hand)
        if baseline:
            shutil.copy(base, old)
            o, rss_old = run_process([str(baseline), str(old), "-c", f'import "{csv_path}" into orders'])
        e, rss = run_process([str(clientele), str(target), "-c", f'import "{csv_path}" into orders'])
        s, _ = run_process(["sqlite3", str(by_hand)], stdin=script)
        b, _ = run_process(["sqlite3", str(plain)], stdin=f".mode csv\n.separator ;\n.import {csv_path} plain_orders\n")
        if i:
            ours.append(e)
            theirs.append(s)
            plain_times.append(b)
            peak = max(peak, rss)
            if baseline:
                before.append(o)
                peak_before = max(peak_before, rss_old)
    check = IMPORT_CHECK
    ours_answer = sqlite_rows(target, check)
    agree = ours_answer == sqlite_rows(by_hand, check) and int(ours_answer[0][0]) == lines
    if baseline:
        agree = agree and sqlite_rows(old, check) == ours_answer
    load = (load_before, os.getloadavg()[0])
    print(f"[{size}] W8: clientele import {fmt(statistics.median(ours))} ({lines:,} rows, {ours_answer[0][0]} in the store), "
          f"sqlite3 by hand {fmt(statistics.median(theirs))}, sqlite3 .import alone {fmt(statistics.median(plain_times))}, "
          f"peak {peak // 1024} MiB, same answer: {agree}, load average {load[0]:.1f} -> {load[1]:.1f}", flush=True)
    if baseline:
        print(f"[{size}] W8 baseline {baseline}: {' / '.join(fmt(t) for t in before)} (median "
              f"{fmt(statistics.median(before))}, peak {peak_before // 1024} MiB); this build "
              f"{' / '.join(fmt(t) for t in ours)} (median {fmt(statistics.median(ours))}): "
              f"{ratio(statistics.median(ours), statistics.median(before))}", flush=True)
    return ("W8", f"CSV import of {lines:,} orders (1C style)", {"process": statistics.median(ours), "inproc": None,
            "sqlite": statistics.median(theirs), "sqlite_plain": statistics.median(plain_times),
            "duckdb": None, "pandas": None, "load": load}, peak, agree), ours_answer


def xlsx_import_workload(size, store, clientele, repeat, csv_answer, baseline=None):
    """W8x: the same orders as W8 from an .xlsx workbook (`import "orders.xlsx" into
    orders`), into a copy of the same base store; the result must equal the CSV import's."""
    xlsx_path = DATA / f"{size}-orders.xlsx"
    base = DATA / f"{size}-import-base.sqlite"
    sheets_path = DATA / f"{size}-orders.xlsx.sheets"
    if not xlsx_path.exists() or not sheets_path.exists():
        from bench_xlsx import write_orders_xlsx
        sheets_path.write_text("\n".join(write_orders_xlsx(store, xlsx_path)))
    # One import per sheet, in one script (one transaction), as a user would import them.
    script = "\n".join(f'import "{xlsx_path}" into orders sheet "{name}"' for name in sheets_path.read_text().split("\n"))
    import shutil
    target = DATA / f"{size}-import-xlsx.sqlite"
    old = DATA / f"{size}-import-xlsx-old.sqlite"
    times, before, peak, peak_before = [], [], 0, 0
    load_before = os.getloadavg()[0]
    for i in range(repeat + 1):
        for p in (target, old):
            for suffix in ("", "-wal", "-shm"):
                Path(str(p) + suffix).unlink(missing_ok=True)
        shutil.copy(base, target)
        if baseline:
            shutil.copy(base, old)
            o, rss_old = run_process([str(baseline), str(old), "-c", script])
        e, rss = run_process([str(clientele), str(target), "-c", script])
        if i:
            times.append(e)
            peak = max(peak, rss)
            if baseline:
                before.append(o)
                peak_before = max(peak_before, rss_old)
    check = IMPORT_CHECK
    agree = sqlite_rows(target, check) == csv_answer
    if baseline:
        agree = agree and sqlite_rows(old, check) == csv_answer
    load = (load_before, os.getloadavg()[0])
    print(f"[{size}] W8x: clientele xlsx import {fmt(statistics.median(times))}, peak {peak // 1024} MiB, "
          f"same answer as the CSV: {agree}, load average {load[0]:.1f} -> {load[1]:.1f}", flush=True)
    if baseline:
        print(f"[{size}] W8x baseline {baseline}: {' / '.join(fmt(t) for t in before)} (median "
              f"{fmt(statistics.median(before))}, peak {peak_before // 1024} MiB); this build {' / '.join(fmt(t) for t in times)}: "
              f"{ratio(statistics.median(times), statistics.median(before))}", flush=True)
    return ("W8x", f"xlsx import of the same orders ({xlsx_path.stat().st_size // (1 << 20)} MiB workbook)",
            {"process": statistics.median(times), "inproc": None, "sqlite": None, "duckdb": None, "pandas": None,
             "load": load}, peak, agree)


# --- main -------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="S,M")
    ap.add_argument("--large", action="store_true", help="also run size L (1M clients / 20M orders)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", default="", help="comma-separated workload ids")
    ap.add_argument("--skip", default="", help="comma-separated workload ids to leave out")
    ap.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    ap.add_argument("--no-postgres", action="store_true", help="leave out the PostgreSQL column")
    ap.add_argument("--xlsx-repeat", type=int, default=0,
                    help="timed runs of W8x (default: as W8; an xlsx import of M takes minutes)")
    ap.add_argument("--baseline", default=None,
                    help="another clientele binary whose W8 and W8x imports are timed alternately with this build's")
    ap.add_argument("--postgres-only", action="store_true",
                    help="measure only the PostgreSQL column (the SQLite sections of the report are kept)")
    ap.add_argument("--columns", action="store_true",
                    help="also measure the persisted order columns (scripts/bench_columns.py) on a copy of each store")
    ap.add_argument("--columns-only", action="store_true",
                    help="measure only the persisted order columns (prints them; docs/performance.md is left alone)")
    args = ap.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    if args.large and "L" not in sizes:
        sizes.append("L")
    only = set(filter(None, args.only.split(",")))
    skip = set(filter(None, args.skip.split(",")))
    if skip:
        only = (only or {w[0] for w in WORKLOADS} | {"W7", "W8", "W8x", "W9", "W10", "W11", "W12"}) - skip
    # CLIENTELE_BENCH_CLIENTELE: another build of the program (a debug one, for a quick look).
    clientele = Path(os.environ.get("CLIENTELE_BENCH_CLIENTELE", ROOT / ".build" / "release" / "clientele"))
    bench = ROOT / ".build" / "release" / "clientele-bench"
    DATA.mkdir(exist_ok=True)
    results = {}
    pg_results = {}
    columns_results = {}
    import bench_postgres
    import duckdb
    import pandas as pd

    for size in sizes:
        clients, orders = SIZES[size]
        store = DATA / f"{size}.sqlite"
        if not store.exists():
            print(f"[{size}] generating {clients} clients / ~{orders} orders ...", flush=True)
            t = time.perf_counter()
            subprocess.run([str(clientele), "demo", "--clients", str(clients), "--years", "2",
                            "--seed", str(SEED), "--out", str(store)], check=True, stdout=subprocess.DEVNULL)
            print(f"[{size}] generated in {time.perf_counter() - t:.1f} s", flush=True)
            subprocess.run([str(clientele), str(store), "-c", SETUP], check=True, stdout=subprocess.DEVNULL)
        # A read-write open brings a store made by an older build up to the current schema
        # (the order facts version counter, for instance); every timed run is read-only.
        subprocess.run([str(clientele), "--no-init", str(store), "-c", "clients | count"], check=True, stdout=subprocess.DEVNULL)
        if not args.no_postgres and size != "L":
            pg = bench_postgres.run(size, store, clientele, bench, WORKLOADS, w4_sql, W7_SCRIPT, canon, parse_csv,
                                    clientele_script, args.repeat, only)
            if pg:
                pg_results[size] = pg
        if args.postgres_only:
            continue
        counts = {t: sqlite_rows(store, f"SELECT count(*) FROM {t}")[0][0] for t in ("clients", "orders", "payments")}
        print(f"[{size}] {counts}", flush=True)

        t = time.perf_counter()
        con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
        frames = {
            "clients": pd.read_sql_query("SELECT id, name, region, sales_type, outlets FROM clients", con),
            "orders": pd.read_sql_query("SELECT id, client_id, order_date, due_date, net_minor, status FROM orders", con),
            "payments": pd.read_sql_query("SELECT order_id, date, amount_minor FROM payments", con),
        }
        con.close()
        # Dates as datetime64 for the date arithmetic of W4 (part of loading, not of the query).
        frames["orders"]["due_dt"] = pd.to_datetime(frames["orders"].due_date)
        frames["payments"]["date_dt"] = pd.to_datetime(frames["payments"].date)
        pandas_load = time.perf_counter() - t
        t = time.perf_counter()
        duck = duckdb.connect(":memory:")
        for name, frame in frames.items():
            duck.register(f"{name}_df", frame)
            duck.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_df")
            duck.unregister(f"{name}_df")
        duck_load = time.perf_counter() - t

        if args.columns_only:
            # DuckDB holds its own copy now: the DataFrames (15 GB on L) would otherwise crowd
            # the store's pages out of the page cache while Clientele's processes are timed.
            frames.clear()
            import gc
            gc.collect()
        if args.columns or args.columns_only:
            import bench_columns
            columns_results[size] = bench_columns.run(size, store, clientele, WORKLOADS, duck, clientele_script,
                                                      run_process, fmt, args.repeat, only, DATA)
        if args.columns_only:
            continue
        rows = []
        facts_build = []
        for wid, title, script, kinds, ordered, sql, duck_sql, pandas_fn in WORKLOADS:
            if only and wid not in only:
                continue
            full = clientele_script(script)
            # Same answer from all four before timing.
            out = subprocess.run([str(bench), str(store), "--today", TODAY, "--repeat", "1", "--script", full],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print(f"[{size}] {wid}: clientele failed: {out.stderr}", flush=True)
                continue
            import json
            ours = canon(parse_csv(json.loads(out.stdout)["result"]), kinds, ordered)
            theirs = canon(sqlite_rows(store, sql), kinds, ordered)
            ducks = canon(duck.execute(duck_sql or sql).fetchall(), kinds, ordered)
            pand = canon(pandas_fn(frames), kinds, ordered)
            agree = ours == theirs == ducks == pand
            if not agree:
                print(f"[{size}] {wid}: ANSWERS DIFFER\n clientele {ours[:5]}\n sqlite3 {theirs[:5]}\n"
                      f" duckdb {ducks[:5]}\n pandas {pand[:5]}", flush=True)
            cached_out = subprocess.run([str(bench), str(store), "--today", TODAY, "--repeat", "1", "--cache", "on",
                                         "--script", full], capture_output=True, text=True, check=True)
            cached_answer = canon(parse_csv(json.loads(cached_out.stdout)["result"]), kinds, ordered)
            if cached_answer != ours:
                agree = False
                print(f"[{size}] {wid}: ANSWER WITH THE FACTS CACHE DIFFERS\n {cached_answer[:5]}", flush=True)
            times = {"process": [], "inproc": [], "cached": [], "sqlite": [], "duckdb": [], "pandas": []}
            peak = peak_cached = 0
            load_before = os.getloadavg()[0]
            for i in range(args.repeat + 1):
                e, rss = run_process([str(clientele), "--read-only", "--format", "csv", str(store), "-c", full])
                inproc = json.loads(subprocess.run([str(bench), str(store), "--today", TODAY, "--repeat", "1",
                                                    "--script", full], capture_output=True, text=True,
                                                   check=True).stdout)["times"][0]
                # In-process with the order facts in memory: the warm-up run of clientele-bench
                # builds them (timed separately below), the timed run uses them.
                c, rss_cached = run_cached(bench, store, full)
                cached = c["times"][0]
                facts_build.append(c["facts_build"])
                s, _ = run_process(["sqlite3", "-readonly", str(store)], stdin=sql + ";\n")
                t0 = time.perf_counter()
                duck.execute(duck_sql or sql).fetchall()
                dk = time.perf_counter() - t0
                t0 = time.perf_counter()
                pandas_fn(frames)
                pd_t = time.perf_counter() - t0
                if i == 0:
                    continue  # warm-up
                peak = max(peak, rss)
                peak_cached = max(peak_cached, rss_cached)
                for k, v in (("process", e), ("inproc", inproc), ("cached", cached), ("sqlite", s), ("duckdb", dk),
                             ("pandas", pd_t)):
                    times[k].append(v)
            med = {k: statistics.median(v) for k, v in times.items()}
            med["peak_cached"] = peak_cached
            med["load"] = (load_before, os.getloadavg()[0])
            rows.append((wid, title, med, peak, agree))
            print(f"[{size}] {wid}: clientele {fmt(med['process'])} (in-process {fmt(med['inproc'])}, "
                  f"facts cached {fmt(med['cached'])}, peak {peak_cached // 1024} MiB), "
                  f"sqlite3 {fmt(med['sqlite'])}, duckdb {fmt(med['duckdb'])}, pandas {fmt(med['pandas'])}, "
                  f"peak {peak // 1024} MiB, same answer: {agree}", flush=True)

        # W7: scenario comparison, W10: a sweep (Clientele only: there is no hand-written
        # equivalent to time).
        for wid, script, title in (("W7", W7_SCRIPT, "compare baseline + 2 scenarios, 12 months"),
                                   ("W10", W10_SCRIPT, "sweep a rule's discount, 10 values, 12 months"),
                                   ("W11", W11_SCRIPT, "cohorts: retention matrix, 24 monthly cohorts"),
                                   ("W12", W12_SCRIPT, "fit clv: BG/NBD + Gamma-Gamma, 24 months")):
            if only and wid not in only:
                continue
            full = clientele_script(script)
            proc_t, inproc_t, cached_t, peak, peak_cached = [], [], [], 0, 0
            load_before = os.getloadavg()[0]
            for i in range(args.repeat + 1):
                e, rss = run_process([str(clientele), "--read-only", "--format", "csv", str(store), "-c", full])
                import json
                t = json.loads(subprocess.run([str(bench), str(store), "--today", TODAY, "--repeat", "1", "--script", full],
                                              capture_output=True, text=True, check=True).stdout)["times"][0]
                c, rss_cached = run_cached(bench, store, full)
                if i:
                    proc_t.append(e)
                    inproc_t.append(t)
                    cached_t.append(c["times"][0])
                    peak = max(peak, rss)
                    peak_cached = max(peak_cached, rss_cached)
            rows.append((wid, title, {
                "process": statistics.median(proc_t), "inproc": statistics.median(inproc_t),
                "cached": statistics.median(cached_t), "peak_cached": peak_cached, "sqlite": None,
                "duckdb": None, "pandas": None, "load": (load_before, os.getloadavg()[0])}, peak, True))
            print(f"[{size}] {wid}: clientele {fmt(statistics.median(proc_t))} (in-process {fmt(statistics.median(inproc_t))}, "
                  f"facts cached {fmt(statistics.median(cached_t))}), peak {peak // 1024} MiB, "
                  f"load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
            if wid in ("W7", "W10"):
                rows.append(whatif_with_files(size, store, clientele, wid, title, full, args.repeat))

        # W8: CSV import of the orders (1C style: ';', decimal comma, dd.mm.yyyy) against sqlite3's .import.
        # W8x: the same orders from an .xlsx workbook (run with W8).
        if not only or "W8" in only or "W8x" in only:
            w8, answer = import_workload(size, store, clientele, min(args.repeat, 3), args.baseline)
            if not only or "W8" in only:
                rows.append(w8)
            rows.append(xlsx_import_workload(size, store, clientele, args.xlsx_repeat or min(args.repeat, 3), answer,
                                             args.baseline))

        # W9: start-up
        if not only or "W9" in only:
            ts, ss, peak = [], [], 0
            for i in range(args.repeat + 1):
                e, rss = run_process([str(clientele), "--read-only", str(store), "-c", "clients | count"])
                s, _ = run_process(["sqlite3", "-readonly", str(store), "select count(*) from clients"])
                if i:
                    ts.append(e)
                    ss.append(s)
                    peak = max(peak, rss)
            rows.append(("W9", "start-up: count clients", {"process": statistics.median(ts), "inproc": None,
                                                          "sqlite": statistics.median(ss), "duckdb": None,
                                                          "pandas": None}, peak, True))
            print(f"[{size}] W9: clientele {fmt(statistics.median(ts))}, sqlite3 {fmt(statistics.median(ss))}", flush=True)
        results[size] = {"rows": rows, "counts": counts, "pandas_load": pandas_load, "duck_load": duck_load,
                         "facts_build": statistics.median(facts_build) if facts_build else None}

    if columns_results:
        print(f"\nPersisted order columns ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"load average {os.getloadavg()[0]:.2f}):\n")
        print("| size | workload | scan (process) | first run: scan + write | with columns | DuckDB compute | columns / DuckDB | peak RSS | load |")
        print("|---|---|---|---|---|---|---|---|---|")
        for size, r in columns_results.items():
            for wid, title, med, peak, agree, l0, l1 in r["rows"]:
                print(f"| {size} | {wid} {title} | {fmt(med['scan'])} | {fmt(med['build'])} | {fmt(med['columns'])} | "
                      f"{fmt(med['duckdb'])} | {med['columns'] / med['duckdb']:.2f}x | {peak // 1024} MiB | {l0:.1f}–{l1:.1f} |"
                      + ("" if agree else " ANSWERS DIFFER |"))
        for size, r in columns_results.items():
            inc = r["incremental"]
            print(f"\n[{size}] column file {r['file'] / 1048576:.1f} MiB = {r['file'] / r['store']:.0%} of the store "
                  f"({r['store'] / 1048576:.1f} MiB); one order added then W3: current {fmt(inc['cached'])}, "
                  f"appended {fmt(inc['appended'])}, appended + file rewritten {fmt(inc['appended+write'])}")
    if args.columns_only:
        return
    # A run of some workloads (--only/--skip) merges its rows into the last report's sections
    # instead of replacing them.
    write_report(args.out, results, args.repeat, pg_results, partial=bool(only))


def parse_time(text):
    text = text.strip()
    if text.endswith(" ms"):
        return float(text[:-3]) / 1000
    if text.endswith(" s"):
        return float(text[:-2])
    return None


def keep_sections(existing, measured_now):
    """The "## Size X" sections of an earlier report for sizes not measured now, and their
    in-process (else process) times per workload, for the growth table."""
    sections, times = {}, {}
    current = None
    for line in existing.split("<!-- notes -->")[0].split("<!-- postgres -->")[0].splitlines():
        if line.startswith("## "):
            current = None
            if line.startswith("## Size "):
                size = line.split()[2].rstrip(":")
                if size not in measured_now:
                    current = size
                    sections[size] = []
                    times[size] = {}
        if current:
            sections[current].append(line)
            if line.startswith("| W"):
                cells = [c.strip() for c in line.strip("|").split("|")]
                t = parse_time(cells[2]) or parse_time(cells[1])
                if t:
                    times[current][cells[0].split()[0]] = t
    for size in sections:
        if sections[size] and sections[size][-1] != "":
            sections[size].append("")
    return sections, times


def row_line(wid, title, med, peak, agree):
    pc = med.get("peak_cached")
    return (f"| {wid} {title} | {fmt(med['process'])} | {fmt(med['inproc'])} | {fmt(med.get('cached'))} | "
            f"{fmt(med['sqlite'])} | "
            f"{fmt(med['duckdb'])} | {fmt(med['pandas'])} | {ratio(med['process'], med['sqlite'])} | "
            f"{ratio(med['inproc'], med['sqlite'])} | {ratio(med.get('cached'), med['duckdb'])} | "
            f"{ratio(med.get('cached'), med['pandas'])} | {peak // 1024} MiB | "
            f"{str(pc // 1024) + ' MiB' if pc else '–'} | {'yes' if agree else 'NO'} |")


def row_time(line):
    """A table row's in-process time (else the process time), for the growth table."""
    cells = [c.strip() for c in line.strip("|").split("|")]
    return cells[0].split()[0], parse_time(cells[2]) or parse_time(cells[1])


def wid_order(wid):
    digits = "".join(itertools.takewhile(str.isdigit, wid[1:]))
    return (int(digits) if digits else 999, wid)


def old_section(existing, size):
    """The lines of an earlier report's "## Size X" section, or None."""
    lines, inside = [], False
    for line in existing.split("<!-- notes -->")[0].split("<!-- postgres -->")[0].splitlines():
        if line.startswith("## "):
            if inside:
                break
            inside = line.startswith(f"## Size {size}:")
        if inside:
            lines.append(line)
    return lines or None


def run_note(rows, repeat):
    loads = [f"{wid} {med['load'][0]:.1f} → {med['load'][1]:.1f}" for wid, _, med, _, _ in rows if med.get("load")]
    if not loads:
        return []
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return [f"Run of {when} ({', '.join(w for w, *_ in rows)}; median of {repeat} runs after a warm-up): load average "
            f"(1 min) of the machine before → after each workload: {'; '.join(loads)}.", ""]


def section(size, r, partial, existing, repeat):
    """A size's section: new, or (a run of some workloads) the earlier section with the
    measured rows replaced or added, its other rows and notes kept."""
    c = r["counts"]
    head = [f"## Size {size}: {int(c['clients']):,} clients, {int(c['orders']):,} orders, "
            f"{int(c['payments']):,} payments", ""]
    load = (f"Load once: pandas {fmt(r['pandas_load'])} (from SQLite), DuckDB {fmt(r['duck_load'])} (from pandas), "
            f"Clientele order facts {fmt(r.get('facts_build'))} (from the store).")
    table_head = ["| workload | Clientele process | in-process | facts cached | sqlite3 | DuckDB | pandas | process / sqlite3 | "
                  "in-process / sqlite3 | cached / DuckDB | cached / pandas | peak RSS process | peak RSS cached | same answer |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|"]
    rows = {wid: row_line(wid, title, med, peak, agree) for wid, title, med, peak, agree in r["rows"]}
    notes = []
    for wid, _, med, _, _ in r["rows"]:
        if med.get("sqlite_plain"):
            notes += [f"{wid}: the sqlite3 column is the same import written by hand (`.import` into a staging "
                      "table, then converted, resolved to client ids and inserted, indexes rebuilt; no checks). "
                      f"The shell's bare `.import` of the file into a plain table takes {fmt(med['sqlite_plain'])} "
                      f"(Clientele: {ratio(med['process'], med['sqlite_plain'])} that).", ""]
    old = old_section(existing, size) if partial else None
    if old:
        old_rows = {line.split()[1]: line for line in old if line.startswith("| W")}
        old_load = next((line for line in old if line.startswith("Load once:")), None)
        if old_load and r.get("facts_build") is None:
            load = old_load
        table_end = max(i for i, line in enumerate(old) if line.startswith("|"))
        old_notes = [line for line in old[table_end + 1:]
                     if not any(line.startswith(f"{wid}:") for wid in rows)]
        while old_notes and old_notes[0] == "":
            old_notes.pop(0)
        while old_notes and old_notes[-1] == "":
            old_notes.pop()
        old_rows.update(rows)
        rows = old_rows
        notes = (old_notes + [""] if old_notes else []) + notes
    lines = head + [load, ""] + table_head + [rows[w] for w in sorted(rows, key=wid_order)] + [""]
    lines += notes + run_note(r["rows"], repeat)
    return lines, dict(row_time(line) for line in rows.values())


def write_report(path, results, repeat, pg_results=None, partial=False):
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import duckdb
    import pandas as pd
    sqlite_version = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    lines = [
        "# Performance",
        "",
        "Generated by `scripts/bench` (do not edit by hand). Each time is the median of "
        f"{repeat} alternating runs after a warm-up, on one machine, in one run of the script.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.platform()}",
        f"- sqlite3 {sqlite_version}, DuckDB {duckdb.__version__}, pandas {pd.__version__}, Python {platform.python_version()}",
        "- Clientele: release build; **process** = `clientele --read-only --format csv STORE -c '...'` "
        "(start-up, open, check, plan, run, print); **in-process** = the same script through `Engine.run` "
        "(`clientele-bench`), store already open, no facts in memory (per-client measures from one scan of the orders per question, `OrderScan`; the rest SQL); **facts cached** = the same in-process run "
        "with the order facts held in memory (`FactsCache`; built once per store version, build time listed "
        "with the load times; what the REPL does in the background when it opens a store).",
        "- sqlite3 = the sqlite3 shell running the equivalent hand-written SQL on the same file (the floor: "
        "what SQLite itself costs). DuckDB and pandas work on the same data loaded once into memory "
        "(load time listed separately); their times are compute only.",
        "- Every workload's answer is checked to be the same in all four before it is timed.",
        "- A run of some workloads (`--only`, `--skip`) replaces or adds their rows and keeps the others; "
        "the line under each table says which workloads a run measured and the machine's load average then.",
        "",
        "Reproduce: `./scripts/bench` (sizes S and M), `./scripts/bench --large` (adds L), "
        "`./scripts/bench --only W3,W4`.",
        "",
    ]
    existing = Path(path).read_text() if Path(path).exists() else ""
    if partial and "\n## " in existing:
        # The earlier run's heading stays: it describes most of the rows.
        lines = existing.split("\n## ", 1)[0].splitlines() + [""]
        if "A run of some workloads" not in existing.split("\n## ", 1)[0]:
            at = next((i for i, line in enumerate(lines) if line.startswith("Reproduce:")), len(lines))
            while at > 0 and lines[at - 1] == "":
                at -= 1
            lines.insert(at, "- A run of some workloads (`--only`, `--skip`) replaces or adds their rows and keeps "
                             "the others; the line under each table says which workloads a run measured and the "
                             "machine's load average then.")
    # Sizes measured in an earlier run and not in this one keep their section.
    kept_sections, kept_inproc = keep_sections(existing, set(results))
    measured = {}
    # Sections in the earlier report's order, then the new sizes.
    order = [line.split()[2].rstrip(":") for line in existing.split("<!-- notes -->")[0].splitlines()
             if line.startswith("## Size ")]
    order += [size for size in list(results) + list(kept_sections) if size not in order]
    for size in order:
        if size in results:
            sec, times = section(size, results[size], partial, existing, repeat)
            lines += sec
            measured[size] = times
        elif size in kept_sections:
            lines += kept_sections[size]
    measured.update(kept_inproc)
    names = [n for n in SIZES if n in measured]
    if len(names) > 1:
        lines += ["## Growth", "", "Clientele in-process (start-up and W8: the process) as the store grows:", "",
                  "| workload | " + " | ".join(names) + " | growth per step (data grows 10× a step) |",
                  "|---|" + "---:|" * len(names) + "---:|"]
        for wid in sorted({w for n in names for w in measured[n]}, key=wid_order):
            ts = [measured[n].get(wid) for n in names]
            steps = ", ".join(f"{b / a:.1f}×" for a, b in zip(ts, ts[1:]) if a and b)
            lines.append(f"| {wid} | " + " | ".join(fmt(t) for t in ts) + f" | {steps} |")
        lines.append("")
    # The PostgreSQL section: measured now, or kept from the last report.
    import bench_postgres
    if pg_results:
        lines += bench_postgres.report(pg_results, repeat, fmt, ratio) + [""]
    elif "<!-- postgres -->" in existing and "<!-- /postgres -->" in existing:
        kept = existing.split("<!-- postgres -->", 1)[1].split("<!-- /postgres -->", 1)[0]
        lines += ["<!-- postgres -->"] + kept.strip("\n").splitlines() + ["<!-- /postgres -->", ""]
    marker = "<!-- notes -->"
    notes = existing.split(marker, 1)[1] if marker in existing else "\n"
    Path(path).write_text("\n".join(lines) + "\n" + marker + notes)
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
