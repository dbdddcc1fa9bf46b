-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | derive running = running_sum(revenue), change = change(revenue)
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT s5.col1 AS col1, s5.col2 AS col2, SUM(s5.col2) OVER (ORDER BY s5.col1 COLLATE clientele_ci NULLS LAST ROWS UNBOUNDED PRECEDING) AS col3, (s5.col2 - LAG(s5.col2) OVER (ORDER BY s5.col1 COLLATE clientele_ci NULLS LAST)) AS col4
FROM (SELECT to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-MM')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-MM') COLLATE clientele_ci NULLS LAST) AS s5
ORDER BY s5.col1 COLLATE clientele_ci NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group quarter = quarter_of(order_date) agg revenue = sum(net) | derive share = share(revenue), running = running_sum(revenue)
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT s5.col1 AS col1, s5.col2 AS col2, clientele_rdiv((s5.col2) * 10000, NULLIF(SUM(s5.col2) OVER (), 0)) AS col3, SUM(s5.col2) OVER (ORDER BY s5.col1 COLLATE clientele_ci NULLS LAST ROWS UNBOUNDED PRECEDING) AS col4
FROM (SELECT to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') COLLATE clientele_ci NULLS LAST) AS s5
ORDER BY s5.col1 COLLATE clientele_ci NULLS LAST;

-- orders | where status == "shipped" | group year = year_of(order_date) agg orders = count(), revenue = sum(net)
-- $1 = 'shipped'
SELECT to_char(CAST(o1.order_date AS date), 'YYYY') AS col1, COUNT(*) AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
WHERE (o1.status = $1)
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY') COLLATE clientele_ci NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | sort month desc | take 3
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-MM')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-MM') COLLATE clientele_ci DESC NULLS LAST
LIMIT 3;

-- orders | where client == 5 | sort order_date | select number, order_date, week = week_of(order_date), month = month_of(order_date), quarter = quarter_of(order_date), year = year_of(order_date)
-- $1 = 5
SELECT o1.number AS col1, o1.order_date AS col2, (CAST(o1.order_date AS date) - CAST(EXTRACT(ISODOW FROM CAST(o1.order_date AS date)) AS INTEGER) + 1) AS col3, to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col4, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') AS col5, to_char(CAST(o1.order_date AS date), 'YYYY') AS col6
FROM orders AS o1
WHERE (o1.client_id = $1)
ORDER BY o1.order_date NULLS LAST, o1.id;

-- orders | where id == 3 | select sunday = week_of(2025-03-02), monday = week_of(2025-03-03)
-- $1 = '2025-03-02'
-- $2 = '2025-03-03'
-- $3 = 3
SELECT (CAST($1 AS date) - CAST(EXTRACT(ISODOW FROM CAST($1 AS date)) AS INTEGER) + 1) AS col1, (CAST($2 AS date) - CAST(EXTRACT(ISODOW FROM CAST($2 AS date)) AS INTEGER) + 1) AS col2
FROM orders AS o1
WHERE (o1.id = $3)
ORDER BY o1.id;

-- orders | where status == "shipped" and client in [1, 5] | sort order_date | select number, client.name, net, running = running_sum(net by client), previous = previous(net by client), change = change(net by client), rank = rank(net desc by client)
-- $1 = 'shipped'
-- $2 = 1
-- $3 = 5
SELECT o1.number AS col1, c5.name AS col2, o1.net_minor AS col3, SUM(o1.net_minor) OVER (PARTITION BY o1.client_id ORDER BY o1.order_date NULLS LAST, o1.id ROWS UNBOUNDED PRECEDING) AS col4, LAG(o1.net_minor) OVER (PARTITION BY o1.client_id ORDER BY o1.order_date NULLS LAST, o1.id) AS col5, (o1.net_minor - LAG(o1.net_minor) OVER (PARTITION BY o1.client_id ORDER BY o1.order_date NULLS LAST, o1.id)) AS col6, RANK() OVER (PARTITION BY o1.client_id ORDER BY o1.net_minor DESC NULLS LAST) AS col7
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = $1) AND (o1.client_id IN ($2, $3)))
ORDER BY o1.order_date NULLS LAST, o1.id;

-- orders | where status == "shipped" and client == 5 | sort order_date | derive next_order = next(order_date), gap = next(order_date) - order_date
-- $1 = 'shipped'
-- $2 = 5
SELECT o1.id AS col1, o1.number AS col2, o1.order_date AS col3, c4.name AS col4, o1.net_minor AS col5, o1.status AS col6, LEAD(o1.order_date) OVER (ORDER BY o1.order_date NULLS LAST, o1.id) AS col7, (LEAD(o1.order_date) OVER (ORDER BY o1.order_date NULLS LAST, o1.id) - o1.order_date) AS col8
FROM orders AS o1
LEFT JOIN clients AS c4 ON c4.id = o1.client_id
WHERE ((o1.status = $1) AND (o1.client_id = $2))
ORDER BY o1.order_date NULLS LAST, o1.id;

