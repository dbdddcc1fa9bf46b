-- orders | where client.region == "North" and status == "shipped" | sort id | select number, client.name, net
-- $1 = 'North'
-- $2 = 'shipped'
SELECT o1.number AS col1, c2.name AS col2, o1.net_minor AS col3
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
WHERE ((c2.region = $1) AND (o1.status = $2))
ORDER BY o1.id NULLS LAST;

-- payments | where order.client.name ~ "арбуз" | sort date | select date, order.number, amount
-- $1 = 'арбуз'
SELECT p1.date AS col1, o2.number AS col2, p1.amount_minor AS col3
FROM payments AS p1
LEFT JOIN orders AS o2 ON o2.id = p1.order_id
LEFT JOIN clients AS c3 ON c3.id = o2.client_id
WHERE (clientele_contains(replace(replace(c3.name, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY p1.date NULLS LAST, p1.id;

-- contacts | where client.abc == "A" | select name, client.name
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 50000
-- $6 = 10000
-- $7 = 'A'
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal7 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.name AS col1, c2.name AS col2
FROM contacts AS c1
LEFT JOIN clients AS c2 ON c2.id = c1.client_id
LEFT JOIN sales3 AS j6 ON j6.client_id = c2.id
LEFT JOIN firstdeal7 AS j9 ON j9.client_id = c2.id
WHERE (CASE WHEN j6.turnover IS NULL OR j6.turnover <= 0 THEN NULL WHEN j9.shipped = 1 THEN $4 WHEN j6.turnover > $5 THEN 'A' WHEN j6.turnover >= $6 THEN 'B' ELSE 'C' END = $7)
ORDER BY c1.id;

-- clients | sort id | select name, all_orders = count(orders), big = count(orders where net >= 200), shipped_total = sum(orders.net where status == "shipped"), last = max(orders.order_date)
-- $1 = 20000
-- $2 = 'shipped'
SELECT c1.name AS col1, (SELECT COUNT(*) AS v
FROM orders AS o2
WHERE (o2.client_id = c1.id)) AS col2, (SELECT COUNT(*) AS v
FROM orders AS o3
WHERE (o3.client_id = c1.id) AND (o3.net_minor >= $1)) AS col3, (SELECT COALESCE(SUM(o5.net_minor), 0) AS v
FROM orders AS o5
WHERE (o5.client_id = c1.id) AND (o5.status = $2)) AS col4, (SELECT MAX(o7.order_date) AS v
FROM orders AS o7
WHERE (o7.client_id = c1.id)) AS col5
FROM clients AS c1
ORDER BY c1.id NULLS LAST;

-- clients | where count(contacts) == 0 | sort id | select name
-- $1 = 0
SELECT c1.name AS col1
FROM clients AS c1
WHERE ((SELECT COUNT(*) AS v
FROM contacts AS c2
WHERE (c2.client_id = c1.id)) = $1)
ORDER BY c1.id NULLS LAST;

-- orders | group client.region agg total = sum(net) | sort total desc
SELECT c2.region AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
GROUP BY c2.region
ORDER BY col2 DESC NULLS LAST;
