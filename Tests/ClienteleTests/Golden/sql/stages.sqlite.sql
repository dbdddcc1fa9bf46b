-- clients | where region == "North" | sort name
-- :p3 = 3
-- :p2 = 'North'
SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p3 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE (c1.region = :p2)
ORDER BY c1.name COLLATE CLIENTELE_NOCASE NULLS LAST, c1.id;

-- clients | sort region, turnover desc | select name, region, turnover
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, c1.region AS col2, COALESCE(j5.turnover, 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY c1.region COLLATE CLIENTELE_NOCASE NULLS LAST, COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id;

-- clients | sort turnover desc | take 3 | select name, turnover
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id
LIMIT 3;

-- clients | sort id | skip 5 | select id, name
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
ORDER BY c1.id NULLS LAST
LIMIT -1 OFFSET 5;

-- clients | sort id | skip 2 | take 2 | select id, name
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
ORDER BY c1.id NULLS LAST
LIMIT 2 OFFSET 2;

-- clients | where turnover > 0 | sort id | select name, revenue = turnover, per_outlet = turnover / outlets, outlets
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p6 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, CLIENTELE_RDIV(COALESCE(j5.turnover, 0), c1.outlets) AS col3, c1.outlets AS col4
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > :p6) AND (j5.client_id = c1.id)
ORDER BY c1.id NULLS LAST;

-- orders | derive days = due_date - order_date | where status == "shipped" and days != 10 | count
-- :p2 = 'shipped'
-- :p3 = 10
SELECT COUNT(*) AS col1 FROM (SELECT o1.id AS col1, o1.number AS col2, o1.order_date AS col3, c4.name AS col4, o1.net_minor AS col5, o1.status AS col6, CAST(julianday(o1.due_date) - julianday(o1.order_date) AS INTEGER) AS col7
FROM orders AS o1
LEFT JOIN clients AS c4 ON c4.id = o1.client_id
WHERE ((o1.status = :p2) AND (CAST(julianday(o1.due_date) - julianday(o1.order_date) AS INTEGER) <> :p3)));

-- orders | where client == 5 | derive late_by = due_date - order_date | sort id | select number, late_by
-- :p2 = 5
SELECT o1.number AS col1, CAST(julianday(o1.due_date) - julianday(o1.order_date) AS INTEGER) AS col2
FROM orders AS o1
WHERE (o1.client_id = :p2)
ORDER BY o1.id NULLS LAST;

-- clients | group region agg n = count(), revenue = sum(turnover), average = avg(turnover), smallest = min(turnover), largest = max(turnover), share = share(sum(turnover))
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.region AS col1, COUNT(*) AS col2, COALESCE(SUM(COALESCE(j5.turnover, 0)), 0) AS col3, CLIENTELE_RDIV(SUM(COALESCE(j5.turnover, 0)), COUNT(COALESCE(j5.turnover, 0))) AS col4, MIN(COALESCE(j5.turnover, 0)) AS col5, MAX(COALESCE(j5.turnover, 0)) AS col6, CLIENTELE_RDIV((COALESCE(SUM(COALESCE(j5.turnover, 0)), 0)) * 10000, NULLIF(SUM(COALESCE(SUM(COALESCE(j5.turnover, 0)), 0)) OVER (), 0)) AS col7
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
GROUP BY c1.region
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | group status agg n = count(), clients = count(distinct client), total = sum(net)
SELECT o1.status AS col1, COUNT(*) AS col2, COUNT(DISTINCT o1.client_id) AS col3, COALESCE(SUM(o1.net_minor), 0) AS col4
FROM orders AS o1
GROUP BY o1.status
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | group sales_type | sort n desc
-- :p2 = 3
SELECT COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p2 THEN 'retail chain' ELSE 'retail point' END) AS col1, COUNT(*) AS col2
FROM clients AS c1
GROUP BY COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p2 THEN 'retail chain' ELSE 'retail point' END)
ORDER BY col2 DESC NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | agg orders = count(), total = sum(net), average = avg(net), first = min(order_date), last = max(order_date)
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT COUNT(*) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2, CLIENTELE_RDIV(SUM(o1.net_minor), COUNT(o1.net_minor)) AS col3, MIN(o1.order_date) AS col4, MAX(o1.order_date) AS col5
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4));

