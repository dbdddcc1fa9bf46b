-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | derive running = running_sum(revenue), change = change(revenue)
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT s5.col1 AS col1, s5.col2 AS col2, SUM(s5.col2) OVER (ORDER BY s5.col1 COLLATE CLIENTELE_NOCASE NULLS LAST ROWS UNBOUNDED PRECEDING) AS col3, (s5.col2 - LAG(s5.col2) OVER (ORDER BY s5.col1 COLLATE CLIENTELE_NOCASE NULLS LAST)) AS col4
FROM (SELECT strftime('%Y-%m', o1.order_date) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y-%m', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST) AS s5
ORDER BY s5.col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group quarter = quarter_of(order_date) agg revenue = sum(net) | derive share = share(revenue), running = running_sum(revenue)
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT s5.col1 AS col1, s5.col2 AS col2, CLIENTELE_RDIV((s5.col2) * 10000, NULLIF(SUM(s5.col2) OVER (), 0)) AS col3, SUM(s5.col2) OVER (ORDER BY s5.col1 COLLATE CLIENTELE_NOCASE NULLS LAST ROWS UNBOUNDED PRECEDING) AS col4
FROM (SELECT strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST) AS s5
ORDER BY s5.col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where status == "shipped" | group year = year_of(order_date) agg orders = count(), revenue = sum(net)
-- :p2 = 'shipped'
SELECT strftime('%Y', o1.order_date) AS col1, COUNT(*) AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
WHERE (o1.status = :p2)
GROUP BY strftime('%Y', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | sort month desc | take 3
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT strftime('%Y-%m', o1.order_date) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y-%m', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE DESC NULLS LAST
LIMIT 3;

-- orders | where client == 5 | sort order_date | select number, order_date, week = week_of(order_date), month = month_of(order_date), quarter = quarter_of(order_date), year = year_of(order_date)
-- :p2 = 5
SELECT o1.number AS col1, o1.order_date AS col2, date(o1.order_date, 'weekday 0', '-6 days') AS col3, strftime('%Y-%m', o1.order_date) AS col4, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3) AS col5, strftime('%Y', o1.order_date) AS col6
FROM orders AS o1
WHERE (o1.client_id = :p2)
ORDER BY o1.order_date NULLS LAST, o1.id;

-- orders | where id == 3 | select sunday = week_of(2025-03-02), monday = week_of(2025-03-03)
-- :p3 = '2025-03-02'
-- :p4 = '2025-03-03'
-- :p2 = 3
SELECT date(:p3, 'weekday 0', '-6 days') AS col1, date(:p4, 'weekday 0', '-6 days') AS col2
FROM orders AS o1
WHERE (o1.id = :p2)
ORDER BY o1.id;

-- orders | where status == "shipped" and client in [1, 5] | sort order_date | select number, client.name, net, running = running_sum(net by client), previous = previous(net by client), change = change(net by client), rank = rank(net desc by client)
-- :p2 = 'shipped'
-- :p3 = 1
-- :p4 = 5
SELECT o1.number AS col1, c5.name AS col2, o1.net_minor AS col3, SUM(o1.net_minor) OVER (PARTITION BY o1.client_id ORDER BY o1.order_date NULLS LAST, o1.id ROWS UNBOUNDED PRECEDING) AS col4, LAG(o1.net_minor) OVER (PARTITION BY o1.client_id ORDER BY o1.order_date NULLS LAST, o1.id) AS col5, (o1.net_minor - LAG(o1.net_minor) OVER (PARTITION BY o1.client_id ORDER BY o1.order_date NULLS LAST, o1.id)) AS col6, RANK() OVER (PARTITION BY o1.client_id ORDER BY o1.net_minor DESC NULLS LAST) AS col7
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = :p2) AND (o1.client_id IN (:p3, :p4)))
ORDER BY o1.order_date NULLS LAST, o1.id;

-- orders | where status == "shipped" and client == 5 | sort order_date | derive next_order = next(order_date), gap = next(order_date) - order_date
-- :p2 = 'shipped'
-- :p3 = 5
SELECT o1.id AS col1, o1.number AS col2, o1.order_date AS col3, c4.name AS col4, o1.net_minor AS col5, o1.status AS col6, LEAD(o1.order_date) OVER (ORDER BY o1.order_date NULLS LAST, o1.id) AS col7, CAST(julianday(LEAD(o1.order_date) OVER (ORDER BY o1.order_date NULLS LAST, o1.id)) - julianday(o1.order_date) AS INTEGER) AS col8
FROM orders AS o1
LEFT JOIN clients AS c4 ON c4.id = o1.client_id
WHERE ((o1.status = :p2) AND (o1.client_id = :p3))
ORDER BY o1.order_date NULLS LAST, o1.id;

