"""The PostgreSQL column of the Clientele benchmark (imported by bench.py).

The bench store of each size is copied into a database of the throwaway server that
scripts/with-postgres started (CLIENTELE_TEST_POSTGRES_URL) with `clientele copy`. Then:

- W1-W6: Clientele in-process (`clientele-bench postgres://...`: the engine through
  PostgresStore, store already open) against psql running the same questions written by hand
  in PostgreSQL's SQL, on the same server. psql's time is its own `\\timing` of the query
  (sent, run, every row received), without its start-up and connection: the floor.
- W7: Clientele only (no hand-written equivalent).
- The concurrency workload: 20 sessions (threads with an engine each, one store and its
  connection pool) asking W1-W6 in turn while one session adds orders in batches of 20 and
  another updates a client, until the readers are done: throughput and latency percentiles.
"""
import csv
import io
import json
import os
import statistics
import subprocess
import time
from urllib.parse import urlparse

TODAY = "2025-12-31"
START = "2025-01-01"

SALES = f"""s AS (SELECT client_id, SUM(net_minor) AS t, COUNT(*) AS n, MAX(order_date) AS last
  FROM orders WHERE status = 'shipped' AND order_date BETWEEN '{START}' AND '{TODAY}' GROUP BY client_id)"""

# PostgreSQL's spelling of the hand-written SQL of bench.py: a named subquery (W3), date
# differences by subtraction (W4); the rest is the same text.
W3_PG = f"""WITH {SALES},
f AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= '{TODAY}' GROUP BY client_id)
SELECT abc, COUNT(*), COALESCE(SUM(t), 0) FROM (
  SELECT CASE WHEN s.t IS NULL OR s.t <= 0 THEN NULL WHEN f.shipped = 1 THEN 'C'
              WHEN s.t > 50000 THEN 'A' WHEN s.t >= 10000 THEN 'B' ELSE 'C' END AS abc, COALESCE(s.t, 0) AS t
  FROM clients c LEFT JOIN s ON s.client_id = c.id LEFT JOIN f ON f.client_id = c.id) AS x GROUP BY abc"""


def pg_sql(wid, sqlite_sql, w4_sql):
    if wid == "W3":
        return W3_PG
    if wid == "W4":
        return w4_sql(lambda a, b: f"(({b})::date - ({a})::date)")
    return sqlite_sql


# `override`: some of these clients have no supply contract, and the shipment rules (issue 20)
# would refuse their orders; the writer is there to write, with the reason recorded.
WRITER_ADD = "\n".join(f'add orders client: {1 + i}, order_date: {TODAY}, gross: 100 override "bench"' for i in range(20))
WRITER_UPDATE = "update clients | where id == 1 set outlets = outlets + 1"


def psql_base(url):
    u = urlparse(url)
    env = dict(os.environ, PGHOST=u.hostname or "127.0.0.1", PGPORT=str(u.port or 5432), PGUSER=u.username or "",
               PGDATABASE=u.path.lstrip("/"))
    return env


def with_database(url, name):
    u = urlparse(url)
    return u._replace(path="/" + name).geturl()


def psql(env, sql, database=None, csv_out=False):
    e = dict(env)
    if database:
        e["PGDATABASE"] = database
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"] + (["--csv"] if csv_out else ["-A", "-t"])
    return subprocess.run(cmd + ["-c", sql], env=e, capture_output=True, text=True, check=True).stdout


def psql_rows(env, database, sql):
    rows = list(csv.reader(io.StringIO(psql(env, sql, database, csv_out=True))))
    return rows[1:]


def psql_query_time(env, database, sql):
    """psql's own \\timing of one run of `sql` (seconds), the rows read and thrown away."""
    e = dict(env, PGDATABASE=database)
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-o", "/dev/null", "-c", "\\timing on", "-c", sql],
                         env=e, capture_output=True, text=True, check=True)
    for line in (out.stdout + out.stderr).splitlines()[::-1]:
        if line.startswith("Time: "):
            return float(line.split()[1]) / 1000
    raise RuntimeError(f"psql printed no timing: {out.stdout[-200:]} {out.stderr[-200:]}")


def load(size, store, clientele, server_url, env):
    """A new database with the bench store copied in; its address and the copy's time."""
    name = f"bench_{size.lower()}"
    psql(env, f"DROP DATABASE IF EXISTS {name}", "postgres")
    psql(env, f"CREATE DATABASE {name}", "postgres")
    url = with_database(server_url, name)
    t = time.perf_counter()
    subprocess.run([str(clientele), "copy", str(store), url], check=True, stdout=subprocess.DEVNULL)
    copied = time.perf_counter() - t
    psql(env, "VACUUM ANALYZE", name)
    return url, name, copied


