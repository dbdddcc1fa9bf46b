-- clients | sort id | select name, turnover, orders_count, avg_order, first_order, last_order
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count, MIN(order_date) AS first_order, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, COALESCE(j5.orders_count, 0) AS col3, CLIENTELE_RDIV(j5.turnover, j5.orders_count) AS col4, j5.first_order AS col5, j5.last_order AS col6
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | sort id | select name, days_since_last_order, late_payments, max_overdue_days, unpaid
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p8 = '2025-12-31'
-- :p9 = '2025-12-31'
-- :p10 = '2025-01-01'
-- :p6 = '2025-12-31'
WITH sales2 AS (SELECT client_id, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     disc7 AS (SELECT client_id, SUM(overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(MAX(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN MAX(0, COALESCE(CAST(julianday(last_paid) - julianday(due_date) AS INTEGER), 0)) WHEN due_date < :p8 THEN CAST(julianday(:p8) - julianday(due_date) AS INTEGER) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p9) WHERE order_date >= :p10 OR paid < net_minor OR last_paid > :p9) GROUP BY client_id)
SELECT c1.name AS col1, CAST(julianday(:p6) - julianday(j5.last_order) AS INTEGER) AS col2, COALESCE(j11.late_payments, 0) AS col3, COALESCE(j11.max_overdue_days, 0) AS col4, COALESCE(j11.unpaid, 0) AS col5
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN disc7 AS j11 ON j11.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | where orders_count(2024) > 0 | select name, t2024 = turnover(2024), t2025 = turnover(2025)
-- :p3 = '2024-01-01'
-- :p4 = '2024-12-31'
-- :p8 = '2025-01-01'
-- :p9 = '2025-12-31'
-- :p6 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     sales7 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p8 AND :p9 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, COALESCE(j10.turnover, 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN sales7 AS j10 ON j10.client_id = c1.id
WHERE (COALESCE(j5.orders_count, 0) > :p6) AND (j5.client_id = c1.id)
ORDER BY c1.id;

-- clients | where turnover > 0 | sort turnover desc | select name, turnover, orders_count
-- :p3 = '2025-07-01'
-- :p4 = '2025-09-30'
-- :p6 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, COALESCE(j5.orders_count, 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > :p6) AND (j5.client_id = c1.id)
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id;

-- clients | where turnover(2025) > turnover(2024) | count
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2024-01-01'
-- :p8 = '2024-12-31'
-- :p10 = 3
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     sales6 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p7 AND :p8 GROUP BY client_id)
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p10 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, COALESCE(j5.turnover, 0) AS col6, COALESCE(j9.turnover, 0) AS col7
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN sales6 AS j9 ON j9.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > COALESCE(j9.turnover, 0)));