-- clients | select name, turnover, r = rank(turnover desc) | where r <= 3
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = 3
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT *
FROM (SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, RANK() OVER (ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY c1.id) AS s6
WHERE (s6.col3 <= :p7);

-- clients | where turnover > 0 | sort turnover desc | select name, turnover, share = share(turnover), running = running_sum(turnover)
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p6 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, CLIENTELE_RDIV((COALESCE(j5.turnover, 0)) * 10000, NULLIF(SUM(COALESCE(j5.turnover, 0)) OVER (), 0)) AS col3, SUM(COALESCE(j5.turnover, 0)) OVER (ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id ROWS UNBOUNDED PRECEDING) AS col4
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > :p6) AND (j5.client_id = c1.id)
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | chart line
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT strftime('%Y-%m', o1.order_date) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y-%m', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | group region, abc agg n = count() | pivot abc
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id)
SELECT c1.region AS col1, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END AS col2, COUNT(*) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
GROUP BY c1.region, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST, col2 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | pivot quarter
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT c5.name AS col1, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3) AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY c5.name, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST, col2 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | pivot quarter spark
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT c5.name AS col1, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3) AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY c5.name, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST, col2 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | group region, abc agg average = avg(turnover) | pivot abc
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
-- :p7 = '2025-12-31'
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id)
SELECT c1.region AS col1, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END AS col2, CLIENTELE_RDIV(SUM(COALESCE(j5.turnover, 0)), COUNT(COALESCE(j5.turnover, 0))) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
GROUP BY c1.region, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST, col2 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | where abc(2024) == "C" | sort turnover(2024) desc
-- :p3 = '2024-01-01'
-- :p4 = '2024-12-31'
-- :p7 = '2024-12-31'
-- :p13 = 3
-- :p14 = 'C'
-- :p15 = 50000
-- :p16 = 10000
-- :p9 = 'C'
-- :p10 = 50000
-- :p11 = 10000
-- :p12 = 'C'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p7 GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p13 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p14 WHEN j5.turnover > :p15 THEN 'A' WHEN j5.turnover >= :p16 THEN 'B' ELSE 'C' END AS col6, COALESCE(j5.turnover, 0) AS col7
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN :p9 WHEN j5.turnover > :p10 THEN 'A' WHEN j5.turnover >= :p11 THEN 'B' ELSE 'C' END = :p12)
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id;

-- contacts | sort id | select name, reach = coalesce(email, work_phone, "none")
-- :p2 = 'none'
SELECT c1.name AS col1, COALESCE(c1.email, c1.work_phone, :p2) AS col2
FROM contacts AS c1
ORDER BY c1.id NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | sort month desc | take 3
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT strftime('%Y-%m', o1.order_date) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y-%m', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE DESC NULLS LAST
LIMIT 3;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | chart line
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT strftime('%Y-%m', o1.order_date) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y-%m', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where client == 5 | sort order_date | select number, order_date, month = month_of(order_date), quarter = quarter_of(order_date)
-- :p2 = 5
SELECT o1.number AS col1, o1.order_date AS col2, strftime('%Y-%m', o1.order_date) AS col3, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3) AS col4
FROM orders AS o1
WHERE (o1.client_id = :p2)
ORDER BY o1.order_date NULLS LAST, o1.id;

-- orders | where status == "shipped" and order_date in 2025-Q1 | group m = month_of(order_date) agg revenue = sum(net) | select m, revenue
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-03-31'
SELECT s5.col1 AS col1, s5.col2 AS col2
FROM (SELECT strftime('%Y-%m', o1.order_date) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y-%m', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST) AS s5;

-- orders | where status == "shipped" and order_date in 2025-Q1 | group m = month_of(order_date) agg revenue = sum(net)
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-03-31'
SELECT strftime('%Y-%m', o1.order_date) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY strftime('%Y-%m', o1.order_date)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | spark quarter
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT c5.name AS col1, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3) AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY c5.name, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST, col2 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg orders = count() | spark quarter
-- :p2 = 'shipped'
-- :p3 = '2025-01-01'
-- :p4 = '2025-12-31'
SELECT c5.name AS col1, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3) AS col2, COUNT(*) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = :p2) AND (o1.order_date BETWEEN :p3 AND :p4))
GROUP BY c5.name, strftime('%Y', o1.order_date) || '-Q' || ((CAST(strftime('%m', o1.order_date) AS INTEGER) + 2) / 3)
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST, col2 COLLATE CLIENTELE_NOCASE NULLS LAST;
