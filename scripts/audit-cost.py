#!/usr/bin/env python3
"""Audit log cost (docs/performance.md, "Audit log"): a W8-style import of orders with the
audit log (the import as one row), with one audit row per imported order, and without any
audit log; then single-row updates through the program and in-process.
  python3 scripts/audit-cost.py .build/debug/clientele S 3      (data in $AUDIT_COST_DATA, default /tmp/auditbench)"""
import csv, os, shutil, sqlite3, statistics, subprocess, sys, time
from pathlib import Path
CLI = sys.argv[1]
SIZE = sys.argv[2] if len(sys.argv) > 2 else "S"
CLIENTS = {"XS": 2000, "S": 10000, "M": 100000}[SIZE]
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
D = Path(os.environ.get("AUDIT_COST_DATA", "/tmp/auditbench"))
D.mkdir(parents=True, exist_ok=True)
demo = D / f"{SIZE}-demo.sqlite"
if not demo.exists():
    t = time.time()
    subprocess.run([CLI, "demo", "--clients", str(CLIENTS), "--out", str(demo)], check=True, stdout=subprocess.DEVNULL)
    print(f"demo {SIZE}: {time.time() - t:.1f} s", flush=True)
orders_csv, clients_csv = D / f"{SIZE}-orders.csv", D / f"{SIZE}-clients.csv"
if not orders_csv.exists():
    con = sqlite3.connect(f"file:{demo}?mode=ro", uri=True)
    with open(clients_csv, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";"); w.writerow(["Наименование", "ИНН", "Регион"])
        for row in con.execute("SELECT name, tax_id, region FROM clients ORDER BY id"): w.writerow(row)
    money = lambda m: f"{m // 100},{m % 100:02d}"
    day = lambda d: f"{d[8:10]}.{d[5:7]}.{d[0:4]}"
    with open(orders_csv, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Дата", "Номер", "ИНН", "Сумма", "Скидка", "Сумма со скидкой", "Срок оплаты", "Status"])
        for r in con.execute("""SELECT o.order_date, o.number, c.tax_id, o.gross_minor, o.discount_minor, o.net_minor, o.due_date, o.status
                               FROM orders o JOIN clients c ON c.id = o.client_id ORDER BY o.id"""):
            w.writerow([day(r[0]), r[1], r[2], money(r[3]), money(r[4]), money(r[5]), day(r[6]), r[7]])
    con.close()
base = D / f"{SIZE}-base.sqlite"
if not base.exists():
    subprocess.run([CLI, str(base), "-c", f'import "{clients_csv}" into clients'], check=True, stdout=subprocess.DEVNULL)

def variant(path, kind):
    con = sqlite3.connect(path)
    if kind == "none":   # as before the audit log: no triggers, no session table
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'audit%'").fetchall():
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DROP TABLE audit_session")
    elif kind == "per-row":  # the insert trigger under another name: the import cannot drop it
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name='audit_orders_insert'").fetchone()[0]
        con.execute("DROP TRIGGER audit_orders_insert")
        con.execute(sql.replace("audit_orders_insert", "audit_orders_insert_rowwise"))
    con.commit(); con.close()

lines = sum(1 for _ in open(orders_csv, encoding="utf-8")) - 1
results = {}
for i in range(RUNS):
    for kind in ("none", "compact", "per-row"):
        target = D / f"{SIZE}-run-{kind}.sqlite"
        for s in ("", "-wal", "-shm"): Path(str(target) + s).unlink(missing_ok=True)
        shutil.copy(base, target); variant(target, kind)
        t = time.time()
        subprocess.run([CLI, str(target), "-c", f'import "{orders_csv}" into orders'], check=True, stdout=subprocess.DEVNULL)
        e = time.time() - t
        subprocess.run(["sqlite3", str(target), "PRAGMA wal_checkpoint(TRUNCATE)"], check=True, stdout=subprocess.DEVNULL)
        con = sqlite3.connect(target)
        n, size = con.execute("SELECT count(*), COALESCE(sum(length(new_values)), 0) FROM audit").fetchone()
        con.close()
        results.setdefault(kind, []).append(e)
        print(f"{SIZE} import {lines} orders, {kind}: {e:.2f} s, file {os.path.getsize(target) / 2**20:.1f} MiB, audit rows {n}, JSON {size / 2**20:.1f} MiB", flush=True)
for kind, ts in results.items():
    print(f"{SIZE} import median {kind}: {statistics.median(ts):.2f} s over {len(ts)}")
# single-row update, through the program, 15 runs each (start-up included, the same in both)
for kind in ("none", "compact"):
    target = D / f"{SIZE}-run-{kind}.sqlite"
    ts = []
    for i in range(15):
        t = time.time()
        subprocess.run([CLI, str(target), "-c", f'update clients | where id == 5 set region = "R{i}"'], check=True, stdout=subprocess.DEVNULL)
        ts.append(time.time() - t)
    print(f"{SIZE} single-row update, {'with audit' if kind == 'compact' else 'no audit'}: median {statistics.median(ts) * 1000:.1f} ms, min {min(ts) * 1000:.1f} ms")
# One-row update transactions as Clientele's Store.write runs them, in-process (Python's
# sqlite3 on the same libsqlite3): without the audit log (store "none": no triggers, no
# session table) and with it (session row in, update with its trigger, session row out).
def run(path, audit, n=2000):
    con = sqlite3.connect(path, isolation_level=None); con.execute("PRAGMA journal_mode=WAL"); con.execute("PRAGMA synchronous=NORMAL")
    ts = []
    for i in range(n):
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        if audit: con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit_session'"); con.execute("INSERT OR REPLACE INTO audit_session (id, user_name) VALUES (1, 'me')")
        con.execute("UPDATE clients SET region = ?, updated_at = datetime('now') WHERE id = 5", (f"R{i}",))
        if audit: con.execute("DELETE FROM audit_session")
        con.execute("COMMIT")
        ts.append(time.perf_counter() - t)
    con.close(); return ts
for rep in range(3):
    for kind in ("none", "compact"):
        ts = run(str(D / f"{SIZE}-run-{kind}.sqlite"), kind == "compact")
        print(f"{kind}: median {statistics.median(ts)*1e6:.0f} µs, p90 {sorted(ts)[int(len(ts)*0.9)]*1e6:.0f} µs")
