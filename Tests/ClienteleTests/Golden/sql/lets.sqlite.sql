-- north | sort name | select name, turnover
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p2 = 'North'
-- :p7 = 20000
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j6.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
WHERE (c1.region = :p2) AND (COALESCE(j6.turnover, 0) > :p7) AND (j6.client_id = c1.id)
ORDER BY c1.name COLLATE CLIENTELE_NOCASE NULLS LAST, c1.id;

-- north | count
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p8 = 3
-- :p2 = 'North'
-- :p7 = 20000
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id)
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p8 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, COALESCE(j6.turnover, 0) AS col6
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
WHERE (c1.region = :p2) AND (COALESCE(j6.turnover, 0) > :p7) AND (j6.client_id = c1.id));

-- firsts
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
ORDER BY c1.id NULLS LAST
LIMIT 3;

-- rich | select name, turnover
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p2 = 'North'
-- :p7 = 50000
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j6.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
WHERE (c1.region = :p2) AND (COALESCE(j6.turnover, 0) > :p7) AND (j6.client_id = c1.id)
ORDER BY c1.id;

-- base | count
SELECT COUNT(*) AS col1 FROM (SELECT o1.id AS col1, o1.number AS col2, o1.order_date AS col3, c2.name AS col4, o1.net_minor AS col5, o1.status AS col6
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id);

-- x
-- :p2 = 0
SELECT o1.status AS col1, COUNT(*) AS col2
FROM orders AS o1
WHERE (o1.gross_minor > :p2)
GROUP BY o1.status
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- shipped
-- :p2 = 'shipped'
SELECT COUNT(*) AS col1 FROM (SELECT o1.id AS col1, o1.number AS col2, o1.order_date AS col3, c3.name AS col4, o1.net_minor AS col5, o1.status AS col6
FROM orders AS o1
LEFT JOIN clients AS c3 ON c3.id = o1.client_id
WHERE (o1.status = :p2));
