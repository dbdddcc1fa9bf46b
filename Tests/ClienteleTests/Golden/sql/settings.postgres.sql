-- settings | where key ~ "abc.a_min" or key ~ "abc.b_min" | select key, value, default_value
-- $1 = 'abc.a_min'
-- $2 = 'abc.b_min'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE ((clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $1)) OR (clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $2)))
ORDER BY s1.key COLLATE clientele_ci;

-- clients | where abc == "A" | sort name | select name, turnover
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 'C'
-- $5 = 40000
-- $6 = 10000
-- $7 = 'A'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
WHERE (CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $4 WHEN j5.turnover > $5 THEN 'A' WHEN j5.turnover >= $6 THEN 'B' ELSE 'C' END = $7)
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id;

-- clients | where name == "Елкин ИП" or name ~ "елк" | select id, name
-- $1 = 'Елкин ИП'
-- $2 = 'елк'
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
WHERE ((replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = $1) OR (clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $2)))
ORDER BY c1.id;

-- clients | where name ~= "ЕЛКИН ИП" | count
-- $1 = 3
-- $2 = 'ЕЛКИН ИП'
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE (clientele_fold(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е')) = clientele_fold($2))) AS subquery1;

-- clients | where name == "Елкин ИП" or name ~ "елк" | count
-- $1 = 3
-- $2 = 'Елкин ИП'
-- $3 = 'елк'
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE ((replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = $2) OR (clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $3)))) AS subquery1;

-- clients | where name ~ "ёлк" | select id, name
-- $1 = 'елк'
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
WHERE (clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY c1.id;
