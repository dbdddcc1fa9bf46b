-- orders | where client.region == "North" and status == "shipped" | sort id | select number, client.name, net
-- :p3 = 'North'
-- :p4 = 'shipped'
SELECT o1.number AS col1, c2.name AS col2, o1.net_minor AS col3
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
WHERE ((c2.region = :p3) AND (o1.status = :p4))
ORDER BY o1.id NULLS LAST;

-- payments | where order.client.name ~ "арбуз" | sort date | select date, order.number, amount
-- :p4 = 'арбуз'
SELECT p1.date AS col1, o2.number AS col2, p1.amount_minor AS col3
FROM payments AS p1
LEFT JOIN orders AS o2 ON o2.id = p1.order_id
LEFT JOIN clients AS c3 ON c3.id = o2.client_id
WHERE (CLIENTELE_CONTAINS(replace(replace(c3.name, 'ё', 'е'), 'Ё', 'Е'), :p4))
ORDER BY p1.date NULLS LAST, p1.id;

-- contacts | where client.abc == "A" | select name, client.name
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p8 = '2025-12-31'
-- :p10 = 'C'
-- :p11 = 50000
-- :p12 = 10000
-- :p13 = 'A'
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id),
     firstdeal7 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= :p8 GROUP BY client_id)
SELECT c1.name AS col1, c2.name AS col2
FROM contacts AS c1
LEFT JOIN clients AS c2 ON c2.id = c1.client_id
LEFT JOIN sales3 AS j6 ON j6.client_id = c2.id
LEFT JOIN firstdeal7 AS j9 ON j9.client_id = c2.id
WHERE (CASE WHEN j6.turnover IS NULL OR j6.turnover <= 0 THEN NULL WHEN j9.shipped = 1 THEN :p10 WHEN j6.turnover > :p11 THEN 'A' WHEN j6.turnover >= :p12 THEN 'B' ELSE 'C' END = :p13)
ORDER BY c1.id;

-- clients | sort id | select name, all_orders = count(orders), big = count(orders where net >= 200), shipped_total = sum(orders.net where status == "shipped"), last = max(orders.order_date)
-- :p4 = 20000
-- :p6 = 'shipped'
SELECT c1.name AS col1, (SELECT COUNT(*) AS v
FROM orders AS o2
WHERE (o2.client_id = c1.id)) AS col2, (SELECT COUNT(*) AS v
FROM orders AS o3
WHERE (o3.client_id = c1.id) AND (o3.net_minor >= :p4)) AS col3, (SELECT COALESCE(SUM(o5.net_minor), 0) AS v
FROM orders AS o5
WHERE (o5.client_id = c1.id) AND (o5.status = :p6)) AS col4, (SELECT MAX(o7.order_date) AS v
FROM orders AS o7
WHERE (o7.client_id = c1.id)) AS col5
FROM clients AS c1
ORDER BY c1.id NULLS LAST;

-- clients | where count(contacts) == 0 | sort id | select name
-- :p3 = 0
SELECT c1.name AS col1
FROM clients AS c1
WHERE ((SELECT COUNT(*) AS v
FROM contacts AS c2
WHERE (c2.client_id = c1.id)) = :p3)
ORDER BY c1.id NULLS LAST;

-- orders | group client.region agg total = sum(net) | sort total desc
SELECT c2.region AS col1, COALESCE(SUM(o1.net_minor), 0) AS col2
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
GROUP BY c2.region
ORDER BY col2 DESC NULLS LAST;
