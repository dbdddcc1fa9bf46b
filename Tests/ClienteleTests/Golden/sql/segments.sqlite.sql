-- clients | sort id | select name, abc, risk, status, sales_type
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p13 = '2025-12-31'
-- :p14 = '2025-12-31'
-- :p15 = '2025-01-01'
-- :p22 = '0001-01-01'
-- :p23 = '2025-12-31'
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
-- :p17 = 2
-- :p18 = 5
-- :p19 = 3
-- :p20 = 7
-- :p25 = '2025-07-04'
-- :p26 = '2025-10-02'
-- :p27 = 3
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id),
     disc12 AS (SELECT client_id, SUM(overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(MAX(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN MAX(0, COALESCE(CAST(julianday(last_paid) - julianday(due_date) AS INTEGER), 0)) WHEN due_date < :p13 THEN CAST(julianday(:p13) - julianday(due_date) AS INTEGER) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p14) WHERE order_date >= :p15 OR paid < net_minor OR last_paid > :p14) GROUP BY client_id),
     sales21 AS (SELECT client_id, MIN(order_date) AS first_order, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p22 AND :p23 GROUP BY client_id)
SELECT c1.name AS col1, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END AS col2, MAX(CASE WHEN COALESCE(j16.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j16.late_payments, 0) <= :p17 THEN 1 WHEN COALESCE(j16.late_payments, 0) <= :p18 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j16.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j16.max_overdue_days, 0) <= :p19 THEN 1 WHEN COALESCE(j16.max_overdue_days, 0) <= :p20 THEN 2 ELSE 3 END) AS col3, COALESCE(c1.status_override, CASE WHEN j24.first_order IS NULL THEN 'potential' WHEN j24.last_order < :p25 THEN 'lost' WHEN j24.first_order >= :p26 THEN 'new' ELSE 'active' END) AS col4, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p27 THEN 'retail chain' ELSE 'retail point' END) AS col5
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
LEFT JOIN disc12 AS j16 ON j16.client_id = c1.id
LEFT JOIN sales21 AS j24 ON j24.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | group abc agg n = count(), revenue = sum(turnover)
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id)
SELECT CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END AS col1, COUNT(*) AS col2, COALESCE(SUM(COALESCE(j5.turnover, 0)), 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
GROUP BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | group risk agg n = count() | sort risk
-- :p3 = '2025-12-31'
-- :p4 = '2025-12-31'
-- :p5 = '2025-01-01'
-- :p7 = 2
-- :p8 = 5
-- :p9 = 3
-- :p10 = 7
WITH disc2 AS (SELECT client_id, SUM(overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(MAX(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN MAX(0, COALESCE(CAST(julianday(last_paid) - julianday(due_date) AS INTEGER), 0)) WHEN due_date < :p3 THEN CAST(julianday(:p3) - julianday(due_date) AS INTEGER) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p4) WHERE order_date >= :p5 OR paid < net_minor OR last_paid > :p4) GROUP BY client_id)
SELECT MAX(CASE WHEN COALESCE(j6.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j6.late_payments, 0) <= :p7 THEN 1 WHEN COALESCE(j6.late_payments, 0) <= :p8 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j6.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j6.max_overdue_days, 0) <= :p9 THEN 1 WHEN COALESCE(j6.max_overdue_days, 0) <= :p10 THEN 2 ELSE 3 END) AS col1, COUNT(*) AS col2
FROM clients AS c1
LEFT JOIN disc2 AS j6 ON j6.client_id = c1.id
GROUP BY MAX(CASE WHEN COALESCE(j6.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j6.late_payments, 0) <= :p7 THEN 1 WHEN COALESCE(j6.late_payments, 0) <= :p8 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j6.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j6.max_overdue_days, 0) <= :p9 THEN 1 WHEN COALESCE(j6.max_overdue_days, 0) <= :p10 THEN 2 ELSE 3 END)
ORDER BY col1 NULLS LAST;

-- clients | where abc == "C" and risk <= 1 | select name, orders_count, turnover
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p14 = '2025-12-31'
-- :p15 = '2025-12-31'
-- :p16 = '2025-01-01'
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
-- :p12 = 'C'
-- :p18 = 2
-- :p19 = 5
-- :p20 = 3
-- :p21 = 7
-- :p22 = 1
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id),
     disc13 AS (SELECT client_id, SUM(overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(MAX(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN MAX(0, COALESCE(CAST(julianday(last_paid) - julianday(due_date) AS INTEGER), 0)) WHEN due_date < :p14 THEN CAST(julianday(:p14) - julianday(due_date) AS INTEGER) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p15) WHERE order_date >= :p16 OR paid < net_minor OR last_paid > :p15) GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.orders_count, 0) AS col2, COALESCE(j5.turnover, 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
LEFT JOIN disc13 AS j17 ON j17.client_id = c1.id
WHERE ((CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END = :p12) AND (MAX(CASE WHEN COALESCE(j17.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j17.late_payments, 0) <= :p18 THEN 1 WHEN COALESCE(j17.late_payments, 0) <= :p19 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j17.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j17.max_overdue_days, 0) <= :p20 THEN 1 WHEN COALESCE(j17.max_overdue_days, 0) <= :p21 THEN 2 ELSE 3 END) <= :p22))
ORDER BY c1.id;

-- clients | where status in ["new", "potential"] | sort id | select name, status
-- :p3 = '0001-01-01'
-- :p4 = '2025-12-31'
-- :p10 = '2025-07-04'
-- :p11 = '2025-10-02'
-- :p6 = '2025-07-04'
-- :p7 = '2025-10-02'
-- :p8 = 'new'
-- :p9 = 'potential'
WITH sales2 AS (SELECT client_id, MIN(order_date) AS first_order, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < :p10 THEN 'lost' WHEN j5.first_order >= :p11 THEN 'new' ELSE 'active' END) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < :p6 THEN 'lost' WHEN j5.first_order >= :p7 THEN 'new' ELSE 'active' END) IN (:p8, :p9))
ORDER BY c1.id NULLS LAST;

-- settings | where key ~ "abc." | select key, value, default_value
-- :p2 = 'abc.'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE (CLIENTELE_CONTAINS(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), :p2))
ORDER BY s1.key COLLATE CLIENTELE_NOCASE;

-- clients | where abc == "A" | sort name | select name, turnover
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p9 = 'C'
-- :p10 = 40000
-- :p11 = 10000
-- :p12 = 'A'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END = :p12)
ORDER BY c1.name COLLATE CLIENTELE_NOCASE NULLS LAST, c1.id;

-- clients | where abc == "A" | select name, turnover
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
-- :p12 = 'A'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END = :p12)
ORDER BY c1.id;

-- clients | where abc != null | sort turnover desc, id | select name, turnover, abc
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p11 = 8000
-- :p12 = 9500
-- :p14 = 'C'
-- :p9 = 'C'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id),
     abcshare10 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < :p11 * total THEN 'A' WHEN before * 10000 < :p12 * total THEN 'B' ELSE 'C' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY s.turnover) AS before, SUM(s.turnover) OVER () AS total FROM sales2 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0)) GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p14 ELSE j13.class END AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
LEFT JOIN abcshare10 AS j13 ON j13.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 ELSE j13.class END IS NOT NULL)
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id NULLS LAST;