-- clients | group region agg n = count() | where n >= 2 | sort n desc, region
-- :p3 = 2
SELECT *
FROM (SELECT c1.region AS col1, COUNT(*) AS col2
FROM clients AS c1
GROUP BY c1.region
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST) AS s2
WHERE (s2.col2 >= :p3)
ORDER BY s2.col2 DESC NULLS LAST, s2.col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | select curator | distinct | sort curator
SELECT DISTINCT c1.curator AS col1
FROM clients AS c1
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | where status == "active" | count
-- :p3 = '0001-01-01'
-- :p4 = '2025-12-31'
-- :p9 = 3
-- :p10 = '2025-07-04'
-- :p11 = '2025-10-02'
-- :p6 = '2025-07-04'
-- :p7 = '2025-10-02'
-- :p8 = 'active'
WITH sales2 AS (SELECT client_id, MIN(order_date) AS first_order, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p9 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < :p10 THEN 'lost' WHEN j5.first_order >= :p11 THEN 'new' ELSE 'active' END) AS col6
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < :p6 THEN 'lost' WHEN j5.first_order >= :p7 THEN 'new' ELSE 'active' END) = :p8));

-- clients | where abc != null | group abc agg revenue = sum(turnover) | chart
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p12 = 'C'
-- :p13 = 50000
-- :p14 = 10000
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id)
SELECT CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p12 WHEN j5.turnover > :p13 THEN 'A' WHEN j5.turnover >= :p14 THEN 'B' ELSE 'C' END AS col1, COALESCE(SUM(COALESCE(j5.turnover, 0)), 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END IS NOT NULL)
GROUP BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p12 WHEN j5.turnover > :p13 THEN 'A' WHEN j5.turnover >= :p14 THEN 'B' ELSE 'C' END
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | group region agg n = count(), with_orders = count(where orders_count > 0), abc_c = sum(turnover where abc == "C")
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p8 = '2025-12-31'
-- :p6 = 0
-- :p10 = 'C'
-- :p11 = 50000
-- :p12 = 10000
-- :p13 = 'C'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal7 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p8 GROUP BY client_id)
SELECT c1.region AS col1, COUNT(*) AS col2, COUNT(CASE WHEN COALESCE(j5.orders_count, 0) > :p6 THEN 1 END) AS col3, COALESCE(SUM(CASE WHEN CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j9.shipped = 1 THEN :p10 WHEN j5.turnover > :p11 THEN 'A' WHEN j5.turnover >= :p12 THEN 'B' ELSE 'C' END = :p13 THEN COALESCE(j5.turnover, 0) END), 0) AS col4
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal7 AS j9 ON j9.client_id = c1.id
GROUP BY c1.region
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | where id == 1 | select turnover(2025-Q1), turnover(previous quarter), orders_count(2025)
-- :p4 = '2025-01-01'
-- :p5 = '2025-03-31'
-- :p8 = '2025-07-01'
-- :p9 = '2025-09-30'
-- :p12 = '2025-01-01'
-- :p13 = '2025-12-31'
-- :p2 = 1
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id),
     sales7 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p8 AND :p9 GROUP BY client_id),
     sales11 AS (SELECT client_id, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p12 AND :p13 GROUP BY client_id)
SELECT COALESCE(j6.turnover, 0) AS col1, COALESCE(j10.turnover, 0) AS col2, COALESCE(j14.orders_count, 0) AS col3
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
LEFT JOIN sales7 AS j10 ON j10.client_id = c1.id
LEFT JOIN sales11 AS j14 ON j14.client_id = c1.id
WHERE (c1.id = :p2)
ORDER BY c1.id;
