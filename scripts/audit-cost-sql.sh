#!/usr/bin/env bash
# 2,000,000 orders inserted by one INSERT ... SELECT in the sqlite3 shell into a copy of the
# S base store (10,000 clients, the v6-audit schema): with the audit insert trigger dropped
# (what an import does, then one summary row), and with it (one JSON row per order).
set -e
cd "${AUDIT_COST_DATA:-/tmp/auditbench}"   # after scripts/audit-cost.py made S-base.sqlite
ins="INSERT INTO orders (client_id, number, order_date, due_date, gross_minor, discount_minor, net_minor, status)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000)
SELECT 1 + i % 10000, 'N-' || i, date('2024-01-01', '+' || (i % 700) || ' days'), date('2024-01-11', '+' || (i % 700) || ' days'),
       10000 + i % 5000, 0, 10000 + i % 5000, 'shipped' FROM n;"
for kind in compact per-row; do
  for run in 1; do
    rm -f sql-$kind.sqlite*; cp S-base.sqlite sql-$kind.sqlite
    if [ $kind = compact ]; then drop="DROP TRIGGER audit_orders_insert;"; else drop=""; fi
    start=$(date +%s.%N)
    sqlite3 sql-$kind.sqlite "PRAGMA journal_mode=WAL; BEGIN; $drop $ins COMMIT; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    end=$(date +%s.%N)
    size=$(stat -c %s sql-$kind.sqlite)
    rows=$(sqlite3 sql-$kind.sqlite "SELECT count(*), printf('%.1f', COALESCE(sum(length(new_values)), 0) / 1048576.0) FROM audit")
    echo "2M orders by INSERT..SELECT, $kind: $(echo "$end - $start" | bc) s, file $((size / 1048576)) MiB, audit rows|JSON MiB $rows"
  done
done
