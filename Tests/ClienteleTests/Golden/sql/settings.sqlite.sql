-- settings | where key ~ "abc.a_min" or key ~ "abc.b_min" | select key, value, default_value
-- :p2 = 'abc.a_min'
-- :p3 = 'abc.b_min'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE ((CLIENTELE_CONTAINS(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), :p2)) OR (CLIENTELE_CONTAINS(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), :p3)))
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

-- clients | where name == "Елкин ИП" or name ~ "елк" | select id, name
-- :p3 = 'Елкин ИП'
-- :p5 = 'елк'
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
WHERE ((replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = :p3) OR (CLIENTELE_CONTAINS(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), :p5)))
ORDER BY c1.id;

-- clients | where name ~= "ЕЛКИН ИП" | count
-- :p4 = 3
-- :p3 = 'ЕЛКИН ИП'
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p4 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE (CLIENTELE_FOLD(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е')) = CLIENTELE_FOLD(:p3)));

-- clients | where name == "Елкин ИП" or name ~ "елк" | count
-- :p6 = 3
-- :p3 = 'Елкин ИП'
-- :p5 = 'елк'
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p6 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE ((replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = :p3) OR (CLIENTELE_CONTAINS(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), :p5))));

-- clients | where name ~ "ёлк" | select id, name
-- :p3 = 'елк'
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
WHERE (CLIENTELE_CONTAINS(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), :p3))
ORDER BY c1.id;
