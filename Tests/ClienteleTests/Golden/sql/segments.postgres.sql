-- clients | sort id | select name, abc, risk, status, sales_type
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = '2025-12-31'
-- $5 = '2025-12-31'
-- $6 = '2025-01-01'
-- $7 = '0001-01-01'
-- $8 = '2025-12-31'
-- $9 = 'C'
-- $10 = 50000
-- $11 = 10000
-- $12 = 2
-- $13 = 5
-- $14 = 3
-- $15 = 7
-- $16 = '2025-07-04'
-- $17 = '2025-10-02'
-- $18 = 3
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id),
     disc12 AS (SELECT client_id, COUNT(*) FILTER (WHERE overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(GREATEST(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN GREATEST(0, COALESCE((last_paid - due_date), 0)) WHEN due_date < $4 THEN ($4 - due_date) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $5) AS subquery1 WHERE order_date >= $6 OR paid < net_minor OR last_paid > $5) AS subquery2 GROUP BY client_id),
     sales21 AS (SELECT client_id, MIN(order_date) AS first_order, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN $7 AND $8 GROUP BY client_id)
SELECT c1.name AS col1, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $9 WHEN j5.turnover > $10 THEN 'A' WHEN j5.turnover >= $11 THEN 'B' ELSE 'C' END AS col2, GREATEST(CASE WHEN COALESCE(j16.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j16.late_payments, 0) <= $12 THEN 1 WHEN COALESCE(j16.late_payments, 0) <= $13 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j16.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j16.max_overdue_days, 0) <= $14 THEN 1 WHEN COALESCE(j16.max_overdue_days, 0) <= $15 THEN 2 ELSE 3 END) AS col3, COALESCE(c1.status_override, CASE WHEN j24.first_order IS NULL THEN 'potential' WHEN j24.last_order < $16 THEN 'lost' WHEN j24.first_order >= $17 THEN 'new' ELSE 'active' END) AS col4, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $18 THEN 'retail chain' ELSE 'retail point' END) AS col5
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
LEFT JOIN disc12 AS j16 ON j16.client_id = c1.id
LEFT JOIN sales21 AS j24 ON j24.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | group abc agg n = count(), revenue = sum(turnover)
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 50000
-- $6 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END AS col1, COUNT(*) AS col2, COALESCE(SUM(COALESCE(j5.turnover, 0)), 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
GROUP BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END
ORDER BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END COLLATE clientele_ci NULLS LAST;

-- clients | group risk agg n = count() | sort risk
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
-- $3 = '2025-01-01'
-- $4 = 2
-- $5 = 5
-- $6 = 3
-- $7 = 7
WITH disc2 AS (SELECT client_id, COUNT(*) FILTER (WHERE overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(GREATEST(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN GREATEST(0, COALESCE((last_paid - due_date), 0)) WHEN due_date < $1 THEN ($1 - due_date) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $2) AS subquery1 WHERE order_date >= $3 OR paid < net_minor OR last_paid > $2) AS subquery2 GROUP BY client_id)
SELECT GREATEST(CASE WHEN COALESCE(j6.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j6.late_payments, 0) <= $4 THEN 1 WHEN COALESCE(j6.late_payments, 0) <= $5 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j6.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j6.max_overdue_days, 0) <= $6 THEN 1 WHEN COALESCE(j6.max_overdue_days, 0) <= $7 THEN 2 ELSE 3 END) AS col1, COUNT(*) AS col2
FROM clients AS c1
LEFT JOIN disc2 AS j6 ON j6.client_id = c1.id
GROUP BY GREATEST(CASE WHEN COALESCE(j6.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j6.late_payments, 0) <= $4 THEN 1 WHEN COALESCE(j6.late_payments, 0) <= $5 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j6.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j6.max_overdue_days, 0) <= $6 THEN 1 WHEN COALESCE(j6.max_overdue_days, 0) <= $7 THEN 2 ELSE 3 END)
ORDER BY col1 NULLS LAST;

-- clients | where abc == "C" and risk <= 1 | select name, orders_count, turnover
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = '2025-12-31'
-- $5 = '2025-12-31'
-- $6 = '2025-01-01'
-- $7 = 'C'
-- $8 = 50000
-- $9 = 10000
-- $10 = 'C'
-- $11 = 2
-- $12 = 5
-- $13 = 3
-- $14 = 7
-- $15 = 1
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id),
     disc13 AS (SELECT client_id, COUNT(*) FILTER (WHERE overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(GREATEST(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN GREATEST(0, COALESCE((last_paid - due_date), 0)) WHEN due_date < $4 THEN ($4 - due_date) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $5) AS subquery1 WHERE order_date >= $6 OR paid < net_minor OR last_paid > $5) AS subquery2 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.orders_count, 0) AS col2, COALESCE(j5.turnover, 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
LEFT JOIN disc13 AS j17 ON j17.client_id = c1.id
WHERE ((CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $7 WHEN j5.turnover > $8 THEN 'A' WHEN j5.turnover >= $9 THEN 'B' ELSE 'C' END = $10) AND (GREATEST(CASE WHEN COALESCE(j17.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j17.late_payments, 0) <= $11 THEN 1 WHEN COALESCE(j17.late_payments, 0) <= $12 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j17.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j17.max_overdue_days, 0) <= $13 THEN 1 WHEN COALESCE(j17.max_overdue_days, 0) <= $14 THEN 2 ELSE 3 END) <= $15))
ORDER BY c1.id;

-- clients | where status in ["new", "potential"] | sort id | select name, status
-- $1 = '0001-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-07-04'
-- $4 = '2025-10-02'
-- $5 = '2025-07-04'
-- $6 = '2025-10-02'
-- $7 = 'new'
-- $8 = 'potential'
WITH sales2 AS (SELECT client_id, MIN(order_date) AS first_order, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < $3 THEN 'lost' WHEN j5.first_order >= $4 THEN 'new' ELSE 'active' END) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < $5 THEN 'lost' WHEN j5.first_order >= $6 THEN 'new' ELSE 'active' END) IN ($7, $8))
ORDER BY c1.id NULLS LAST;

-- settings | where key ~ "abc." | select key, value, default_value
-- $1 = 'abc.'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE (clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY s1.key COLLATE clientele_ci;

-- clients | where abc == "A" | sort name | select name, turnover
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 40000
-- $6 = 10000
-- $7 = 'A'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END = $7)
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id;

-- clients | where abc == "A" | select name, turnover
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 50000
-- $6 = 10000
-- $7 = 'A'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END = $7)
ORDER BY c1.id;

-- clients | where abc != null | sort turnover desc, id | select name, turnover, abc
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = '2025-01-01'
-- $5 = '2025-12-31'
-- $6 = ''
-- $7 = 8000
-- $8 = 9500
-- $9 = 'A'
-- $10 = 'B'
-- $11 = 'C'
-- $12 = 'C'
-- $13 = 'C'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id),
     abcshare10 AS (SELECT client_id, class FROM clientele_pareto_classes($4, $5, NULL, $6, $7, $8, $9, $10, $11) AS ranks)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $12 ELSE j19.class END AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
LEFT JOIN abcshare10 AS j19 ON j19.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $13 ELSE j19.class END IS NOT NULL)
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id NULLS LAST;
