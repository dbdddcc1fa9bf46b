-- clients | where region == "North" | sort name
-- $1 = 3
-- $2 = 'North'
SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE (c1.region = $2)
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id;

-- clients | sort region, turnover desc | select name, region, turnover
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.name AS col1, c1.region AS col2, COALESCE(j5.turnover, 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY c1.region COLLATE clientele_ci NULLS LAST, COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id;

-- clients | sort turnover desc | take 3 | select name, turnover
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY COALESCE(j5.turnover, 0) DESC NULLS LAST, c1.id
LIMIT 3;

-- clients | sort id | skip 5 | select id, name
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
ORDER BY c1.id NULLS LAST
LIMIT ALL OFFSET 5;

-- clients | sort id | skip 2 | take 2 | select id, name
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
ORDER BY c1.id NULLS LAST
LIMIT 2 OFFSET 2;

-- clients | where turnover > 0 | sort id | select name, revenue = turnover, per_outlet = turnover / outlets, outlets
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2, clientele_rdiv(COALESCE(j5.turnover, 0), c1.outlets) AS col3, c1.outlets AS col4
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > $3) AND (j5.client_id = c1.id)
ORDER BY c1.id NULLS LAST;

-- orders | derive days = due_date - order_date | where status == "shipped" and days != 10 | count
-- $1 = 'shipped'
-- $2 = 10
SELECT COUNT(*) AS col1 FROM (SELECT o1.id AS col1, o1.number AS col2, o1.order_date AS col3, c4.name AS col4, o1.net_minor AS col5, o1.status AS col6, (o1.due_date - o1.order_date) AS col7
FROM orders AS o1
LEFT JOIN clients AS c4 ON c4.id = o1.client_id
WHERE ((o1.status = $1) AND ((o1.due_date - o1.order_date) <> $2))) AS subquery1;

-- orders | where client == 5 | derive late_by = due_date - order_date | sort id | select number, late_by
-- $1 = 5
SELECT o1.number AS col1, (o1.due_date - o1.order_date) AS col2
FROM orders AS o1
WHERE (o1.client_id = $1)
ORDER BY o1.id NULLS LAST;

-- clients | group region agg n = count(), revenue = sum(turnover), average = avg(turnover), smallest = min(turnover), largest = max(turnover), share = share(sum(turnover))
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.region AS col1, COUNT(*) AS col2, COALESCE(SUM(COALESCE(j5.turnover, 0)), 0) AS col3, clientele_rdiv(SUM(COALESCE(j5.turnover, 0)), COUNT(COALESCE(j5.turnover, 0))) AS col4, MIN(COALESCE(j5.turnover, 0)) AS col5, MAX(COALESCE(j5.turnover, 0)) AS col6, clientele_rdiv((COALESCE(SUM(COALESCE(j5.turnover, 0)), 0)) * 10000, NULLIF(SUM(COALESCE(SUM(COALESCE(j5.turnover, 0)), 0)) OVER (), 0)) AS col7
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
GROUP BY c1.region
ORDER BY c1.region COLLATE clientele_ci NULLS LAST;

-- orders | group status agg n = count(), clients = count(distinct client), total = sum(net)
SELECT o1.status AS col1, COUNT(*) AS col2, COUNT(DISTINCT o1.client_id) AS col3, COALESCE(SUM(o1.net_minor), 0) AS col4
FROM orders AS o1
GROUP BY o1.status
ORDER BY o1.status COLLATE clientele_ci NULLS LAST;

-- clients | group sales_type | sort n desc
-- $1 = 3
SELECT COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col1, COUNT(*) AS col2
FROM clients AS c1
GROUP BY COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END)
ORDER BY col2 DESC NULLS LAST;

-- orders | where status == "shipped" and order_date in 2025 | agg orders = count(), total = sum(net), average = avg(net), first = min(order_date), last = max(order_date)
-- $1 = 'shipped'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
SELECT COUNT(*) AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2, clientele_rdiv(SUM(o1.net_minor), COUNT(o1.net_minor)) AS col3, MIN(o1.order_date) AS col4, MAX(o1.order_date) AS col5
FROM orders AS o1
WHERE ((o1.status = $1) AND (o1.order_date BETWEEN $2 AND $3));

