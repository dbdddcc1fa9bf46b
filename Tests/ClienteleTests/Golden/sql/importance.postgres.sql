-- settings | where key ~ "importance." | sort key | select key, value, default_value
-- $1 = 'importance.'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE (clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY s1.key COLLATE clientele_ci NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, direction, region, importance_group, turnover(2023), importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = 2000
-- $4 = 7000
-- $5 = 'retail'
-- $6 = 'retail'
-- $7 = 9
WITH sales4 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     importance8 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < $3 * total THEN 'key' WHEN before * 10000 < $4 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN ($5) THEN c.region ELSE c.direction END ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY CASE WHEN c.direction IN ($5) THEN c.region ELSE c.direction END, s.turnover) AS before, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN ($5) THEN c.region ELSE c.direction END) AS total FROM sales4 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0) AS subquery1) AS subquery2 GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, c1.direction AS col3, c1.region AS col4, CASE WHEN c1.direction IN ($6) THEN c1.region ELSE c1.direction END AS col5, COALESCE(j7.turnover, 0) AS col6, j12.class AS col7
FROM clients AS c1
LEFT JOIN sales4 AS j7 ON j7.client_id = c1.id
LEFT JOIN importance8 AS j12 ON j12.client_id = c1.id
WHERE (c1.id >= $7)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance_group, importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = 2000
-- $4 = 7000
-- $5 = 'retail'
-- $6 = 'horeca'
-- $7 = 'retail'
-- $8 = 'horeca'
-- $9 = 9
WITH sales6 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     importance5 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < $3 * total THEN 'key' WHEN before * 10000 < $4 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN ($5, $6) THEN c.region ELSE c.direction END ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY CASE WHEN c.direction IN ($5, $6) THEN c.region ELSE c.direction END, s.turnover) AS before, SUM(s.turnover) OVER (PARTITION BY CASE WHEN c.direction IN ($5, $6) THEN c.region ELSE c.direction END) AS total FROM sales6 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0) AS subquery1) AS subquery2 GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, CASE WHEN c1.direction IN ($7, $8) THEN c1.region ELSE c1.direction END AS col3, j13.class AS col4
FROM clients AS c1
LEFT JOIN importance5 AS j13 ON j13.client_id = c1.id
WHERE (c1.id >= $9)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = 2000
-- $4 = 7000
-- $5 = 9
WITH sales4 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     importance3 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < $3 * total THEN 'key' WHEN before * 10000 < $4 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY s.turnover) AS before, SUM(s.turnover) OVER () AS total FROM sales4 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0) AS subquery1) AS subquery2 GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, j9.class AS col3
FROM clients AS c1
LEFT JOIN importance3 AS j9 ON j9.client_id = c1.id
WHERE (c1.id >= $5)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance_group, importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = 2000
-- $4 = 7000
-- $5 = 9
WITH sales4 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     importance3 AS (SELECT client_id, MIN(class) AS class FROM (SELECT client_id, CASE WHEN before * 10000 < $3 * total THEN 'key' WHEN before * 10000 < $4 * total THEN 'medium' ELSE 'small' END AS class FROM (SELECT s.client_id, SUM(s.turnover) OVER (ORDER BY s.turnover DESC RANGE UNBOUNDED PRECEDING) - s.turnover * COUNT(*) OVER (PARTITION BY s.turnover) AS before, SUM(s.turnover) OVER () AS total FROM sales4 AS s JOIN clients AS c ON c.id = s.client_id WHERE s.turnover > 0) AS subquery1) AS subquery2 GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, c1.direction AS col3, j9.class AS col4
FROM clients AS c1
LEFT JOIN importance3 AS j9 ON j9.client_id = c1.id
WHERE (c1.id >= $5)
ORDER BY c1.id NULLS LAST;
