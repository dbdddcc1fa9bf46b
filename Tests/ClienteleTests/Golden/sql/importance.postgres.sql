-- settings | where key ~ "importance." | sort key | select key, value, default_value
-- $1 = 'importance.'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE (clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY s1.key COLLATE clientele_ci NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, direction, region, importance_group, turnover(2023), importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = '2023-01-01'
-- $4 = '2023-12-31'
-- $5 = 'importance_group'
-- $6 = 'retail'
-- $7 = 2000
-- $8 = 7000
-- $9 = 'key'
-- $10 = 'medium'
-- $11 = 'small'
-- $12 = 'retail'
-- $13 = 9
WITH sales4 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     importance8 AS (SELECT client_id, class FROM clientele_pareto_classes($3, $4, $5, $6, $7, $8, $9, $10, $11) AS ranks)
SELECT c1.id AS col1, c1.name AS col2, c1.direction AS col3, c1.region AS col4, CASE WHEN c1.direction IN ($12) THEN c1.region ELSE c1.direction END AS col5, COALESCE(j7.turnover, 0) AS col6, j18.class AS col7
FROM clients AS c1
LEFT JOIN sales4 AS j7 ON j7.client_id = c1.id
LEFT JOIN importance8 AS j18 ON j18.client_id = c1.id
WHERE (c1.id >= $13)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance_group, importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = 'importance_group'
-- $4 = 'retail,horeca'
-- $5 = 2000
-- $6 = 7000
-- $7 = 'key'
-- $8 = 'medium'
-- $9 = 'small'
-- $10 = 'retail'
-- $11 = 'horeca'
-- $12 = 9
WITH importance5 AS (SELECT client_id, class FROM clientele_pareto_classes($1, $2, $3, $4, $5, $6, $7, $8, $9) AS ranks)
SELECT c1.id AS col1, c1.name AS col2, CASE WHEN c1.direction IN ($10, $11) THEN c1.region ELSE c1.direction END AS col3, j15.class AS col4
FROM clients AS c1
LEFT JOIN importance5 AS j15 ON j15.client_id = c1.id
WHERE (c1.id >= $12)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = ''
-- $4 = 2000
-- $5 = 7000
-- $6 = 'key'
-- $7 = 'medium'
-- $8 = 'small'
-- $9 = 9
WITH importance3 AS (SELECT client_id, class FROM clientele_pareto_classes($1, $2, NULL, $3, $4, $5, $6, $7, $8) AS ranks)
SELECT c1.id AS col1, c1.name AS col2, j12.class AS col3
FROM clients AS c1
LEFT JOIN importance3 AS j12 ON j12.client_id = c1.id
WHERE (c1.id >= $9)
ORDER BY c1.id NULLS LAST;

-- clients | where id >= 9 | sort id | select id, name, importance_group, importance(2023)
-- $1 = '2023-01-01'
-- $2 = '2023-12-31'
-- $3 = ''
-- $4 = 2000
-- $5 = 7000
-- $6 = 'key'
-- $7 = 'medium'
-- $8 = 'small'
-- $9 = 9
WITH importance3 AS (SELECT client_id, class FROM clientele_pareto_classes($1, $2, NULL, $3, $4, $5, $6, $7, $8) AS ranks)
SELECT c1.id AS col1, c1.name AS col2, c1.direction AS col3, j12.class AS col4
FROM clients AS c1
LEFT JOIN importance3 AS j12 ON j12.client_id = c1.id
WHERE (c1.id >= $9)
ORDER BY c1.id NULLS LAST;