def run(size, store, clientele, bench, workloads, w4_sql, w7_script, canon, parse_csv, clientele_script,
        repeat, only, sessions=20, rounds=6):
    server = os.environ.get("CLIENTELE_TEST_POSTGRES_URL")
    if not server:
        print(f"[{size}] PostgreSQL: no server (run through scripts/bench, which starts one)", flush=True)
        return None
    env = psql_base(server)
    version = psql(env, "SHOW server_version", "postgres").strip()
    url, name, copied = load(size, store, clientele, server, env)
    print(f"[{size}] PostgreSQL {version}: copied into {name} in {copied:.1f} s", flush=True)
    rows = []
    for wid, title, script, kinds, ordered, sql, _, _ in workloads:
        if only and wid not in only:
            continue
        full = clientele_script(script)
        sql_pg = pg_sql(wid, sql, w4_sql)
        out = subprocess.run([str(bench), url, "--today", TODAY, "--repeat", str(repeat), "--script", full],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"[{size}] PG {wid}: clientele failed: {out.stderr.strip()}", flush=True)
            rows.append((wid, title, None, None, None, False, out.stderr.strip()))
            continue
        result = json.loads(out.stdout)
        ours = canon(parse_csv(result["result"]), kinds, ordered)
        theirs = canon(psql_rows(env, name, sql_pg), kinds, ordered)
        agree = ours == theirs
        if not agree:
            print(f"[{size}] PG {wid}: ANSWERS DIFFER\n clientele {ours[:5]}\n psql {theirs[:5]}", flush=True)
        psql_query_time(env, name, sql_pg)  # warm-up
        theirs_t = [psql_query_time(env, name, sql_pg) for _ in range(repeat)]
        ours_t = statistics.median(result["times"])
        rows.append((wid, title, ours_t, statistics.median(theirs_t), None, agree, ""))
        print(f"[{size}] PG {wid}: clientele in-process {ours_t * 1000:.1f} ms, psql {statistics.median(theirs_t) * 1000:.1f} ms, "
              f"ratio {ours_t / statistics.median(theirs_t):.2f}, same answer: {agree}", flush=True)
    if not only or "W7" in only:
        out = subprocess.run([str(bench), url, "--today", TODAY, "--repeat", str(repeat), "--script",
                              clientele_script(w7_script)], capture_output=True, text=True)
        if out.returncode == 0:
            t = statistics.median(json.loads(out.stdout)["times"])
            rows.append(("W7", "compare baseline + 2 scenarios, 12 months", t, None, None, True, ""))
            print(f"[{size}] PG W7: clientele in-process {t * 1000:.1f} ms", flush=True)
        else:
            rows.append(("W7", "compare baseline + 2 scenarios, 12 months", None, None, None, False, out.stderr.strip()))
            print(f"[{size}] PG W7: clientele failed: {out.stderr.strip()}", flush=True)
    concurrency = None
    if not only or "C20" in only:
        cmd = [str(bench), url, "--today", TODAY, "--sessions", str(sessions), "--rounds", str(rounds)]
        for wid, _, script, *_ in workloads:
            cmd += ["--script", clientele_script(script)]
        cmd += ["--writer", WRITER_ADD, "--writer", WRITER_UPDATE]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode == 0:
            concurrency = json.loads(out.stdout)
            print(f"[{size}] PG C20: {concurrency}", flush=True)
        else:
            print(f"[{size}] PG C20 failed: {out.stderr.strip()}", flush=True)
    psql(env, f"DROP DATABASE IF EXISTS {name}", "postgres")
    return {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load": os.getloadavg(),
            "command": f"./scripts/bench --postgres-only --sizes {size} --repeat {repeat}" + (f" --only {','.join(sorted(only))}" if only else ""),
            "version": version, "copy": copied, "rows": rows, "concurrency": concurrency,
            "sessions": sessions, "rounds": rounds}


def report(results, repeat, fmt, ratio):
    """The PostgreSQL section of docs/performance.md, between its markers."""
    lines = ["<!-- postgres -->", "## PostgreSQL team store", "",
             "Clientele **in-process** = `clientele-bench postgres://…` (the engine through `PostgresStore`, store "
             "open, connection in its pool); **psql** = the same question written by hand in PostgreSQL's SQL, "
             "psql's own `\\timing` of the query (sent, run on the server, every row received; without psql's "
             "start-up and connection). Same server (a throwaway cluster of `scripts/with-postgres`: fsync off), same "
             f"data (`clientele copy` of the bench store). Medians of {repeat} runs after a warm-up. Every answer is "
             "checked to be psql's before it is timed. Target: in-process / psql ≤ 1.25×.", ""]
    for size, r in results.items():
        lines += [f"### Size {size} (PostgreSQL {r['version']}; copied in {r['copy']:.1f} s)", "",
                  "| workload | Clientele in-process | psql | in-process / psql | same answer |",
                  "|---|---:|---:|---:|:-:|"]
        for wid, title, ours, theirs, _, agree, error in r["rows"]:
            if ours is None:
                lines.append(f"| {wid} {title} | fails: {error[:120]} | – | – | – |")
                continue
            lines.append(f"| {wid} {title} | {fmt(ours)} | {fmt(theirs)} | {ratio(ours, theirs)} | "
                         f"{('yes' if agree else 'NO') if theirs else '–'} |")
        c = r.get("concurrency")
        if c:
            lines += ["", f"Concurrency ({r['sessions']} sessions, {r['rounds']} questions each, W1–W6 in turn, while one "
                      "session adds orders 20 at a time and another updates a client, all through one store and its "
                      f"pool): {c['queries']} questions in {c['seconds']:.1f} s = **{c['throughput']:.1f} questions/s**, "
                      f"latency p50 {fmt(c['p50'])}, **p95 {fmt(c['p95'])}**, max {fmt(c['max'])}; "
                      f"{c['writes']} write scripts committed, {c['write_failures']} failed, "
                      f"{c['failed_queries']} questions failed."]
        if "date" in r:
            load = ", ".join(f"{x:.1f}" for x in r["load"])
            lines += ["", f"Measured {r['date']} with `{r['command']}`; load average at the end of the run {load} "
                      "(a machine shared with other builds: the ratios compare runs made at the same time)."]
        lines.append("")
    lines.append("<!-- /postgres -->")
    return lines