-- clients | group region agg n = count() | where n >= 2 | sort n desc, region
-- $1 = 2
SELECT *
FROM (SELECT c1.region AS col1, COUNT(*) AS col2
FROM clients AS c1
GROUP BY c1.region
ORDER BY c1.region COLLATE clientele_ci NULLS LAST) AS s2
WHERE (s2.col2 >= $1)
ORDER BY s2.col2 DESC NULLS LAST, s2.col1 COLLATE clientele_ci NULLS LAST;

-- clients | select curator | distinct | sort curator
SELECT *
FROM (SELECT DISTINCT c1.curator AS col1
FROM clients AS c1) AS subquery1
ORDER BY col1 COLLATE clientele_ci NULLS LAST;

-- clients | where status == "active" | count
-- $1 = '0001-01-01'
-- $2 = '2025-12-31'
-- $3 = 3
-- $4 = '2025-07-04'
-- $5 = '2025-10-02'
-- $6 = '2025-07-04'
-- $7 = '2025-10-02'
-- $8 = 'active'
WITH sales2 AS (SELECT client_id, MIN(order_date) AS first_order, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $3 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < $4 THEN 'lost' WHEN j5.first_order >= $5 THEN 'new' ELSE 'active' END) AS col6
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(c1.status_override, CASE WHEN j5.first_order IS NULL THEN 'potential' WHEN j5.last_order < $6 THEN 'lost' WHEN j5.first_order >= $7 THEN 'new' ELSE 'active' END) = $8)) AS subquery1;

-- clients | where abc != null | group abc agg revenue = sum(turnover) | chart
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 50000
-- $6 = 10000
-- $7 = 'C'
-- $8 = 50000
-- $9 = 10000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END AS col1, COALESCE(SUM(COALESCE(j5.turnover, 0)), 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $7 WHEN j5.turnover > $8 THEN 'A' WHEN j5.turnover >= $9 THEN 'B' ELSE 'C' END IS NOT NULL)
GROUP BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END
ORDER BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END COLLATE clientele_ci NULLS LAST;

-- clients | group region agg n = count(), with_orders = count(where orders_count > 0), abc_c = sum(turnover where abc == "C")
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 0
-- $5 = 'C'
-- $6 = 50000
-- $7 = 10000
-- $8 = 'C'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal7 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.region AS col1, COUNT(*) AS col2, COUNT(CASE WHEN COALESCE(j5.orders_count, 0) > $4 THEN 1 END) AS col3, COALESCE(SUM(CASE WHEN CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j9.shipped = 1 THEN $5 WHEN j5.turnover > $6 THEN 'A' WHEN j5.turnover >= $7 THEN 'B' ELSE 'C' END = $8 THEN COALESCE(j5.turnover, 0) END), 0) AS col4
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal7 AS j9 ON j9.client_id = c1.id
GROUP BY c1.region
ORDER BY c1.region COLLATE clientele_ci NULLS LAST;

-- clients | where id == 1 | select turnover(2025-Q1), turnover(previous quarter), orders_count(2025)
-- $1 = '2025-01-01'
-- $2 = '2025-03-31'
-- $3 = '2025-07-01'
-- $4 = '2025-09-30'
-- $5 = '2025-01-01'
-- $6 = '2025-12-31'
-- $7 = 1
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     sales7 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $3 AND $4 GROUP BY client_id),
     sales11 AS (SELECT client_id, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN $5 AND $6 GROUP BY client_id)
SELECT COALESCE(j6.turnover, 0) AS col1, COALESCE(j10.turnover, 0) AS col2, COALESCE(j14.orders_count, 0) AS col3
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
LEFT JOIN sales7 AS j10 ON j10.client_id = c1.id
LEFT JOIN sales11 AS j14 ON j14.client_id = c1.id
WHERE (c1.id = $7)
ORDER BY c1.id;
