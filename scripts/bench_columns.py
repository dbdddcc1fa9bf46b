"""The persisted order columns (issue 23), measured by scripts/bench.py --columns.

On a copy of each bench store (so the other measurements keep scanning the orders), for
W1-W6 as processes:
  - scan:     `clientele --read-only --cache off` (no facts, no file: the order scan);
  - build:    the first run, which answers with the scan and then writes the column file
              (the file is removed before every run);
  - columns:  `clientele --read-only` with the column file present (mapped);
  - duckdb:   DuckDB's in-memory compute of the same SQL (data loaded once);
alternating, median after a warm-up, with the peak RSS of the columns run. Then the
incremental workload: one order added (not timed), then W3 as a process: the file is
stale by one insert, so the new order is read and appended in memory (`--read-only`:
the question alone), and the same with the file then rewritten (read-write).
"""
import os
import shutil
import sqlite3
import statistics
import subprocess
import time


def run(size, store, clientele, workloads, duck, clientele_script, run_process, fmt, repeat, only, data):
    folder = data / "columns"
    folder.mkdir(exist_ok=True)
    copy = folder / f"{size}.sqlite"
    for suffix in ("", "-wal", "-shm", ".columns"):
        p = folder / f"{size}.sqlite{suffix}"
        if p.exists():
            p.unlink()
    shutil.copyfile(store, copy)
    columns = folder / f"{size}.sqlite.columns"
    rows = []
    for wid, title, script, kinds, ordered, sql, duck_sql, pandas_fn in workloads:
        if only and wid not in only:
            continue
        full = clientele_script(script)
        scan = ["--read-only", "--cache", "off", "--format", "csv", str(copy), "-c", full]
        read = ["--read-only", "--format", "csv", str(copy), "-c", full]
        write = ["--format", "csv", str(copy), "-c", full]
        # Same answer from the scan and the columns.
        if columns.exists():
            columns.unlink()
        a = subprocess.run([str(clientele)] + write, capture_output=True, text=True, check=True).stdout
        assert columns.exists(), "the first run wrote no column file"
        b = subprocess.run([str(clientele)] + read, capture_output=True, text=True, check=True).stdout
        c = subprocess.run([str(clientele)] + scan, capture_output=True, text=True, check=True).stdout
        agree = a == b == c
        times = {"scan": [], "build": [], "columns": [], "duckdb": []}
        peak = 0
        load = os.getloadavg()[0]
        for i in range(repeat + 1):
            s, _ = run_process([str(clientele)] + scan)
            columns.unlink()
            bt, _ = run_process([str(clientele)] + write)
            ct, rss = run_process([str(clientele)] + read)
            t0 = time.perf_counter()
            duck.execute(duck_sql or sql).fetchall()
            dk = time.perf_counter() - t0
            if i == 0:
                continue
            peak = max(peak, rss)
            for k, v in (("scan", s), ("build", bt), ("columns", ct), ("duckdb", dk)):
                times[k].append(v)
        med = {k: statistics.median(v) for k, v in times.items()}
        size_ratio = columns.stat().st_size / copy.stat().st_size
        rows.append((wid, title, med, peak, agree, load, os.getloadavg()[0]))
        print(f"[{size}] {wid} columns: scan {fmt(med['scan'])}, first run (scan + write) {fmt(med['build'])}, "
              f"with columns {fmt(med['columns'])} (peak {peak // 1024} MiB), duckdb {fmt(med['duckdb'])}, "
              f"ratio {med['columns'] / med['duckdb']:.2f}x, file {columns.stat().st_size >> 20} MiB "
              f"({size_ratio:.0%} of the store), same answer: {agree}", flush=True)

    # Incremental: one order added, then W3.
    w3 = next(w for w in workloads if w[0] == "W3")
    full = clientele_script(w3[2])
    con = sqlite3.connect(str(copy))
    client, last = con.execute("SELECT (SELECT min(id) FROM clients), max(order_date) FROM orders").fetchone()
    con.close()
    add = f"add orders client: {client}, order_date: {last}, gross: 100"
    subprocess.run([str(clientele), str(copy), "-c", full], check=True, stdout=subprocess.DEVNULL)
    inc = {"cached": [], "appended": [], "appended+write": []}
    for i in range(repeat + 1):
        ct, _ = run_process([str(clientele), "--read-only", "--format", "csv", str(copy), "-c", full])
        subprocess.run([str(clientele), str(copy), "-c", add], check=True, stdout=subprocess.DEVNULL)
        at, _ = run_process([str(clientele), "--read-only", "--format", "csv", str(copy), "-c", full])
        wt, _ = run_process([str(clientele), "--format", "csv", str(copy), "-c", full])
        if i == 0:
            continue
        for k, v in (("cached", ct), ("appended", at), ("appended+write", wt)):
            inc[k].append(v)
    med = {k: statistics.median(v) for k, v in inc.items()}
    print(f"[{size}] incremental (one order added, then W3): columns current {fmt(med['cached'])}, "
          f"appended {fmt(med['appended'])} ({med['appended'] / med['cached']:.2f}x), "
          f"appended and the file rewritten {fmt(med['appended+write'])}", flush=True)
    return {"rows": rows, "incremental": med,
            "file": columns.stat().st_size, "store": copy.stat().st_size}
