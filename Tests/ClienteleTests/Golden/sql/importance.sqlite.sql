-- settings | where key ~ "importance." | sort key | select key, value, default_value
-- :p2 = 'importance.'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE (CLIENTELE_CONTAINS(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), :p2))
ORDER BY s1.key COLLATE CLIENTELE_NOCASE NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, direction, region, importance_group, turnover(2023), importance(2023)
-- :p5 = '2023-01-01'
-- :p6 = '2023-12-31'
-- :p10 = 2000
-- :p11 = 7000
-- :p9 = 'retail'
-- :p3 = 'retail'
-- :p2 = 9
WITH sales4 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p5 AND :p6 GROUP BY client_id),
     importance8 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < :p10 * total THEN 'key' WHEN before * 10000 < :p11 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN (:p9) THEN c.region ELSE c.direction END ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY CASE WHEN c.direction IN (:p9) THEN c.region ELSE c.direction END, s.turnover) AS before, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN (:p9) THEN c.region ELSE c.direction END) AS total FROM sales4 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0)) GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, c1.direction AS col3, c1.region AS col4, CASE WHEN c1.direction IN (:p3) THEN c1.region ELSE c1.direction END AS col5, COALESCE(j7.turnover, 0) AS col6, j12.class AS col7
FROM clients AS c1
LEFT JOIN sales4 AS j7 ON j7.client_id = c1.id
LEFT JOIN importance8 AS j12 ON j12.client_id = c1.id
WHERE (c1.id >= :p2)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance_group, importance(2023)
-- :p7 = '2023-01-01'
-- :p8 = '2023-12-31'
-- :p11 = 2000
-- :p12 = 7000
-- :p9 = 'retail'
-- :p10 = 'horeca'
-- :p3 = 'retail'
-- :p4 = 'horeca'
-- :p2 = 9
WITH sales6 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p7 AND :p8 GROUP BY client_id),
     importance5 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < :p11 * total THEN 'key' WHEN before * 10000 < :p12 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN (:p9, :p10) THEN c.region ELSE c.direction END ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY CASE WHEN c.direction IN (:p9, :p10) THEN c.region ELSE c.direction END, s.turnover) AS before, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN (:p9, :p10) THEN c.region ELSE c.direction END) AS total FROM sales6 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0)) GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, CASE WHEN c1.direction IN (:p3, :p4) THEN c1.region ELSE c1.direction END AS col3, j13.class AS col4
FROM clients AS c1
LEFT JOIN importance5 AS j13 ON j13.client_id = c1.id
WHERE (c1.id >= :p2)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance(2023)
-- :p5 = '2023-01-01'
-- :p6 = '2023-12-31'
-- :p7 = 2000
-- :p8 = 7000
-- :p2 = 9
WITH sales4 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p5 AND :p6 GROUP BY client_id),
     importance3 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < :p7 * total THEN 'key' WHEN before * 10000 < :p8 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY s.turnover) AS before, SUM(s.turnover) OVER () AS total FROM sales4 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0)) GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, j9.class AS col3
FROM clients AS c1
LEFT JOIN importance3 AS j9 ON j9.client_id = c1.id
WHERE (c1.id >= :p2)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance_group, importance(2023)
-- :p5 = '2023-01-01'
-- :p6 = '2023-12-31'
-- :p7 = 2000
-- :p8 = 7000
-- :p2 = 9
WITH sales4 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p5 AND :p6 GROUP BY client_id),
     importance3 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < :p7 * total THEN 'key' WHEN before * 10000 < :p8 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY s.turnover) AS before, SUM(s.turnover) OVER () AS total FROM sales4 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0)) GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, c1.direction AS col3, j9.class AS col4
FROM clients AS c1
LEFT JOIN importance3 AS j9 ON j9.client_id = c1.id
WHERE (c1.id >= :p2)
ORDER BY c1.id NULLS LAST;
