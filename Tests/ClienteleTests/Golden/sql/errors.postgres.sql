-- clients | select x = turnover / (outlets - outlets)
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT clientele_rdiv(COALESCE(j5.turnover, 0), (c1.outlets - c1.outlets)) AS col1
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
ORDER BY c1.id;

-- update clients | where id == 1 set name = "changed"
-- $1 = 1
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = $1);

-- update clients | where id == 1 set outlets = -1
-- $1 = 1
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = $1);

-- orders | select x = net * 92233720368547758
-- $1 = 92233720368547758
SELECT ((o1.net_minor) * ($1)) AS col1
FROM orders AS o1
ORDER BY o1.id;