-- clients | select name, turnover, r = rank(turnover desc) | where r <= 3
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = 3
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT *
FROM (SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, RANK() OVER (ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY c1.id) AS s6
WHERE (s6.col3 <= $3);

-- clients | where turnover > 0 | sort turnover desc | select name, turnover, share = share(turnover), running = running_sum(turnover)
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, clientele_rdiv((COALESCE(j5.turnover, 0)) * 10000, NULLIF(SUM(COALESCE(j5.turnover, 0)) OVER (), 0)) AS col3, SUM(COALESCE(j5.turnover, 0)) OVER (ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id ROWS UNBOUNDED PRECEDING) AS col4
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > $3) AND (j5.client_id = c1.id)
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | chart line
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-MM')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-MM') COLLATE clientele_ci NULLS LAST;

-- clients | group region, abc agg n = count() | pivot abc
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 50000
-- $6 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.region AS col1, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END AS col2, COUNT(*) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
GROUP BY c1.region, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END
ORDER BY c1.region COLLATE clientele_ci NULLS LAST, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END COLLATE clientele_ci NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | pivot quarter
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT c5.name AS col1, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY c5.name, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q')
ORDER BY c5.name COLLATE clientele_ci NULLS LAST, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') COLLATE clientele_ci NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | pivot quarter spark
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT c5.name AS col1, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY c5.name, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q')
ORDER BY c5.name COLLATE clientele_ci NULLS LAST, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') COLLATE clientele_ci NULLS LAST;

-- clients | group region, abc agg average = avg(turnover) | pivot abc
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 50000
-- $6 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.region AS col1, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END AS col2, clientele_rdiv(SUM(COALESCE(j5.turnover, 0)), COUNT(COALESCE(j5.turnover, 0))) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
GROUP BY c1.region, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END
ORDER BY c1.region COLLATE clientele_ci NULLS LAST, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END COLLATE clientele_ci NULLS LAST;

-- clients | where abc(2024) == "C" | sort turnover(2024) desc
-- $1 = '2024-01-01'
-- $2 = '2024-12-31'
-- $3 = '2024-12-31'
-- $4 = 3
-- $5 = 'C'
-- $6 = 50000
-- $7 = 10000
-- $8 = 'C'
-- $9 = 50000
-- $10 = 10000
-- $11 = 'C'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $4 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $5 WHEN j5.turnover > $6 THEN 'A' WHEN j5.turnover >= $7 THEN 'B' ELSE 'C' END AS col6, COALESCE(j5.turnover, 0) AS col7
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $8 WHEN j5.turnover > $9 THEN 'A' WHEN j5.turnover >= $10 THEN 'B' ELSE 'C' END = $11)
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id;

-- contacts | sort id | select name, reach = coalesce(email, work_phone, "none")
-- $1 = 'none'
SELECT c1.name AS col1, COALESCE(c1.email, c1.work_phone, $1) AS col2
FROM contacts AS c1
ORDER BY c1.id NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | sort month desc | take 3
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-MM')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-MM') COLLATE clientele_ci DESC NULLS LAST
LIMIT 3;

-- orders | where status == "shipped" and order_date in 2025 | group month = month_of(order_date) agg revenue = sum(net) | chart line
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-MM')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-MM') COLLATE clientele_ci NULLS LAST;

-- orders | where client == 5 | sort order_date | select number, order_date, month = month_of(order_date), quarter = quarter_of(order_date)
-- $1 = 5
SELECT o1.number AS col1, o1.order_date AS col2, to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col3, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') AS col4
FROM orders AS o1
WHERE (o1.client_id = $1)
ORDER BY o1.order_date NULLS LAST, o1.id;

-- orders | where status == "shipped" and order_date in 2025-Q1 | group m = month_of(order_date) agg revenue = sum(net) | select m, revenue
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-03-31'
SELECT s5.col1 AS col1, s5.col2 AS col2
FROM (SELECT to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-MM')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-MM') COLLATE clientele_ci NULLS LAST) AS s5;

-- orders | where status == "shipped" and order_date in 2025-Q1 | group m = month_of(order_date) agg revenue = sum(net)
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-03-31'
SELECT to_char(CAST(o1.order_date AS date), 'YYYY-MM') AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY to_char(CAST(o1.order_date AS date), 'YYYY-MM')
ORDER BY to_char(CAST(o1.order_date AS date), 'YYYY-MM') COLLATE clientele_ci NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg revenue = sum(net) | spark quarter
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT c5.name AS col1, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') AS col2, COALESCE(SUM(o1.net_minor), 0) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY c5.name, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q')
ORDER BY c5.name COLLATE clientele_ci NULLS LAST, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') COLLATE clientele_ci NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | group client.name, quarter = quarter_of(order_date) agg orders = count() | spark quarter
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT c5.name AS col1, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') AS col2, COUNT(*) AS col3
FROM orders AS o1
LEFT JOIN clients AS c5 ON c5.id = o1.client_id
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3))
GROUP BY c5.name, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q')
ORDER BY c5.name COLLATE clientele_ci NULLS LAST, to_char(CAST(o1.order_date AS date), 'YYYY-"Q"Q') COLLATE clientele_ci NULLS LAST;
